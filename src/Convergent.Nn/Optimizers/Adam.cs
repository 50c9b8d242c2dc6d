using System.Numerics;
using Convergent.Tensors;

namespace Convergent.Nn;

/// <summary>
/// Adam: adaptive moment estimation (Keras <c>keras.optimizers.Adam</c>). Kingma &amp; Ba, "Adam: A Method for
/// Stochastic Optimization" (ICLR 2015); AMSGrad from Reddi, Kale &amp; Kumar, "On the Convergence of Adam and
/// Beyond" (ICLR 2018).
/// </summary>
/// <remarks>
/// Keras 3's update at step t = iterations + 1, with slots m (<c>momentum</c>) and v (<c>velocity</c>):
/// α = η·√(1 − β₂ᵗ)/(1 − β₁ᵗ); m ← m + (g − m)(1 − β₁); v ← v + (g² − v)(1 − β₂);
/// with amsgrad v̂ ← max(v̂, v) (slot <c>velocity_hat</c>) is used in place of v; w ← w − α·m/(√v + ε).
/// Note ε is added to √v without bias correction (Keras's "epsilon hat"), so it matters more than in the paper's form.
/// </remarks>
public class Adam : Optimizer
{
    /// <summary>Creates the optimizer (Keras defaults <c>learning_rate=0.001, beta_1=0.9, beta_2=0.999,
    /// epsilon=1e-7, amsgrad=False</c>).</summary>
    public Adam(double learningRate = 0.001, double beta1 = 0.9, double beta2 = 0.999, double epsilon = 1e-7,
        bool amsgrad = false, LearningRateSchedule? schedule = null, double? clipNorm = null, double? clipValue = null,
        double? globalClipNorm = null, double? weightDecay = null)
        : base(learningRate, schedule, clipNorm, clipValue, globalClipNorm, weightDecay)
    {
        OptimizerChecks.RequireUnitInterval(beta1, "beta_1");
        OptimizerChecks.RequireUnitInterval(beta2, "beta_2");
        OptimizerChecks.RequireNonNegative(epsilon, "epsilon");
        Beta1 = beta1; Beta2 = beta2; Epsilon = epsilon; Amsgrad = amsgrad;
    }

    public override string KerasName => "adam";

    /// <summary>Decay of the first-moment estimate.</summary>
    public double Beta1 { get; }
    /// <summary>Decay of the second-moment estimate.</summary>
    public double Beta2 { get; }
    /// <summary>Added to √v for stability.</summary>
    public double Epsilon { get; }
    /// <summary>Whether the AMSGrad variant (running maximum of v) is used.</summary>
    public bool Amsgrad { get; }

    protected override void UpdateStep(Variable variable, Tensor gradient, double learningRate)
    {
        double t = Iterations + 1;
        double alpha = learningRate * Math.Sqrt(1 - Math.Pow(Beta2, t)) / (1 - Math.Pow(Beta1, t));
        var m = Slot(variable, "momentum");
        var v = Slot(variable, "velocity");
        var vHat = Amsgrad ? Slot(variable, "velocity_hat") : null;
        var w = variable.Value;
        float a32 = (float)alpha, b1f = (float)(1 - Beta1), b2f = (float)(1 - Beta2), ef = (float)Epsilon;
        double b1 = 1 - Beta1, b2 = 1 - Beta2, e = Epsilon;
        bool ams = Amsgrad;
        if (w.DType == DType.Float32)
            Update<float>(w, gradient, m, v, vHat, (w, g, m, v, vh, ref s) => Step(w, g, m, v, vh, a32, b1f, b2f, ef, ams, ref s));
        else
            Update<double>(w, gradient, m, v, vHat, (w, g, m, v, vh, ref s) => Step(w, g, m, v, vh, alpha, b1, b2, e, ams, ref s));
    }

    /// <summary>One fused pass over the elements (vectorized, then a scalar tail), in Keras's operation order.</summary>
    private static void Step<T>(Span<T> w, ReadOnlySpan<T> g, Span<T> m, Span<T> v, Span<T> vHat,
        T alpha, T oneMinusBeta1, T oneMinusBeta2, T epsilon, bool amsgrad, ref UpdateSums<T> sums)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int i = 0, n = w.Length;
        if (Vector.IsHardwareAccelerated && Vector<T>.IsSupported)
        {
            var a = new Vector<T>(alpha); var b1 = new Vector<T>(oneMinusBeta1);
            var b2 = new Vector<T>(oneMinusBeta2); var e = new Vector<T>(epsilon);
            for (; i <= n - Vector<T>.Count; i += Vector<T>.Count)
            {
                var gi = new Vector<T>(g[i..]);
                var mi = new Vector<T>(m[i..]);
                var vi = new Vector<T>(v[i..]);
                mi += (gi - mi) * b1;
                vi += (gi * gi - vi) * b2;
                mi.CopyTo(m[i..]);
                vi.CopyTo(v[i..]);
                if (amsgrad)
                {
                    vi = Vector.Max(new Vector<T>(vHat[i..]), vi);
                    vi.CopyTo(vHat[i..]);
                }
                var wi = new Vector<T>(w[i..]);
                var wn = wi - mi * a / (Vector.SquareRoot(vi) + e);
                wn.CopyTo(w[i..]);
                sums.Add(wi, wn);
            }
        }
        for (; i < n; i++)
        {
            m[i] += (g[i] - m[i]) * oneMinusBeta1;
            v[i] += (g[i] * g[i] - v[i]) * oneMinusBeta2;
            T vi = v[i];
            if (amsgrad) { vHat[i] = T.Max(vHat[i], vi); vi = vHat[i]; }
            T before = w[i];
            w[i] -= m[i] * alpha / (T.Sqrt(vi) + epsilon);
            sums.Add(before, w[i]);
        }
    }

    public override IReadOnlyDictionary<string, object?> GetConfig() => new Dictionary<string, object?>(base.GetConfig())
    {
        ["beta_1"] = Beta1,
        ["beta_2"] = Beta2,
        ["epsilon"] = Epsilon,
        ["amsgrad"] = Amsgrad,
    };
}
