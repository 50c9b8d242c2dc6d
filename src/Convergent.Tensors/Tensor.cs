using System.Numerics;
using System.Runtime.CompilerServices;

namespace Convergent.Tensors;

/// <summary>
/// A dense, row-major, n-dimensional array of <see cref="DType.Float32"/> or <see cref="DType.Float64"/> values that
/// can take part in reverse-mode automatic differentiation. An op's result remembers how it was made (a
/// <see cref="TapeNode"/>) while gradient recording is on and an input <see cref="RequiresGrad"/>; calling
/// <see cref="Backward"/> on a scalar result accumulates d(result)/d(leaf) into each leaf's <see cref="Grad"/>.
/// </summary>
public sealed class Tensor
{
    private readonly Array _data;

    private Tensor(Array data, Shape shape, DType dtype)
    {
        _data = data;
        Shape = shape;
        DType = dtype;
    }

    /// <summary>The tensor's dimensions.</summary>
    public Shape Shape { get; }

    /// <summary>The element type.</summary>
    public DType DType { get; }

    /// <summary>Number of elements.</summary>
    public int Size => Shape.Size;

    /// <summary>Rank (number of axes).</summary>
    public int Rank => Shape.Rank;

    /// <summary>Whether gradients flow to (leaf) or through (op result) this tensor.</summary>
    public bool RequiresGrad { get; set; }

    /// <summary>The accumulated gradient of the last <see cref="Backward"/> call(s); null until one reaches it.
    /// Accumulates across calls: training loops zero it (<see cref="ZeroGrad"/>) before each step.</summary>
    public Tensor? Grad { get; set; }

    /// <summary>How this tensor was computed, when it was recorded for differentiation.</summary>
    public TapeNode? Node { get; internal set; }

    /// <summary>An optional label (e.g. "dense_1/kernel") used in messages.</summary>
    public string? Name { get; set; }

    // ---------- construction ----------

    /// <summary>A tensor of zeros.</summary>
    public static Tensor Zeros(Shape shape, DType dtype = DType.Float32) =>
        new(dtype == DType.Float32 ? new float[shape.Size] : new double[shape.Size], shape, dtype);

    /// <summary>A tensor whose contents are undefined, for results an op overwrites completely (skips zeroing,
    /// which is a measurable share of a step when activations are tens of megabytes).</summary>
    public static Tensor Empty(Shape shape, DType dtype = DType.Float32) =>
        new(dtype == DType.Float32 ? GC.AllocateUninitializedArray<float>(shape.Size) : GC.AllocateUninitializedArray<double>(shape.Size), shape, dtype);

    /// <summary>An op's result or a gradient: from the active <see cref="TensorArena"/> when it is large, else a new
    /// array; zeroed only when <paramref name="zeroed"/> (results an op overwrites completely need not be).</summary>
    internal static Tensor Scratch(Shape shape, DType dtype, bool zeroed = false) =>
        new(TensorArena.Rent(dtype, shape.Size, zeroed), shape, dtype);

    /// <summary>A tensor whose every element is <paramref name="value"/>.</summary>
    public static Tensor Full(Shape shape, double value, DType dtype = DType.Float32)
    {
        var t = Empty(shape, dtype);
        if (dtype == DType.Float32) t.AsSpan<float>().Fill((float)value); else t.AsSpan<double>().Fill(value);
        return t;
    }

    /// <summary>A tensor of ones.</summary>
    public static Tensor Ones(Shape shape, DType dtype = DType.Float32) => Full(shape, 1.0, dtype);

    /// <summary>A rank-0 tensor holding <paramref name="value"/>.</summary>
    public static Tensor Scalar(double value, DType dtype = DType.Float32) => Full(new Shape(), value, dtype);

    /// <summary>Wraps <paramref name="data"/> (not copied) as a tensor of the given shape.</summary>
    public static Tensor FromArray(float[] data, params int[] shape) => Wrap(data, new Shape(shape), DType.Float32);

    /// <summary>Wraps <paramref name="data"/> (not copied) as a tensor of the given shape.</summary>
    public static Tensor FromArray(double[] data, params int[] shape) => Wrap(data, new Shape(shape), DType.Float64);

