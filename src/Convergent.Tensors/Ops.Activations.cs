using System.Numerics;
using K = Convergent.Kernels;

namespace Convergent.Tensors;

/// <summary>An elementwise function with parameters (a slope, an α), for <see cref="Ops"/>' activation ops: the
/// instance twin of <see cref="IUnaryOp"/>. Forward overwrites y; Backward accumulates dx += f'(x)·dy.</summary>
internal interface IParameterizedUnaryOp
{
    string Name { get; }
    void Forward<T>(ReadOnlySpan<T> x, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T>;
    void Backward<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, ReadOnlySpan<T> dy, Span<T> dx) where T : unmanaged, IFloatingPointIeee754<T>;
}

public static partial class Ops
{
    /// <summary>max(x, 0). The derivative at 0 is 0 (TensorFlow's ReluGrad). Keras <c>"relu"</c>.</summary>
    public static Tensor Relu(Tensor x) => Unary<ReluOp>(x);

    /// <summary>
    /// Keras 3's general <c>relu(x, negative_slope, max_value, threshold)</c>:
    /// y = x &gt; θ ? (max_value is null ? x : clip(x, 0, max_value)) : 0, then y −= negative_slope·max(θ − x, 0).
    /// With the defaults (0, null, 0) this is <see cref="Relu(Tensor)"/>.
    /// </summary>
    public static Tensor Relu(Tensor x, double negativeSlope, double? maxValue = null, double threshold = 0)
    {
        if (negativeSlope == 0 && maxValue is null && threshold == 0) return Relu(x);
        if (maxValue is null && threshold == 0) return LeakyRelu(x, negativeSlope);
        return Map(x, new GeneralReluOp(negativeSlope, maxValue ?? double.PositiveInfinity, threshold));
    }

    /// <summary>x for x &gt; 0, negativeSlope·x otherwise. Keras <c>leaky_relu</c> (Keras 3 default slope 0.2).</summary>
    public static Tensor LeakyRelu(Tensor x, double negativeSlope = K.LeakyRelu.DefaultNegativeSlope) =>
        Map(x, new LeakyReluOp(negativeSlope));

    /// <summary>x for x &gt; 0, α(eˣ − 1) otherwise (Clevert et al., 2015). Keras <c>elu</c> (α = 1).</summary>
    public static Tensor Elu(Tensor x, double alpha = 1.0) => Map(x, new EluOp(alpha));

    /// <summary>λ·elu(x, α) with Keras's λ ≈ 1.0507, α ≈ 1.6733 (Klambauer et al., 2017). Keras <c>selu</c>.</summary>
    public static Tensor Selu(Tensor x) => Unary<SeluOp>(x);

    /// <summary>x·Φ(x), or the tanh approximation (Hendrycks and Gimpel, 2016). Keras 3 <c>gelu</c>
    /// (approximate = false by default).</summary>
    public static Tensor Gelu(Tensor x, bool approximate = false) => Map(x, new GeluOp(approximate));

    /// <summary>tanh x. Keras <c>tanh</c>.</summary>
    public static Tensor Tanh(Tensor x) => Unary<TanhOp>(x);

    /// <summary>σ(x) = 1/(1 + e⁻ˣ). Keras <c>sigmoid</c>.</summary>
    public static Tensor Sigmoid(Tensor x) => Unary<SigmoidOp>(x);

    /// <summary>Keras 3 <c>hard_sigmoid</c>: relu6(x + 3)/6 = clip(x/6 + ½, 0, 1); with <paramref name="keras2"/>
    /// the Keras 2 form clip(0.2x + ½, 0, 1).</summary>
    public static Tensor HardSigmoid(Tensor x, bool keras2 = false) => Map(x, new HardSigmoidOp(keras2));

    /// <summary>log(1 + eˣ), evaluated without overflow. Keras <c>softplus</c>.</summary>
    public static Tensor Softplus(Tensor x) => Unary<SoftplusOp>(x);

    /// <summary>x/(1 + |x|). Keras <c>softsign</c>.</summary>
    public static Tensor Softsign(Tensor x) => Unary<SoftsignOp>(x);

    /// <summary>eˣ. Keras <c>exponential</c>.</summary>
    public static Tensor Exponential(Tensor x) => Unary<ExponentialOp>(x);

    /// <summary>Applies the parameterized elementwise function <paramref name="op"/> and records its derivative.</summary>
    private static Tensor Map<TOp>(Tensor a, TOp op) where TOp : struct, IParameterizedUnaryOp
    {
        var y = Tensor.Scratch(a.Shape, a.DType);
        if (IsF32(a)) op.Forward(a.AsSpan<float>(), y.AsSpan<float>());
        else op.Forward(a.AsSpan<double>(), y.AsSpan<double>());
        return Autograd.Record(y, op.Name, [a], dy =>
        {
            var dx = a.GradBuffer();
            if (IsF32(a)) op.Backward(a.AsSpan<float>(), y.AsSpan<float>(), dy.AsSpan<float>(), dx.AsSpan<float>());
            else op.Backward(a.AsSpan<double>(), y.AsSpan<double>(), dy.AsSpan<double>(), dx.AsSpan<double>());
        });
    }

    private readonly struct ReluOp : IUnaryOp
    {
        public static string Name => "Relu";
        public static void Forward<T>(ReadOnlySpan<T> x, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T> => K.Relu.Forward(x, y);
        public static void Backward<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, ReadOnlySpan<T> dy, Span<T> dx) where T : unmanaged, IFloatingPointIeee754<T>
            => K.Relu.Backward(x, y, dy, dx);
    }

