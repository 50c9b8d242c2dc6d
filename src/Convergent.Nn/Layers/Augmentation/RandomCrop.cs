using Convergent.Tensors;

namespace Convergent.Nn;

/// <summary>
/// Crops images to (height, width). In training, when the input is larger in both dimensions, one random window is
/// cut for the whole batch (Keras crops every image of a batch at the same place). Otherwise — at inference, or when
/// the input is not larger — the largest centred window with the target aspect ratio is cut and resized to
/// (height, width) bilinearly (half-pixel centres, as <c>tf.image.resize</c>); a window of exactly the target size is
/// a plain centre crop. Keras <c>keras.layers.RandomCrop(height, width, seed=None, data_format=None)</c>, following
/// its documented behaviour; recent Keras 3 code returns inference inputs unchanged (its output then disagrees with
/// its own <c>compute_output_shape</c>), which this layer does not copy. Differentiable with respect to the input.
/// </summary>
public sealed class RandomCrop : Layer
{
    private Random? _seeded;

    /// <summary>Creates the layer; the target size must be positive.</summary>
    public RandomCrop(int height, int width, int? seed = null, DataFormat dataFormat = DataFormat.ChannelsLast, string? name = null)
        : base(name)
    {
        Check.Positive(height, "height");
        Check.Positive(width, "width");
        Height = height;
        Width = width;
        Seed = seed;
        DataFormat = dataFormat;
    }

    public int Height { get; }
    public int Width { get; }
    public int? Seed { get; }
    public DataFormat DataFormat { get; }

    private bool ChannelsLast => DataFormat == DataFormat.ChannelsLast;

    public override Shape ComputeOutputShape(Shape inputShape)
    {
        var (_, _, c) = LayerArgs.Image(inputShape, DataFormat, "RandomCrop");
        return LayerArgs.ImageShape(Height, Width, c, DataFormat);
    }

    protected override void OnBuild(Shape inputShape) => _seeded = Seed is { } s ? OwnRandomStream(s) : null;

    protected override Tensor Forward(Tensor x, bool training)
    {
        var (h, w, _) = LayerArgs.Image(new Shape(x.Shape.ToArray()[1..]), DataFormat, "RandomCrop");
        if (training && h > Height && w > Width)
        {
            var rng = _seeded ?? Rng;
            int top = rng.Next(h - Height + 1), left = rng.Next(w - Width + 1);
            return Ops.Crop2D(x, top, left, Height, Width, ChannelsLast);
        }
        // Keras's centred window: the largest with the target aspect ratio that fits
        int cropH = Math.Max(Math.Min(h, (int)((double)w * Height / Width)), 1);
        int cropW = Math.Max(Math.Min(w, (int)((double)h * Width / Height)), 1);
        int top0 = (h - cropH) / 2, left0 = (w - cropW) / 2;
        var window = cropH == h && cropW == w ? x : Ops.Crop2D(x, top0, left0, cropH, cropW, ChannelsLast);
        return cropH == Height && cropW == Width ? window : Resize(window, cropH, cropW);
    }

    /// <summary>Bilinear resize with half-pixel centres: output row i reads input row (i + ½)·in/out − ½, clamped.</summary>
    private Tensor Resize(Tensor x, int h, int w)
    {
        double scaleY = (double)h / Height, scaleX = (double)w / Width;
        return ImageSampler.Sample(x, ChannelsLast, Height, Width, 4, 0, (b, oy, ox, rows, cols, ws) =>
        {
            double sy = (oy + 0.5) * scaleY - 0.5, sx = (ox + 0.5) * scaleX - 0.5;
            int y0 = (int)Math.Floor(sy), x0 = (int)Math.Floor(sx);
            double fy = sy - y0, fx = sx - x0;
            int ya = Math.Clamp(y0, 0, h - 1), yb = Math.Clamp(y0 + 1, 0, h - 1);
            int xa = Math.Clamp(x0, 0, w - 1), xb = Math.Clamp(x0 + 1, 0, w - 1);
            rows[0] = ya; cols[0] = xa; ws[0] = (1 - fy) * (1 - fx);
            rows[1] = ya; cols[1] = xb; ws[1] = (1 - fy) * fx;
            rows[2] = yb; cols[2] = xa; ws[2] = fy * (1 - fx);
            rows[3] = yb; cols[3] = xb; ws[3] = fy * fx;
            return 4;
        });
    }

    public override IReadOnlyDictionary<string, object?> GetConfig() => Config(
        ("height", Height), ("width", Width), ("seed", Seed), ("data_format", DataFormat.ToKeras()));
}