    /// <summary>Wraps <paramref name="data"/> (not copied) as a tensor of the given shape.</summary>
    public static Tensor FromArray(float[] data, Shape shape) => Wrap(data, shape, DType.Float32);

    /// <summary>Wraps <paramref name="data"/> (not copied) as a tensor of the given shape.</summary>
    public static Tensor FromArray(double[] data, Shape shape) => Wrap(data, shape, DType.Float64);

    private static Tensor Wrap(Array data, Shape shape, DType dtype)
    {
        if (data.Length != shape.Size)
            throw new ArgumentException($"{data.Length} values cannot fill shape {shape} ({shape.Size} elements).");
        return new Tensor(data, shape, dtype);
    }

    /// <summary>A tensor of the same shape and type, filled with zeros.</summary>
    public static Tensor ZerosLike(Tensor t) => Zeros(t.Shape, t.DType);

    // ---------- element access ----------

    /// <summary>The elements as a span of <typeparamref name="T"/>, which must match <see cref="DType"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Span<T> AsSpan<T>() where T : unmanaged => (T[])_data;

    /// <summary>The storage, shared by every view of it.</summary>
    internal Array Storage => _data;

    /// <summary>The underlying array when the tensor is <see cref="DType.Float32"/> (shared, not copied).</summary>
    public float[] Float32Data => (float[])_data;

    /// <summary>The underlying array when the tensor is <see cref="DType.Float64"/> (shared, not copied).</summary>
    public double[] Float64Data => (double[])_data;

    /// <summary>A copy of the elements as float.</summary>
    public float[] ToFloatArray()
    {
        if (DType == DType.Float32) return (float[])Float32Data.Clone();
        var d = Float64Data; var r = new float[d.Length];
        for (int i = 0; i < d.Length; i++) r[i] = (float)d[i];
        return r;
    }

    /// <summary>A copy of the elements as double.</summary>
    public double[] ToDoubleArray()
    {
        if (DType == DType.Float64) return (double[])Float64Data.Clone();
        var d = Float32Data; var r = new double[d.Length];
        for (int i = 0; i < d.Length; i++) r[i] = d[i];
        return r;
    }

    /// <summary>Element <paramref name="flatIndex"/> (row-major) as double.</summary>
    [System.Runtime.CompilerServices.IndexerName("At")]
    public double this[int flatIndex]
    {
        get => DType == DType.Float32 ? Float32Data[flatIndex] : Float64Data[flatIndex];
        set { if (DType == DType.Float32) Float32Data[flatIndex] = (float)value; else Float64Data[flatIndex] = value; }
    }

    /// <summary>The single value of a one-element tensor.</summary>
    public double Item()
    {
        if (Size != 1) throw new InvalidOperationException($"Item() needs a one-element tensor; shape is {Shape}.");
        return this[0];
    }

    // ---------- copies and views ----------

    /// <summary>A deep copy that is not part of any graph.</summary>
    public Tensor Clone() => new((Array)_data.Clone(), Shape, DType);

    /// <summary>The same storage, cut from the graph (no gradient flows through it).</summary>
    public Tensor Detach() => new(_data, Shape, DType);

    /// <summary>A copy converted to <paramref name="dtype"/>.</summary>
    public Tensor Cast(DType dtype)
    {
        if (dtype == DType) return Clone();
        return dtype == DType.Float32 ? FromArray(ToFloatArray(), Shape) : FromArray(ToDoubleArray(), Shape);
    }

    /// <summary>The same storage seen with another shape of equal size (no copy; not recorded).</summary>
    internal Tensor ViewAs(Shape shape)
    {
        if (shape.Size != Size) throw new ArgumentException($"Cannot view shape {Shape} as {shape}.");
        return new Tensor(_data, shape, DType);
    }

