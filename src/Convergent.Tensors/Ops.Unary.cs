using System.Numerics;
using System.Numerics.Tensors;

namespace Convergent.Tensors;

/// <summary>An elementwise function with its derivative, for <see cref="Ops.Unary{TOp}"/>. Forward overwrites y;
/// Backward accumulates dx += f'(x)·dy (x: input, y: forward output; use whichever is cheaper).</summary>
public interface IUnaryOp
{
    static abstract string Name { get; }
    static abstract void Forward<T>(ReadOnlySpan<T> x, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T>;
    static abstract void Backward<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, ReadOnlySpan<T> dy, Span<T> dx)
        where T : unmanaged, IFloatingPointIeee754<T>;
}

public static partial class Ops
{
    /// <summary>Applies the elementwise function <typeparamref name="TOp"/> and records its derivative.</summary>
    public static Tensor Unary<TOp>(Tensor a) where TOp : IUnaryOp
    {
        var y = Tensor.Scratch(a.Shape, a.DType);
        if (IsF32(a)) TOp.Forward(a.AsSpan<float>(), y.AsSpan<float>());
        else TOp.Forward(a.AsSpan<double>(), y.AsSpan<double>());
        return Autograd.Record(y, TOp.Name, [a], dy =>
        {
            var dx = a.GradBuffer();
            if (IsF32(a)) TOp.Backward(a.AsSpan<float>(), y.AsSpan<float>(), dy.AsSpan<float>(), dx.AsSpan<float>());
            else TOp.Backward(a.AsSpan<double>(), y.AsSpan<double>(), dy.AsSpan<double>(), dx.AsSpan<double>());
        });
    }

    /// <summary>eˣ.</summary>
    public static Tensor Exp(Tensor a) => Unary<ExpOp>(a);
    /// <summary>ln x.</summary>
    public static Tensor Log(Tensor a) => Unary<LogOp>(a);
    /// <summary>√x.</summary>
    public static Tensor Sqrt(Tensor a) => Unary<SqrtOp>(a);
    /// <summary>x².</summary>
    public static Tensor Square(Tensor a) => Unary<SquareOp>(a);
    /// <summary>|x|; the derivative at 0 is taken as 0 (sign(0) = 0, as TensorFlow does).</summary>
    public static Tensor Abs(Tensor a) => Unary<AbsOp>(a);

    /// <summary>min(max(x, lo), hi). The gradient passes where lo ≤ x ≤ hi and is 0 outside, as
    /// tf.clip_by_value; this is what makes a saturated, clipped crossentropy stop learning.</summary>
    public static Tensor Clip(Tensor a, double lo, double hi)
    {
        var y = Tensor.Scratch(a.Shape, a.DType);
        if (IsF32(a)) ClipForward(a.AsSpan<float>(), y.AsSpan<float>(), (float)lo, (float)hi);
        else ClipForward(a.AsSpan<double>(), y.AsSpan<double>(), lo, hi);
        return Autograd.Record(y, "Clip", [a], dy =>
        {
            if (IsF32(a)) ClipBackward(a.AsSpan<float>(), dy.AsSpan<float>(), a.GradBuffer().AsSpan<float>(), (float)lo, (float)hi);
            else ClipBackward(a.AsSpan<double>(), dy.AsSpan<double>(), a.GradBuffer().AsSpan<double>(), lo, hi);
        });
    }

    private static void ClipForward<T>(ReadOnlySpan<T> x, Span<T> y, T lo, T hi) where T : unmanaged, IFloatingPointIeee754<T>
    {
        TensorPrimitives.Max(x, lo, y);
        TensorPrimitives.Min(y, hi, y);
    }

    private static void ClipBackward<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> dy, Span<T> dx, T lo, T hi) where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int i = 0; i < x.Length; i++)
            if (x[i] >= lo && x[i] <= hi) dx[i] += dy[i];
    }

    /// <summary>xᵖ for a constant p (x &gt; 0 unless p is an integer).</summary>
    public static Tensor Pow(Tensor a, double p)
    {
        var y = Tensor.Scratch(a.Shape, a.DType);
        if (IsF32(a)) TensorPrimitives.Pow(a.AsSpan<float>(), (float)p, y.AsSpan<float>());
        else TensorPrimitives.Pow(a.AsSpan<double>(), p, y.AsSpan<double>());
        return Autograd.Record(y, "Pow", [a], dy =>
        {
            if (IsF32(a)) PowBackward(a.AsSpan<float>(), dy.AsSpan<float>(), a.GradBuffer().AsSpan<float>(), (float)p);
            else PowBackward(a.AsSpan<double>(), dy.AsSpan<double>(), a.GradBuffer().AsSpan<double>(), p);
        });
    }

    private static void PowBackward<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> dy, Span<T> dx, T p) where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int i = 0; i < x.Length; i++) dx[i] += dy[i] * p * T.Pow(x[i], p - T.One);
    }

    private readonly struct ExpOp : IUnaryOp
    {
        public static string Name => "Exp";
        public static void Forward<T>(ReadOnlySpan<T> x, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T> => TensorPrimitives.Exp(x, y);
        public static void Backward<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, ReadOnlySpan<T> dy, Span<T> dx) where T : unmanaged, IFloatingPointIeee754<T>
            => TensorPrimitives.MultiplyAdd(dy, y, dx, dx);
    }

    private readonly struct LogOp : IUnaryOp
    {
        public static string Name => "Log";
        public static void Forward<T>(ReadOnlySpan<T> x, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T> => TensorPrimitives.Log(x, y);
        public static void Backward<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, ReadOnlySpan<T> dy, Span<T> dx) where T : unmanaged, IFloatingPointIeee754<T>
        {
            for (int i = 0; i < x.Length; i++) dx[i] += dy[i] / x[i];
        }
    }

    private readonly struct SqrtOp : IUnaryOp
    {
        public static string Name => "Sqrt";
        public static void Forward<T>(ReadOnlySpan<T> x, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T> => TensorPrimitives.Sqrt(x, y);
        public static void Backward<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, ReadOnlySpan<T> dy, Span<T> dx) where T : unmanaged, IFloatingPointIeee754<T>
        {
            T half = T.One / (T.One + T.One);
            for (int i = 0; i < x.Length; i++) dx[i] += dy[i] * half / y[i];
        }
    }

    private readonly struct SquareOp : IUnaryOp
    {
        public static string Name => "Square";
        public static void Forward<T>(ReadOnlySpan<T> x, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T> => TensorPrimitives.Multiply(x, x, y);
        public static void Backward<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, ReadOnlySpan<T> dy, Span<T> dx) where T : unmanaged, IFloatingPointIeee754<T>
        {
            T two = T.One + T.One;
            for (int i = 0; i < x.Length; i++) dx[i] += two * x[i] * dy[i];
        }
    }

    private readonly struct AbsOp : IUnaryOp
    {
        public static string Name => "Abs";
        public static void Forward<T>(ReadOnlySpan<T> x, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T> => TensorPrimitives.Abs(x, y);
        public static void Backward<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, ReadOnlySpan<T> dy, Span<T> dx) where T : unmanaged, IFloatingPointIeee754<T>
        {
            for (int i = 0; i < x.Length; i++)
                dx[i] += x[i] > T.Zero ? dy[i] : x[i] < T.Zero ? -dy[i] : T.Zero;
        }
    }
}
