using System.Numerics;
using Convergent.Tensors;

namespace Convergent.Nn;

/// <summary>
/// Adagrad: per-parameter rates scaled by the accumulated squared gradients (Keras <c>keras.optimizers.Adagrad</c>).
/// Duchi, Hazan &amp; Singer, "Adaptive Subgradient Methods for Online Learning and Stochastic Optimization" (JMLR 2011).
/// </summary>
/// <remarks>
/// Keras 3's update, with slot a (<c>accumulator</c>) starting at <c>initial_accumulator_value</c>:
/// a ← a + g²; w ← w − η·g/√(a + ε).
/// </remarks>
public sealed class Adagrad : Optimizer
{
    /// <summary>Creates the optimizer (Keras defaults <c>learning_rate=0.001, initial_accumulator_value=0.1,
    /// epsilon=1e-7</c>).</summary>
    public Adagrad(double learningRate = 0.001, double initialAccumulatorValue = 0.1, double epsilon = 1e-7,
        LearningRateSchedule? schedule = null, double? clipNorm = null, double? clipValue = null,
        double? globalClipNorm = null, double? weightDecay = null)
        : base(learningRate, schedule, clipNorm, clipValue, globalClipNorm, weightDecay)
    {
        OptimizerChecks.RequireNonNegative(initialAccumulatorValue, "initial_accumulator_value");
        OptimizerChecks.RequireNonNegative(epsilon, "epsilon");
        InitialAccumulatorValue = initialAccumulatorValue; Epsilon = epsilon;
    }

    public override string KerasName => "adagrad";

    /// <summary>Starting value of the accumulator.</summary>
    public double InitialAccumulatorValue { get; }
    /// <summary>Added to the accumulator inside the root.</summary>
    public double Epsilon { get; }

    protected override void UpdateStep(Variable variable, Tensor gradient, double learningRate)
    {
        var a = Slot(variable, "accumulator", InitialAccumulatorValue);
        var w = variable.Value;
        float lrf = (float)learningRate, ef = (float)Epsilon;
        double e = Epsilon;
        if (w.DType == DType.Float32) Update<float>(w, gradient, a, null, null, (w, g, a, _, _, ref s) => Step(w, g, a, lrf, ef, ref s));
        else Update<double>(w, gradient, a, null, null, (w, g, a, _, _, ref s) => Step(w, g, a, learningRate, e, ref s));
    }

    private static void Step<T>(Span<T> w, ReadOnlySpan<T> g, Span<T> a, T lr, T epsilon, ref UpdateSums<T> sums)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int i = 0, n = w.Length;
        if (Vector.IsHardwareAccelerated && Vector<T>.IsSupported)
        {
            var l = new Vector<T>(lr); var e = new Vector<T>(epsilon);
            for (; i <= n - Vector<T>.Count; i += Vector<T>.Count)
            {
                var gi = new Vector<T>(g[i..]);
                var ai = new Vector<T>(a[i..]) + gi * gi;
                ai.CopyTo(a[i..]);
                var wi = new Vector<T>(w[i..]);
                var wn = wi - l * gi / Vector.SquareRoot(ai + e);
                wn.CopyTo(w[i..]);
                sums.Add(wi, wn);
            }
        }
        for (; i < n; i++)
        {
            a[i] += g[i] * g[i];
            T before = w[i];
            w[i] -= lr * g[i] / T.Sqrt(a[i] + epsilon);
            sums.Add(before, w[i]);
        }
    }

    public override IReadOnlyDictionary<string, object?> GetConfig() => new Dictionary<string, object?>(base.GetConfig())
    {
        ["initial_accumulator_value"] = InitialAccumulatorValue,
        ["epsilon"] = Epsilon,
    };
}
