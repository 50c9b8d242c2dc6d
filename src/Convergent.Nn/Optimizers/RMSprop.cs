using System.Numerics;
using Convergent.Tensors;

namespace Convergent.Nn;

/// <summary>
/// RMSprop: gradients divided by a moving root-mean-square of their history (Keras <c>keras.optimizers.RMSprop</c>).
/// Tieleman &amp; Hinton, Coursera "Neural Networks for Machine Learning", lecture 6.5 (2012); the centered form is
/// Graves, "Generating Sequences With Recurrent Neural Networks" (2013).
/// </summary>
/// <remarks>
/// Keras 3's update, with slots v (<c>velocity</c>), optional ḡ (<c>average_gradient</c>) and m (<c>momentum</c>):
/// v ← ρ·v + (1 − ρ)·g²; centered: ḡ ← ρ·ḡ + (1 − ρ)·g and d = v − ḡ² + ε, else d = v + ε;
/// Δ = η·g/√d; with momentum m ← μ·m + Δ and w ← w − m, else w ← w − Δ. (ε sits inside the square root.)
/// </remarks>
public sealed class RMSprop : Optimizer
{
    /// <summary>Creates the optimizer (Keras defaults <c>learning_rate=0.001, rho=0.9, momentum=0.0, epsilon=1e-7,
    /// centered=False</c>).</summary>
    public RMSprop(double learningRate = 0.001, double rho = 0.9, double momentum = 0.0, double epsilon = 1e-7,
        bool centered = false, LearningRateSchedule? schedule = null, double? clipNorm = null, double? clipValue = null,
        double? globalClipNorm = null, double? weightDecay = null)
        : base(learningRate, schedule, clipNorm, clipValue, globalClipNorm, weightDecay)
    {
        OptimizerChecks.RequireUnitInterval(rho, "rho");
        OptimizerChecks.RequireUnitInterval(momentum, "momentum");
        OptimizerChecks.RequireNonNegative(epsilon, "epsilon");
        Rho = rho; Momentum = momentum; Epsilon = epsilon; Centered = centered;
    }

    public override string KerasName => "rmsprop";

    /// <summary>Decay of the moving average of squared gradients.</summary>
    public double Rho { get; }
    /// <summary>Momentum μ (0: none).</summary>
    public double Momentum { get; }
    /// <summary>Added to the mean square inside the root.</summary>
    public double Epsilon { get; }
    /// <summary>Whether gradients are normalized by their estimated variance rather than their raw second moment.</summary>
    public bool Centered { get; }

    protected override void UpdateStep(Variable variable, Tensor gradient, double learningRate)
    {
        var v = Slot(variable, "velocity");
        var m = Momentum > 0 ? Slot(variable, "momentum") : null;
        var avg = Centered ? Slot(variable, "average_gradient") : null;
        var w = variable.Value;
        float lrf = (float)learningRate, rhof = (float)Rho, muf = (float)Momentum, ef = (float)Epsilon;
        double rho = Rho, mu = Momentum, e = Epsilon;
        bool useMomentum = Momentum > 0, centered = Centered;
        if (w.DType == DType.Float32)
            Update<float>(w, gradient, v, m, avg, (w, g, v, m, avg, ref s) => Step(w, g, v, m, avg, lrf, rhof, muf, ef, useMomentum, centered, ref s));
        else
            Update<double>(w, gradient, v, m, avg, (w, g, v, m, avg, ref s) => Step(w, g, v, m, avg, learningRate, rho, mu, e, useMomentum, centered, ref s));
    }

    private static void Step<T>(Span<T> w, ReadOnlySpan<T> g, Span<T> v, Span<T> m, Span<T> avg,
        T lr, T rho, T momentum, T epsilon, bool useMomentum, bool centered, ref UpdateSums<T> sums)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        T oneMinusRho = T.One - rho;
        int i = 0, n = w.Length;
        if (Vector.IsHardwareAccelerated && Vector<T>.IsSupported)
        {
            var r = new Vector<T>(rho); var r1 = new Vector<T>(oneMinusRho);
            var l = new Vector<T>(lr); var mu = new Vector<T>(momentum); var e = new Vector<T>(epsilon);
            for (; i <= n - Vector<T>.Count; i += Vector<T>.Count)
            {
                var gi = new Vector<T>(g[i..]);
                var vi = r * new Vector<T>(v[i..]) + r1 * (gi * gi);
                vi.CopyTo(v[i..]);
                Vector<T> denominator;
                if (centered)
                {
                    var ai = r * new Vector<T>(avg[i..]) + r1 * gi;
                    ai.CopyTo(avg[i..]);
                    denominator = vi - ai * ai + e;
                }
                else denominator = vi + e;
                var increment = l * gi / Vector.SquareRoot(denominator);
                if (useMomentum)
                {
                    increment = mu * new Vector<T>(m[i..]) + increment;
                    increment.CopyTo(m[i..]);
                }
                var wi = new Vector<T>(w[i..]);
                var wn = wi - increment;
                wn.CopyTo(w[i..]);
                sums.Add(wi, wn);
            }
        }
        for (; i < n; i++)
        {
            v[i] = rho * v[i] + oneMinusRho * (g[i] * g[i]);
            T denominator;
            if (centered)
            {
                avg[i] = rho * avg[i] + oneMinusRho * g[i];
                denominator = v[i] - avg[i] * avg[i] + epsilon;
            }
            else denominator = v[i] + epsilon;
            T increment = lr * g[i] / T.Sqrt(denominator);
            T before = w[i];
            if (useMomentum)
            {
                m[i] = momentum * m[i] + increment;
                w[i] -= m[i];
            }
            else w[i] -= increment;
            sums.Add(before, w[i]);
        }
    }

    public override IReadOnlyDictionary<string, object?> GetConfig() => new Dictionary<string, object?>(base.GetConfig())
    {
        ["rho"] = Rho,
        ["momentum"] = Momentum,
        ["epsilon"] = Epsilon,
        ["centered"] = Centered,
    };
}
