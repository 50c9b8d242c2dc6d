using System.Numerics;
using Convergent.Tensors;

namespace Convergent.Nn;

/// <summary>
/// Adamax: Adam with the infinity norm in place of the second moment (Keras <c>keras.optimizers.Adamax</c>).
/// Kingma &amp; Ba, "Adam: A Method for Stochastic Optimization" (ICLR 2015), section 7.1.
/// </summary>
/// <remarks>
/// Keras 3's update at step t = iterations + 1, with slots m (<c>momentum</c>) and u (<c>norm</c>):
/// m ← m + (g − m)(1 − β₁); u ← max(β₂·u, |g|); w ← w − η·m / ((1 − β₁ᵗ)(u + ε)).
/// </remarks>
public sealed class Adamax : Optimizer
{
    /// <summary>Creates the optimizer (Keras defaults <c>learning_rate=0.001, beta_1=0.9, beta_2=0.999,
    /// epsilon=1e-7</c>).</summary>
    public Adamax(double learningRate = 0.001, double beta1 = 0.9, double beta2 = 0.999, double epsilon = 1e-7,
        LearningRateSchedule? schedule = null, double? clipNorm = null, double? clipValue = null,
        double? globalClipNorm = null, double? weightDecay = null)
        : base(learningRate, schedule, clipNorm, clipValue, globalClipNorm, weightDecay)
    {
        OptimizerChecks.RequireUnitInterval(beta1, "beta_1");
        OptimizerChecks.RequireUnitInterval(beta2, "beta_2");
        OptimizerChecks.RequireNonNegative(epsilon, "epsilon");
        Beta1 = beta1; Beta2 = beta2; Epsilon = epsilon;
    }

    public override string KerasName => "adamax";

    /// <summary>Decay of the first-moment estimate.</summary>
    public double Beta1 { get; }
    /// <summary>Decay of the infinity norm.</summary>
    public double Beta2 { get; }
    /// <summary>Added to the norm for stability.</summary>
    public double Epsilon { get; }

    protected override void UpdateStep(Variable variable, Tensor gradient, double learningRate)
    {
        double biasCorrection = 1 - Math.Pow(Beta1, Iterations + 1);
        var m = Slot(variable, "momentum");
        var u = Slot(variable, "norm");
        var w = variable.Value;
        float lrf = (float)learningRate, b1f = (float)(1 - Beta1), b2f = (float)Beta2, bcf = (float)biasCorrection, ef = (float)Epsilon;
        double b1 = 1 - Beta1, b2 = Beta2, e = Epsilon;
        if (w.DType == DType.Float32)
            Update<float>(w, gradient, m, u, null, (w, g, m, u, _, ref s) => Step(w, g, m, u, lrf, b1f, b2f, bcf, ef, ref s));
        else Update<double>(w, gradient, m, u, null, (w, g, m, u, _, ref s) => Step(w, g, m, u, learningRate, b1, b2, biasCorrection, e, ref s));
    }

    private static void Step<T>(Span<T> w, ReadOnlySpan<T> g, Span<T> m, Span<T> u, T lr, T oneMinusBeta1, T beta2,
        T biasCorrection, T epsilon, ref UpdateSums<T> sums)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int i = 0, n = w.Length;
        if (Vector.IsHardwareAccelerated && Vector<T>.IsSupported)
        {
            var l = new Vector<T>(lr); var b1 = new Vector<T>(oneMinusBeta1); var b2 = new Vector<T>(beta2);
            var c = new Vector<T>(biasCorrection); var e = new Vector<T>(epsilon);
            for (; i <= n - Vector<T>.Count; i += Vector<T>.Count)
            {
                var gi = new Vector<T>(g[i..]);
                var mi = new Vector<T>(m[i..]);
                mi += (gi - mi) * b1;
                mi.CopyTo(m[i..]);
                var ui = Vector.Max(b2 * new Vector<T>(u[i..]), Vector.Abs(gi));
                ui.CopyTo(u[i..]);
                var wi = new Vector<T>(w[i..]);
                var wn = wi - l * mi / (c * (ui + e));
                wn.CopyTo(w[i..]);
                sums.Add(wi, wn);
            }
        }
        for (; i < n; i++)
        {
            m[i] += (g[i] - m[i]) * oneMinusBeta1;
            u[i] = T.Max(beta2 * u[i], T.Abs(g[i]));
            T before = w[i];
            w[i] -= lr * m[i] / (biasCorrection * (u[i] + epsilon));
            sums.Add(before, w[i]);
        }
    }

    public override IReadOnlyDictionary<string, object?> GetConfig() => new Dictionary<string, object?>(base.GetConfig())
    {
        ["beta_1"] = Beta1,
        ["beta_2"] = Beta2,
        ["epsilon"] = Epsilon,
    };
}
