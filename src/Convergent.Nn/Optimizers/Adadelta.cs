using System.Numerics;
using Convergent.Tensors;

namespace Convergent.Nn;

/// <summary>
/// Adadelta: steps sized by the ratio of moving RMS of past updates to moving RMS of gradients
/// (Keras <c>keras.optimizers.Adadelta</c>). Zeiler, "ADADELTA: An Adaptive Learning Rate Method" (2012).
/// </summary>
/// <remarks>
/// Keras 3's update, with slots E[g²] (<c>accumulated_grad</c>) and E[Δ²] (<c>accumulated_delta_var</c>), and
/// RMS(x) = √(x + ε): E[g²] ← ρ·E[g²] + (1 − ρ)·g²; Δ = −RMS(E[Δ²])·g / RMS(E[g²]);
/// E[Δ²] ← ρ·E[Δ²] + (1 − ρ)·Δ²; w ← w + η·Δ. Keras keeps a learning rate (default 0.001; the paper's method is
/// η = 1, which Keras examples use).
/// </remarks>
public sealed class Adadelta : Optimizer
{
    /// <summary>Creates the optimizer (Keras defaults <c>learning_rate=0.001, rho=0.95, epsilon=1e-7</c>).</summary>
    public Adadelta(double learningRate = 0.001, double rho = 0.95, double epsilon = 1e-7,
        LearningRateSchedule? schedule = null, double? clipNorm = null, double? clipValue = null,
        double? globalClipNorm = null, double? weightDecay = null)
        : base(learningRate, schedule, clipNorm, clipValue, globalClipNorm, weightDecay)
    {
        OptimizerChecks.RequireUnitInterval(rho, "rho");
        OptimizerChecks.RequireNonNegative(epsilon, "epsilon");
        Rho = rho; Epsilon = epsilon;
    }

    public override string KerasName => "adadelta";

    /// <summary>Decay of both moving averages.</summary>
    public double Rho { get; }
    /// <summary>Added inside both roots.</summary>
    public double Epsilon { get; }

    protected override void UpdateStep(Variable variable, Tensor gradient, double learningRate)
    {
        var eg = Slot(variable, "accumulated_grad");
        var ed = Slot(variable, "accumulated_delta_var");
        var w = variable.Value;
        float lrf = (float)learningRate, rhof = (float)Rho, ef = (float)Epsilon;
        double rho = Rho, e = Epsilon;
        if (w.DType == DType.Float32)
            Update<float>(w, gradient, eg, ed, null, (w, g, eg, ed, _, ref s) => Step(w, g, eg, ed, lrf, rhof, ef, ref s));
        else Update<double>(w, gradient, eg, ed, null, (w, g, eg, ed, _, ref s) => Step(w, g, eg, ed, learningRate, rho, e, ref s));
    }

    private static void Step<T>(Span<T> w, ReadOnlySpan<T> g, Span<T> eg, Span<T> ed, T lr, T rho, T epsilon, ref UpdateSums<T> sums)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        T oneMinusRho = T.One - rho;
        int i = 0, n = w.Length;
        if (Vector.IsHardwareAccelerated && Vector<T>.IsSupported)
        {
            var r = new Vector<T>(rho); var r1 = new Vector<T>(oneMinusRho);
            var l = new Vector<T>(lr); var e = new Vector<T>(epsilon);
            for (; i <= n - Vector<T>.Count; i += Vector<T>.Count)
            {
                var gi = new Vector<T>(g[i..]);
                var egi = r * new Vector<T>(eg[i..]) + r1 * (gi * gi);
                egi.CopyTo(eg[i..]);
                var edi = new Vector<T>(ed[i..]);
                var delta = -(Vector.SquareRoot(edi + e) * gi / Vector.SquareRoot(egi + e));
                (r * edi + r1 * (delta * delta)).CopyTo(ed[i..]);
                var wi = new Vector<T>(w[i..]);
                var wn = wi + l * delta;
                wn.CopyTo(w[i..]);
                sums.Add(wi, wn);
            }
        }
        for (; i < n; i++)
        {
            eg[i] = rho * eg[i] + oneMinusRho * (g[i] * g[i]);
            T delta = -(T.Sqrt(ed[i] + epsilon) * g[i] / T.Sqrt(eg[i] + epsilon));
            ed[i] = rho * ed[i] + oneMinusRho * (delta * delta);
            T before = w[i];
            w[i] += lr * delta;
            sums.Add(before, w[i]);
        }
    }

    public override IReadOnlyDictionary<string, object?> GetConfig() => new Dictionary<string, object?>(base.GetConfig())
    {
        ["rho"] = Rho,
        ["epsilon"] = Epsilon,
    };
}
