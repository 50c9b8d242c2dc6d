using Convergent.Tensors;

namespace Convergent.Nn;

/// <summary>
/// Penalty l1·Σ|w| + l2·Σw² (both terms only when their factor is non-zero). Keras
/// <c>keras.regularizers.L1L2(l1=0.0, l2=0.0)</c> (<c>"l1_l2"</c>). The gradient of |w| at 0 is taken as 0.
/// </summary>
public class L1L2 : Regularizer
{
    /// <summary>Creates the penalty; both factors must be non-negative and finite.</summary>
    public L1L2(double l1 = 0.0, double l2 = 0.0)
    {
        Check.NonNegative(l1, "l1");
        Check.NonNegative(l2, "l2");
        L1Factor = l1;
        L2Factor = l2;
    }

    /// <summary>Factor of Σ|w| (Keras <c>l1</c>).</summary>
    public double L1Factor { get; }

    /// <summary>Factor of Σw² (Keras <c>l2</c>).</summary>
    public double L2Factor { get; }

    public override Tensor Penalty(Tensor w)
    {
        Tensor? total = null;
        if (L1Factor != 0) total = Ops.MultiplyScalar(Ops.Sum(Ops.Abs(w)), L1Factor);
        if (L2Factor != 0)
        {
            var l2 = Ops.MultiplyScalar(Ops.Sum(Ops.Square(w)), L2Factor);
            total = total is null ? l2 : total + l2;
        }
        // a zero penalty still depends on w, so callers can sum penalties without special cases
        return total ?? Ops.MultiplyScalar(Ops.Sum(w), 0.0);
    }

    public override IReadOnlyDictionary<string, object?> GetConfig() =>
        new Dictionary<string, object?> { ["l1"] = L1Factor, ["l2"] = L2Factor };
}
