using System.Numerics;
using Convergent.Tensors;

namespace Convergent.Nn;

/// <summary>
/// Nadam: Adam with Nesterov momentum (Keras <c>keras.optimizers.Nadam</c>). Dozat, "Incorporating Nesterov Momentum
/// into Adam" (ICLR 2016 workshop).
/// </summary>
/// <remarks>
/// Keras 3's update at step t = iterations + 1, with the momentum schedule μₜ = β₁(1 − ½·0.96ᵗ) and its running
/// product Πₜ = μ₁⋯μₜ (Keras keeps it in a variable; here it is recomputed from the step counter, so it survives
/// save/load for free): m ← m + (g − m)(1 − β₁); v ← v + (g² − v)(1 − β₂);
/// m̂ = μₜ₊₁·m/(1 − Πₜ·μₜ₊₁) + (1 − μₜ)·g/(1 − Πₜ); v̂ = v/(1 − β₂ᵗ); w ← w − η·m̂/(√v̂ + ε).
/// </remarks>
public sealed class Nadam : Optimizer
{
    private long _productStep;        // Π₀ = 1: the empty product before the first step
    private double _product = 1;

    /// <summary>Creates the optimizer (Keras defaults <c>learning_rate=0.001, beta_1=0.9, beta_2=0.999,
    /// epsilon=1e-7</c>).</summary>
    public Nadam(double learningRate = 0.001, double beta1 = 0.9, double beta2 = 0.999, double epsilon = 1e-7,
        LearningRateSchedule? schedule = null, double? clipNorm = null, double? clipValue = null,
        double? globalClipNorm = null, double? weightDecay = null)
        : base(learningRate, schedule, clipNorm, clipValue, globalClipNorm, weightDecay)
    {
        OptimizerChecks.RequireUnitInterval(beta1, "beta_1");
        OptimizerChecks.RequireUnitInterval(beta2, "beta_2");
        OptimizerChecks.RequireNonNegative(epsilon, "epsilon");
        Beta1 = beta1; Beta2 = beta2; Epsilon = epsilon;
    }

    public override string KerasName => "nadam";

    /// <summary>Decay of the first-moment estimate (scaled by the momentum schedule).</summary>
    public double Beta1 { get; }
    /// <summary>Decay of the second-moment estimate.</summary>
    public double Beta2 { get; }
    /// <summary>Added to √v̂ for stability.</summary>
    public double Epsilon { get; }

    /// <summary>μₜ = β₁(1 − ½·0.96ᵗ) (the 0.96 and the ½ are Dozat's / Keras's constants).</summary>
    private double MomentumAt(double t) => Beta1 * (1 - 0.5 * Math.Pow(0.96, t));

    /// <summary>Πₜ = μ₁⋯μₜ, cached for the current step (every variable of a step uses the same one).</summary>
    private double ProductAt(long t)
    {
        if (_productStep == t) return _product;
        if (_productStep == t - 1) _product *= MomentumAt(t);       // the usual case: one step further
        else
        {
            // after a load or a counter change: recompute; the product underflows to 0 long before t is large
            double p = 1;
            for (long i = 1; i <= t && p != 0; i++) p *= MomentumAt(i);
            _product = p;
        }
        _productStep = t;
        return _product;
    }

    protected override void UpdateStep(Variable variable, Tensor gradient, double learningRate)
    {
        long t = Iterations + 1;
        double uT = MomentumAt(t), uNext = MomentumAt(t + 1);
        double productT = ProductAt(t), productNext = productT * uNext;
        // m̂ = c1·m + c2·g; v̂ = v / c3
        double c1 = uNext / (1 - productNext), c2 = (1 - uT) / (1 - productT), c3 = 1 - Math.Pow(Beta2, t);
        var m = Slot(variable, "momentum");
        var v = Slot(variable, "velocity");
        var w = variable.Value;
        float lrf = (float)learningRate, b1f = (float)(1 - Beta1), b2f = (float)(1 - Beta2), c1f = (float)c1, c2f = (float)c2, c3f = (float)c3, ef = (float)Epsilon;
        double b1 = 1 - Beta1, b2 = 1 - Beta2, e = Epsilon;
        if (w.DType == DType.Float32)
            Update<float>(w, gradient, m, v, null, (w, g, m, v, _, ref s) => Step(w, g, m, v, lrf, b1f, b2f, c1f, c2f, c3f, ef, ref s));
        else Update<double>(w, gradient, m, v, null, (w, g, m, v, _, ref s) => Step(w, g, m, v, learningRate, b1, b2, c1, c2, c3, e, ref s));
    }

    private static void Step<T>(Span<T> w, ReadOnlySpan<T> g, Span<T> m, Span<T> v, T lr, T oneMinusBeta1,
        T oneMinusBeta2, T c1, T c2, T c3, T epsilon, ref UpdateSums<T> sums)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int i = 0, n = w.Length;
        if (Vector.IsHardwareAccelerated && Vector<T>.IsSupported)
        {
            var l = new Vector<T>(lr); var b1 = new Vector<T>(oneMinusBeta1); var b2 = new Vector<T>(oneMinusBeta2);
            var k1 = new Vector<T>(c1); var k2 = new Vector<T>(c2); var k3 = new Vector<T>(c3); var e = new Vector<T>(epsilon);
            for (; i <= n - Vector<T>.Count; i += Vector<T>.Count)
            {
                var gi = new Vector<T>(g[i..]);
                var mi = new Vector<T>(m[i..]);
                var vi = new Vector<T>(v[i..]);
                mi += (gi - mi) * b1;
                vi += (gi * gi - vi) * b2;
                mi.CopyTo(m[i..]);
                vi.CopyTo(v[i..]);
                var mHat = k1 * mi + k2 * gi;
                var wi = new Vector<T>(w[i..]);
                var wn = wi - mHat * l / (Vector.SquareRoot(vi / k3) + e);
                wn.CopyTo(w[i..]);
                sums.Add(wi, wn);
            }
        }
        for (; i < n; i++)
        {
            m[i] += (g[i] - m[i]) * oneMinusBeta1;
            v[i] += (g[i] * g[i] - v[i]) * oneMinusBeta2;
            T mHat = c1 * m[i] + c2 * g[i];
            T vHat = v[i] / c3;
            T before = w[i];
            w[i] -= mHat * lr / (T.Sqrt(vHat) + epsilon);
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