    /// <summary>Rows [start, end) of the first axis, copied (not recorded for differentiation).</summary>
    public Tensor SliceRows(int start, int end)
    {
        if (Rank == 0 || start < 0 || end > Shape[0] || start > end)
            throw new ArgumentOutOfRangeException(nameof(start), $"Rows [{start}, {end}) are outside the {(Rank == 0 ? 0 : Shape[0])} rows of a tensor of shape {Shape}.");
        var dims = Shape.ToArray();
        int row = Shape.Product(1, Rank);
        dims[0] = end - start;
        var r = Empty(new Shape(dims), DType);
        Array.Copy(_data, (long)start * row, r._data, 0, (long)(end - start) * row);
        return r;
    }

    /// <summary>The rows listed in <paramref name="rows"/>, copied into a new tensor (not recorded).</summary>
    public Tensor TakeRows(ReadOnlySpan<int> rows)
    {
        if (Rank == 0) throw new InvalidOperationException("TakeRows needs a tensor with a first axis.");
        var dims = Shape.ToArray();
        int row = Shape.Product(1, Rank);
        dims[0] = rows.Length;
        var r = Empty(new Shape(dims), DType);
        for (int i = 0; i < rows.Length; i++)
        {
            if ((uint)rows[i] >= (uint)Shape[0])
                throw new ArgumentOutOfRangeException(nameof(rows), $"Row {rows[i]} is outside the {Shape[0]} rows of a tensor of shape {Shape}.");
            Array.Copy(_data, (long)rows[i] * row, r._data, (long)i * row, row);
        }
        return r;
    }

    /// <summary>Copies the values of <paramref name="source"/> (same shape and type) into this tensor in place.</summary>
    public void CopyFrom(Tensor source)
    {
        if (!source.Shape.Equals(Shape) || source.DType != DType)
            throw new ArgumentException($"CopyFrom needs the same shape and type: {source.Shape}/{source.DType} into {Shape}/{DType}.");
        Array.Copy(source._data, _data, Size);
    }

    /// <summary>Sets every element to zero in place.</summary>
    public void Fill(double value)
    {
        if (DType == DType.Float32) AsSpan<float>().Fill((float)value); else AsSpan<double>().Fill(value);
    }

    // ---------- autodiff ----------

    /// <summary>Back-propagates from this scalar: accumulates d(this)/d(x) into <c>x.Grad</c> for every leaf x that
    /// requires gradients.</summary>
    public void Backward() => Autograd.Backward(this);

    /// <summary>Clears the accumulated gradient.</summary>
    public void ZeroGrad() => Grad?.Fill(0);

    /// <summary>The gradient buffer, created as zeros on first use; backward rules accumulate into it. A leaf's
    /// (a weight's) gradient outlives the step and is a plain array; an intermediate result's is scratch that
    /// autodiff releases as soon as it has been used.</summary>
    internal Tensor GradBuffer() => Grad ??= Node is null ? ZerosLike(this) : Scratch(Shape, DType, zeroed: true);

    // ---------- operators ----------

    public static Tensor operator +(Tensor a, Tensor b) => Ops.Add(a, b);
    public static Tensor operator -(Tensor a, Tensor b) => Ops.Subtract(a, b);
    public static Tensor operator *(Tensor a, Tensor b) => Ops.Multiply(a, b);
    public static Tensor operator /(Tensor a, Tensor b) => Ops.Divide(a, b);
    public static Tensor operator -(Tensor a) => Ops.Negate(a);
    public static Tensor operator +(Tensor a, double b) => Ops.AddScalar(a, b);
    public static Tensor operator -(Tensor a, double b) => Ops.AddScalar(a, -b);
    public static Tensor operator *(Tensor a, double b) => Ops.MultiplyScalar(a, b);
    public static Tensor operator /(Tensor a, double b) => Ops.MultiplyScalar(a, 1.0 / b);
    public static Tensor operator *(double a, Tensor b) => Ops.MultiplyScalar(b, a);

    /// <summary>Shape, type and (for small tensors) the values.</summary>
    public override string ToString()
    {
        string vals = Size <= 16 ? " [" + string.Join(", ", ToDoubleArray().Select(v => v.ToString("G6"))) + "]" : "";
        return $"Tensor{Shape} {DType}{vals}";
    }
}
