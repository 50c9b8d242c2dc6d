using System.Runtime.InteropServices;
using Convergent.Tensors;

namespace Convergent.Data;

/// <summary>
/// An n-dimensional array as stored in a numpy <c>.npy</c> file: an element type, a shape and the elements in C
/// (row-major) order, held as a typed .NET array (<c>float[]</c>, <c>byte[]</c>, <c>long[]</c>, …, see
/// <see cref="NpyDType"/>). Convert with <see cref="ToTensor"/> / <see cref="FromTensor"/>.
/// </summary>
public sealed class NpyArray
{
    private readonly int[] _shape;

    private NpyArray(Array data, NpyDType dtype, int[] shape)
    {
        Data = data;
        DType = dtype;
        _shape = shape;
    }

    /// <summary>Element type.</summary>
    public NpyDType DType { get; }

    /// <summary>Dimensions (a copy); empty for a 0-d (scalar) array.</summary>
    public int[] Shape => (int[])_shape.Clone();

    /// <summary>Number of elements (product of <see cref="Shape"/>; 1 for a scalar).</summary>
    public int Length => Data.Length;

    /// <summary>The elements in C order, as the typed array matching <see cref="DType"/> (shared, not copied).</summary>
    public Array Data { get; }

    /// <summary>The elements as <typeparamref name="T"/>[], which must match <see cref="DType"/> (shared, not copied).</summary>
    public T[] GetData<T>() where T : unmanaged =>
        Data.GetType() == typeof(T[]) ? (T[])Data : throw new InvalidCastException($"This array holds {DType} elements, not {typeof(T).Name}.");

    /// <summary>Size in bytes of one element.</summary>
    public int ItemSize => ItemSizeOf(DType);

