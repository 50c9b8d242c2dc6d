using System.Numerics;
using System.Numerics.Tensors;
using Convergent.Tensors;

namespace Convergent.Nn;

/// <summary>
/// Stochastic gradient descent with optional (Nesterov) momentum (Keras <c>keras.optimizers.SGD</c>).
/// </summary>
/// <remarks>
/// Keras 3's form, with velocity v (slot <c>momentum</c>, starting at 0), momentum μ and learning rate η:
/// without momentum w ← w − η·g; with momentum v ← μ·v − η·g, then w ← w + v, or with Nesterov
/// w ← w + μ·v − η·g (using the new v). Sutskever, Martens, Dahl &amp; Hinton, "On the importance of
/// initialization and momentum in deep learning" (ICML 2013).
/// </remarks>
public sealed class SGD : Optimizer
{
    /// <summary>Creates the optimizer (Keras defaults <c>learning_rate=0.01, momentum=0.0, nesterov=False</c>).</summary>
    public SGD(double learningRate = 0.01, double momentum = 0.0, bool nesterov = false,
        LearningRateSchedule? schedule = null, double? clipNorm = null, double? clipValue = null,
        double? globalClipNorm = null, double? weightDecay = null)
        : base(learningRate, schedule, clipNorm, clipValue, globalClipNorm, weightDecay)
    {
        if (!(momentum >= 0 && momentum <= 1))
            throw new ArgumentException($"`momentum` must be a float between [0, 1]. Received: momentum={momentum}", nameof(momentum));
        Momentum = momentum;
        Nesterov = nesterov;
    }

    public override string KerasName => "sgd";

    /// <summary>Momentum μ in [0, 1].</summary>
    public double Momentum { get; }

    /// <summary>Whether the Nesterov form is used.</summary>
    public bool Nesterov { get; }

    protected override void UpdateStep(Variable variable, Tensor gradient, double learningRate)
    {
        var w = variable.Value;
        if (Momentum == 0)
        {
            float lr32 = (float)-learningRate;
            if (w.DType == DType.Float32) Update<float>(w, gradient, null, null, null, (w, g, _, _, _, ref s) => Plain(w, g, lr32, ref s));
            else Update<double>(w, gradient, null, null, null, (w, g, _, _, _, ref s) => Plain(w, g, -learningRate, ref s));
            return;
        }
        var v = Slot(variable, "momentum");
        float mu32 = (float)Momentum, lrf = (float)learningRate;
        double mu = Momentum;
        bool nesterov = Nesterov;
        if (w.DType == DType.Float32) Update<float>(w, gradient, v, null, null, (w, g, v, _, _, ref s) => Step(w, g, v, mu32, lrf, nesterov, ref s));
        else Update<double>(w, gradient, v, null, null, (w, g, v, _, _, ref s) => Step(w, g, v, mu, learningRate, nesterov, ref s));
    }

    /// <summary>w ← w + (−η)·g; TensorPrimitives' kernel unless the step's statistics are wanted.</summary>
    private static void Plain<T>(Span<T> w, ReadOnlySpan<T> g, T minusLr, ref UpdateSums<T> sums)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (!sums.Enabled) { TensorPrimitives.MultiplyAdd(g, minusLr, w, w); return; }
        int i = 0, n = w.Length;
        if (Vector.IsHardwareAccelerated && Vector<T>.IsSupported)
        {
            var l = new Vector<T>(minusLr);
            for (; i <= n - Vector<T>.Count; i += Vector<T>.Count)
            {
                var wi = new Vector<T>(w[i..]);
                var wn = new Vector<T>(g[i..]) * l + wi;
                wn.CopyTo(w[i..]);
                sums.Add(wi, wn);
            }
        }
        for (; i < n; i++)
        {
            T before = w[i];
            w[i] = g[i] * minusLr + before;
            sums.Add(before, w[i]);
        }
    }

    /// <summary>One fused pass (vectorized, then a scalar tail): memory traffic, not arithmetic, is the cost here.</summary>
    private static void Step<T>(Span<T> w, ReadOnlySpan<T> g, Span<T> v, T momentum, T lr, bool nesterov, ref UpdateSums<T> sums)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int i = 0, n = w.Length;
        if (Vector.IsHardwareAccelerated && Vector<T>.IsSupported)
        {
            var mu = new Vector<T>(momentum); var l = new Vector<T>(lr);
            for (; i <= n - Vector<T>.Count; i += Vector<T>.Count)
            {
                var step = l * new Vector<T>(g[i..]);
                var vi = mu * new Vector<T>(v[i..]) - step;
                vi.CopyTo(v[i..]);
                var wi = new Vector<T>(w[i..]);
                var wn = wi + (nesterov ? mu * vi - step : vi);
                wn.CopyTo(w[i..]);
                sums.Add(wi, wn);
            }
        }
        for (; i < n; i++)
        {
            T step = lr * g[i];
            v[i] = momentum * v[i] - step;
            T before = w[i];
            w[i] += nesterov ? momentum * v[i] - step : v[i];
            sums.Add(before, w[i]);
        }
    }

    public override IReadOnlyDictionary<string, object?> GetConfig() => new Dictionary<string, object?>(base.GetConfig())
    {
        ["momentum"] = Momentum,
        ["nesterov"] = Nesterov,
    };
}