    private readonly struct SeluOp : IUnaryOp
    {
        public static string Name => "Selu";
        public static void Forward<T>(ReadOnlySpan<T> x, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T> => K.Selu.Forward(x, y);
        public static void Backward<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, ReadOnlySpan<T> dy, Span<T> dx) where T : unmanaged, IFloatingPointIeee754<T>
            => K.Selu.Backward(x, y, dy, dx);
    }

    private readonly struct TanhOp : IUnaryOp
    {
        public static string Name => "Tanh";
        public static void Forward<T>(ReadOnlySpan<T> x, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T> => K.Tanh.Forward(x, y);
        public static void Backward<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, ReadOnlySpan<T> dy, Span<T> dx) where T : unmanaged, IFloatingPointIeee754<T>
            => K.Tanh.Backward(x, y, dy, dx);
    }

    private readonly struct SigmoidOp : IUnaryOp
    {
        public static string Name => "Sigmoid";
        public static void Forward<T>(ReadOnlySpan<T> x, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T> => K.Sigmoid.Forward(x, y);
        public static void Backward<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, ReadOnlySpan<T> dy, Span<T> dx) where T : unmanaged, IFloatingPointIeee754<T>
            => K.Sigmoid.Backward(x, y, dy, dx);
    }

    private readonly struct SoftplusOp : IUnaryOp
    {
        public static string Name => "Softplus";
        public static void Forward<T>(ReadOnlySpan<T> x, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T> => K.Softplus.Forward(x, y);
        public static void Backward<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, ReadOnlySpan<T> dy, Span<T> dx) where T : unmanaged, IFloatingPointIeee754<T>
            => K.Softplus.Backward(x, y, dy, dx);
    }

    private readonly struct SoftsignOp : IUnaryOp
    {
        public static string Name => "Softsign";
        public static void Forward<T>(ReadOnlySpan<T> x, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T> => K.Softsign.Forward(x, y);
        public static void Backward<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, ReadOnlySpan<T> dy, Span<T> dx) where T : unmanaged, IFloatingPointIeee754<T>
            => K.Softsign.Backward(x, y, dy, dx);
    }

    private readonly struct ExponentialOp : IUnaryOp
    {
        public static string Name => "Exponential";
        public static void Forward<T>(ReadOnlySpan<T> x, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T> => K.Exponential.Forward(x, y);
        public static void Backward<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, ReadOnlySpan<T> dy, Span<T> dx) where T : unmanaged, IFloatingPointIeee754<T>
            => K.Exponential.Backward(x, y, dy, dx);
    }

    private readonly struct LeakyReluOp(double slope) : IParameterizedUnaryOp
    {
        public string Name => "LeakyRelu";
        public void Forward<T>(ReadOnlySpan<T> x, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T> => K.LeakyRelu.Forward(x, y, Cast<T>(slope));
        public void Backward<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, ReadOnlySpan<T> dy, Span<T> dx) where T : unmanaged, IFloatingPointIeee754<T>
            => K.LeakyRelu.Backward(x, y, dy, dx, Cast<T>(slope));
    }

    private readonly struct EluOp(double alpha) : IParameterizedUnaryOp
    {
        public string Name => "Elu";
        public void Forward<T>(ReadOnlySpan<T> x, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T> => K.Elu.Forward(x, y, Cast<T>(alpha));
        public void Backward<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, ReadOnlySpan<T> dy, Span<T> dx) where T : unmanaged, IFloatingPointIeee754<T>
            => K.Elu.Backward(x, y, dy, dx, Cast<T>(alpha));
    }

    private readonly struct GeluOp(bool approximate) : IParameterizedUnaryOp
    {
        public string Name => "Gelu";
        public void Forward<T>(ReadOnlySpan<T> x, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T> => K.Gelu.Forward(x, y, approximate);
        public void Backward<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, ReadOnlySpan<T> dy, Span<T> dx) where T : unmanaged, IFloatingPointIeee754<T>
            => K.Gelu.Backward(x, y, dy, dx, approximate);
    }

    private readonly struct HardSigmoidOp(bool keras2) : IParameterizedUnaryOp
    {
        public string Name => "HardSigmoid";
        public void Forward<T>(ReadOnlySpan<T> x, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T> => K.HardSigmoid.Forward(x, y, keras2);
        public void Backward<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, ReadOnlySpan<T> dy, Span<T> dx) where T : unmanaged, IFloatingPointIeee754<T>
            => K.HardSigmoid.Backward(x, y, dy, dx, keras2);
    }

    /// <summary>Keras 3's relu with a threshold and/or a cap (rare: no kernel, a plain scalar loop). The derivative is
    /// 1 on (θ, max), negative_slope below θ, 0 above the cap — strict at the kinks, like TensorFlow's.</summary>
    private readonly struct GeneralReluOp(double slope, double max, double threshold) : IParameterizedUnaryOp
    {
        public string Name => "Relu";

        public void Forward<T>(ReadOnlySpan<T> x, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T>
        {
            T s = Cast<T>(slope), m = Cast<T>(max), th = Cast<T>(threshold);
            bool capped = T.IsFinite(m);
            for (int i = 0; i < x.Length; i++)
            {
                T v = x[i] > th ? x[i] : T.Zero;
                if (capped) v = T.Clamp(v, T.Zero, m);
                y[i] = v - s * T.Max(th - x[i], T.Zero);
            }
        }

        public void Backward<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, ReadOnlySpan<T> dy, Span<T> dx) where T : unmanaged, IFloatingPointIeee754<T>
        {
            T s = Cast<T>(slope), m = Cast<T>(max), th = Cast<T>(threshold);
            bool capped = T.IsFinite(m);
            for (int i = 0; i < x.Length; i++)
            {
                T v = x[i];
                if (v > th) { if (!capped || (v > T.Zero && v < m)) dx[i] += dy[i]; }
                else if (v < th) dx[i] += s * dy[i];
            }
        }
    }
}