    /// <summary>Wraps <paramref name="data"/> (not copied) as an array of the given shape; the element type follows
    /// from <typeparamref name="T"/> (bool, sbyte, short, int, long, byte, ushort, uint, ulong, Half, float, double).</summary>
    public static NpyArray Create<T>(T[] data, params int[] shape) where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(shape);
        var dtype = DTypeOf(typeof(T)) ?? throw new ArgumentException($"No numpy dtype for element type {typeof(T).Name}.", nameof(data));
        long size = 1;
        foreach (int d in shape)
        {
            if (d < 0) throw new ArgumentException($"Shape dimensions must be non-negative. Received: ({string.Join(", ", shape)})", nameof(shape));
            size *= d;
            if (size > Array.MaxLength) throw new ArgumentException($"Shape ({string.Join(", ", shape)}) is too large.", nameof(shape));
        }
        if (size != data.Length)
            throw new ArgumentException($"{data.Length} elements cannot fill shape ({string.Join(", ", shape)}) of {size} elements.", nameof(data));
        return new NpyArray(data, dtype, (int[])shape.Clone());
    }

    /// <summary>Trusted construction by the readers (data already the right type and length).</summary>
    internal static NpyArray Wrap(Array data, NpyDType dtype, int[] shape) => new(data, dtype, shape);

    /// <summary>Copies the array into a tensor of the same shape, converting every element to
    /// <paramref name="dtype"/> (float32 by default, the engine's training type; booleans become 0/1).</summary>
    public Tensor ToTensor(DType dtype = Convergent.Tensors.DType.Float32)
    {
        if (dtype == Convergent.Tensors.DType.Float32)
        {
            var dst = new float[Length];
            CopyConverted(Data, dst.AsSpan());
            return Tensor.FromArray(dst, _shape);
        }
        var dd = new double[Length];
        CopyConverted(Data, dd.AsSpan());
        return Tensor.FromArray(dd, _shape);
    }

    /// <summary>A copy of a tensor's elements as a float32 or float64 array of the same shape.</summary>
    public static NpyArray FromTensor(Tensor tensor)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        int[] shape = tensor.Shape.ToArray();
        return tensor.DType == Convergent.Tensors.DType.Float32
            ? new NpyArray(tensor.ToFloatArray(), NpyDType.Float32, shape)
            : new NpyArray(tensor.ToDoubleArray(), NpyDType.Float64, shape);
    }

    /// <summary>The elements converted to double (for inspection and tests; exact for every type except
    /// (u)int64 values beyond 2^53).</summary>
    public double[] ToDoubleArray()
    {
        var dst = new double[Length];
        CopyConverted(Data, dst.AsSpan());
        return dst;
    }

    /// <inheritdoc/>
    public override string ToString() => $"NpyArray({DType}, ({string.Join(", ", _shape)}{(_shape.Length == 1 ? "," : "")}))";

    internal static int ItemSizeOf(NpyDType t) => t switch
    {
        NpyDType.Bool or NpyDType.Int8 or NpyDType.UInt8 => 1,
        NpyDType.Int16 or NpyDType.UInt16 or NpyDType.Float16 => 2,
        NpyDType.Int32 or NpyDType.UInt32 or NpyDType.Float32 => 4,
        _ => 8,
    };

    internal static NpyDType? DTypeOf(Type t) =>
        t == typeof(bool) ? NpyDType.Bool : t == typeof(sbyte) ? NpyDType.Int8 : t == typeof(short) ? NpyDType.Int16 :
        t == typeof(int) ? NpyDType.Int32 : t == typeof(long) ? NpyDType.Int64 : t == typeof(byte) ? NpyDType.UInt8 :
        t == typeof(ushort) ? NpyDType.UInt16 : t == typeof(uint) ? NpyDType.UInt32 : t == typeof(ulong) ? NpyDType.UInt64 :
        t == typeof(Half) ? NpyDType.Float16 : t == typeof(float) ? NpyDType.Float32 : t == typeof(double) ? NpyDType.Float64 : null;

    internal static Array Allocate(NpyDType t, int n) => t switch
    {
        NpyDType.Bool => new bool[n],
        NpyDType.Int8 => new sbyte[n],
        NpyDType.Int16 => new short[n],
        NpyDType.Int32 => new int[n],
        NpyDType.Int64 => new long[n],
        NpyDType.UInt8 => new byte[n],
        NpyDType.UInt16 => new ushort[n],
        NpyDType.UInt32 => new uint[n],
        NpyDType.UInt64 => new ulong[n],
        NpyDType.Float16 => new Half[n],
        NpyDType.Float32 => new float[n],
        _ => new double[n],
    };

    /// <summary>The raw bytes of a typed array (bool is one byte 0/1 in .NET as in numpy).</summary>
    internal static Span<byte> BytesOf(Array a) => DTypeOf(a.GetType().GetElementType()!) switch
    {
        NpyDType.Bool => MemoryMarshal.AsBytes(((bool[])a).AsSpan()),
        NpyDType.Int8 => MemoryMarshal.AsBytes(((sbyte[])a).AsSpan()),
        NpyDType.Int16 => MemoryMarshal.AsBytes(((short[])a).AsSpan()),
        NpyDType.Int32 => MemoryMarshal.AsBytes(((int[])a).AsSpan()),
        NpyDType.Int64 => MemoryMarshal.AsBytes(((long[])a).AsSpan()),
        NpyDType.UInt8 => ((byte[])a).AsSpan(),
        NpyDType.UInt16 => MemoryMarshal.AsBytes(((ushort[])a).AsSpan()),
        NpyDType.UInt32 => MemoryMarshal.AsBytes(((uint[])a).AsSpan()),
        NpyDType.UInt64 => MemoryMarshal.AsBytes(((ulong[])a).AsSpan()),
        NpyDType.Float16 => MemoryMarshal.AsBytes(((Half[])a).AsSpan()),
        NpyDType.Float32 => MemoryMarshal.AsBytes(((float[])a).AsSpan()),
        NpyDType.Float64 => MemoryMarshal.AsBytes(((double[])a).AsSpan()),
        _ => throw new ArgumentException($"Unsupported element array {a.GetType().Name}."),
    };

    // The CLR lets int[] pass as uint[] (and sbyte[]/byte[], short[]/ushort[], long[]/ulong[]), so an
    // `is int[]` pattern would also match a uint[]; dispatch on the exact element type instead.
    private static void CopyConverted(Array src, Span<float> dst)
    {
        switch (DTypeOf(src.GetType().GetElementType()!))
        {
            case NpyDType.Float32: ((float[])src).CopyTo(dst); break;
            case NpyDType.Float64: { var a = (double[])src; for (int i = 0; i < a.Length; i++) dst[i] = (float)a[i]; break; }
            case NpyDType.Float16: { var a = (Half[])src; for (int i = 0; i < a.Length; i++) dst[i] = (float)a[i]; break; }
            case NpyDType.UInt8: { var a = (byte[])src; for (int i = 0; i < a.Length; i++) dst[i] = a[i]; break; }
            case NpyDType.Int8: { var a = (sbyte[])src; for (int i = 0; i < a.Length; i++) dst[i] = a[i]; break; }
            case NpyDType.Int16: { var a = (short[])src; for (int i = 0; i < a.Length; i++) dst[i] = a[i]; break; }
            case NpyDType.UInt16: { var a = (ushort[])src; for (int i = 0; i < a.Length; i++) dst[i] = a[i]; break; }
            case NpyDType.Int32: { var a = (int[])src; for (int i = 0; i < a.Length; i++) dst[i] = a[i]; break; }
            case NpyDType.UInt32: { var a = (uint[])src; for (int i = 0; i < a.Length; i++) dst[i] = a[i]; break; }
            case NpyDType.Int64: { var a = (long[])src; for (int i = 0; i < a.Length; i++) dst[i] = a[i]; break; }
            case NpyDType.UInt64: { var a = (ulong[])src; for (int i = 0; i < a.Length; i++) dst[i] = a[i]; break; }
            case NpyDType.Bool: { var a = (bool[])src; for (int i = 0; i < a.Length; i++) dst[i] = a[i] ? 1f : 0f; break; }
        }
    }

    private static void CopyConverted(Array src, Span<double> dst)
    {
        switch (DTypeOf(src.GetType().GetElementType()!))
        {
            case NpyDType.Float32: { var a = (float[])src; for (int i = 0; i < a.Length; i++) dst[i] = a[i]; break; }
            case NpyDType.Float64: ((double[])src).CopyTo(dst); break;
            case NpyDType.Float16: { var a = (Half[])src; for (int i = 0; i < a.Length; i++) dst[i] = (double)a[i]; break; }
            case NpyDType.UInt8: { var a = (byte[])src; for (int i = 0; i < a.Length; i++) dst[i] = a[i]; break; }
            case NpyDType.Int8: { var a = (sbyte[])src; for (int i = 0; i < a.Length; i++) dst[i] = a[i]; break; }
            case NpyDType.Int16: { var a = (short[])src; for (int i = 0; i < a.Length; i++) dst[i] = a[i]; break; }
            case NpyDType.UInt16: { var a = (ushort[])src; for (int i = 0; i < a.Length; i++) dst[i] = a[i]; break; }
            case NpyDType.Int32: { var a = (int[])src; for (int i = 0; i < a.Length; i++) dst[i] = a[i]; break; }
            case NpyDType.UInt32: { var a = (uint[])src; for (int i = 0; i < a.Length; i++) dst[i] = a[i]; break; }
            case NpyDType.Int64: { var a = (long[])src; for (int i = 0; i < a.Length; i++) dst[i] = a[i]; break; }
            case NpyDType.UInt64: { var a = (ulong[])src; for (int i = 0; i < a.Length; i++) dst[i] = a[i]; break; }
            case NpyDType.Bool: { var a = (bool[])src; for (int i = 0; i < a.Length; i++) dst[i] = a[i] ? 1.0 : 0.0; break; }
        }
    }
}
