namespace Convergent.Nn;

/// <summary>A (height, width) pair for kernel sizes, strides, pool sizes and dilation rates. Converts from an int
/// (both the same, as Keras accepts <c>kernel_size=3</c>) or a tuple (<c>(3, 5)</c>).</summary>
public readonly record struct Size2D(int Height, int Width)
{
    public static implicit operator Size2D(int size) => new(size, size);
    public static implicit operator Size2D((int Height, int Width) size) => new(size.Height, size.Width);

    /// <summary>Keras's config form, a list <c>[h, w]</c>.</summary>
    public int[] ToArray() => [Height, Width];

    /// <summary>Python tuple notation as in Keras messages: <c>(3, 3)</c>.</summary>
    public override string ToString() => $"({Height}, {Width})";
}
