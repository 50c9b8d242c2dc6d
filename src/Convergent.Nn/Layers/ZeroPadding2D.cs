using Convergent.Tensors;

namespace Convergent.Nn;

/// <summary>
/// Adds rows and columns of zeros around images: (h, w) → (top + h + bottom, left + w + right). Keras
/// <c>keras.layers.ZeroPadding2D(padding=(1, 1), data_format=None)</c>, padding given as an int (all four sides),
/// (symmetric_height, symmetric_width) or ((top, bottom), (left, right)).
/// </summary>
public sealed class ZeroPadding2D : Layer
{
    /// <summary>The same padding on all four sides.</summary>
    public ZeroPadding2D(int padding = 1, DataFormat dataFormat = DataFormat.ChannelsLast, string? name = null)
        : this(((padding, padding), (padding, padding)), dataFormat, name) { }

    /// <summary>Symmetric padding: <paramref name="padding"/>.Height rows above and below, .Width columns left and right.</summary>
    public ZeroPadding2D((int Height, int Width) padding, DataFormat dataFormat = DataFormat.ChannelsLast, string? name = null)
        : this(((padding.Height, padding.Height), (padding.Width, padding.Width)), dataFormat, name) { }

    /// <summary>Each side given: ((top, bottom), (left, right)).</summary>
    public ZeroPadding2D(((int Top, int Bottom) Height, (int Left, int Right) Width) padding,
        DataFormat dataFormat = DataFormat.ChannelsLast, string? name = null) : base(name)
    {
        var (h, w) = padding;
        if (h.Top < 0 || h.Bottom < 0 || w.Left < 0 || w.Right < 0)
            throw new ArgumentException($"The `padding` argument must be a tuple of 2 tuples of 2 non-negative integers. Received: padding=(({h.Top}, {h.Bottom}), ({w.Left}, {w.Right}))");
        Top = h.Top; Bottom = h.Bottom; Left = w.Left; Right = w.Right;
        DataFormat = dataFormat;
    }

    public int Top { get; }
    public int Bottom { get; }
    public int Left { get; }
    public int Right { get; }
    public DataFormat DataFormat { get; }

    public override Shape ComputeOutputShape(Shape inputShape)
    {
        var (h, w, c) = LayerArgs.Image(inputShape, DataFormat, "ZeroPadding2D");
        return LayerArgs.ImageShape(h + Top + Bottom, w + Left + Right, c, DataFormat);
    }

    protected override Tensor Forward(Tensor x, bool training) =>
        Ops.Pad2D(x, Top, Bottom, Left, Right, DataFormat == DataFormat.ChannelsLast);

    public override IReadOnlyDictionary<string, object?> GetConfig() => Config(
        ("padding", new[] { new[] { Top, Bottom }, new[] { Left, Right } }),
        ("data_format", DataFormat.ToKeras()));
}
