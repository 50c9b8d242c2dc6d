using System.Collections;

namespace Convergent.Tensors;

/// <summary>An immutable tensor shape in row-major (C) order, e.g. <c>(batch, height, width, channels)</c>.</summary>
public sealed class Shape : IEquatable<Shape>, IReadOnlyList<int>
{
    private readonly int[] _dims;

    /// <summary>Creates a shape; every dimension must be ≥ 0.</summary>
    public Shape(params int[] dims)
    {
        ArgumentNullException.ThrowIfNull(dims);
        long size = 1;
        for (int i = 0; i < dims.Length; i++)
        {
            if (dims[i] < 0)
                throw new ArgumentException($"Shape dimensions must be non-negative. Received: {Format(dims)}", nameof(dims));
            size *= dims[i];
            if (size > Array.MaxLength)
                throw new ArgumentException($"Shape {Format(dims)} holds more than {Array.MaxLength} elements.", nameof(dims));
        }
        _dims = (int[])dims.Clone();
        Size = (int)size;
    }

    /// <summary>Number of axes.</summary>
    public int Rank => _dims.Length;

    /// <summary>Number of elements (the product of the dimensions; 1 for a scalar).</summary>
    public int Size { get; }

    /// <summary>Dimension of axis <paramref name="axis"/>; negative axes count from the end, as in numpy.</summary>
    public int this[int axis] => _dims[NormalizeAxis(axis)];

    int IReadOnlyCollection<int>.Count => _dims.Length;

    /// <summary>The dimensions as a new array.</summary>
    public int[] ToArray() => (int[])_dims.Clone();

    /// <summary>The dimensions without copying.</summary>
    public ReadOnlySpan<int> AsSpan() => _dims;

    /// <summary>Turns a possibly negative axis into 0…Rank-1, or throws naming the axis and the shape.</summary>
    public int NormalizeAxis(int axis)
    {
        int a = axis < 0 ? axis + _dims.Length : axis;
        if (a < 0 || a >= _dims.Length)
            throw new ArgumentOutOfRangeException(nameof(axis), $"Axis {axis} is out of range for shape {this}.");
        return a;
    }

    /// <summary>Product of the dimensions from <paramref name="start"/> (inclusive) to <paramref name="end"/> (exclusive).</summary>
    public int Product(int start, int end)
    {
        int p = 1;
        for (int i = start; i < end; i++) p *= _dims[i];
        return p;
    }

    /// <summary>Row-major strides in elements.</summary>
    public int[] Strides()
    {
        var s = new int[_dims.Length];
        int acc = 1;
        for (int i = _dims.Length - 1; i >= 0; i--) { s[i] = acc; acc *= _dims[i]; }
        return s;
    }

    /// <summary>The numpy broadcast of two shapes (right-aligned; a dimension of 1 stretches).</summary>
    public static Shape Broadcast(Shape a, Shape b)
    {
        if (a.Equals(b)) return a;
        int rank = Math.Max(a.Rank, b.Rank);
        var dims = new int[rank];
        for (int i = 0; i < rank; i++)
        {
            int da = i - (rank - a.Rank) >= 0 ? a._dims[i - (rank - a.Rank)] : 1;
            int db = i - (rank - b.Rank) >= 0 ? b._dims[i - (rank - b.Rank)] : 1;
            if (da != db && da != 1 && db != 1)
                throw new ArgumentException($"Shapes {a} and {b} cannot be broadcast together (axis {i}: {da} vs {db}).");
            dims[i] = da == 1 ? db : da;
        }
        return new Shape(dims);
    }

    /// <summary>A shape with axis <paramref name="axis"/> replaced by <paramref name="dim"/>.</summary>
    public Shape With(int axis, int dim)
    {
        var d = ToArray();
        d[NormalizeAxis(axis)] = dim;
        return new Shape(d);
    }

    public bool Equals(Shape? other) => other is not null && _dims.AsSpan().SequenceEqual(other._dims);
    public override bool Equals(object? obj) => obj is Shape s && Equals(s);
    public override int GetHashCode()
    {
        var h = new HashCode();
        foreach (var d in _dims) h.Add(d);
        return h.ToHashCode();
    }

    /// <summary>Python tuple notation, as Keras prints shapes: <c>(2, 3)</c>, <c>(5,)</c>, <c>()</c>.</summary>
    public override string ToString() => Format(_dims);

    /// <summary>Formats dimensions in Python tuple notation.</summary>
    public static string Format(ReadOnlySpan<int> dims) =>
        dims.Length == 1 ? $"({dims[0]},)" : "(" + string.Join(", ", dims.ToArray()) + ")";

    public IEnumerator<int> GetEnumerator() => ((IEnumerable<int>)_dims).GetEnumerator();
    IEnumerator IEnumerable.GetEnumerator() => _dims.GetEnumerator();

    public static implicit operator Shape(int[] dims) => new(dims);
}
