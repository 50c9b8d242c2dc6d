using Convergent.Tensors;

namespace Convergent.Nn;

/// <summary>
/// Training-time augmentation: zooms each image about its centre by its own random factors, zy = 1 + U(height_factor)
/// and zx = 1 + U(width_factor) (zx = zy, keeping the aspect ratio, when <see cref="WidthFactor"/> is null); a factor
/// above 1 zooms out. Output (x, y) reads input (cx + zx·(x − cx), cy + zy·(y − cy)) with the centre
/// (cx, cy) = ((W−1)/2, (H−1)/2), filling points from outside the image per <see cref="FillMode"/> and reading between
/// pixels per <see cref="Interpolation"/>; the identity at inference. Keras <c>keras.layers.RandomZoom(height_factor,
/// width_factor=None, fill_mode="reflect", interpolation="bilinear", seed=None, fill_value=0.0, data_format=None)</c>,
/// with TensorFlow's ImageProjectiveTransform conventions. Gradients flow to the input (bilinear weights).
/// </summary>
public sealed class RandomZoom : Layer
{
    private Random? _seeded;

    /// <summary>Creates the layer; a factor range may not reach below −1 (a zoom factor of 0 or less).</summary>
    public RandomZoom(FactorRange heightFactor, FactorRange? widthFactor = null, FillMode fillMode = FillMode.Reflect,
        Interpolation interpolation = Interpolation.Bilinear, int? seed = null, double fillValue = 0.0,
        DataFormat dataFormat = DataFormat.ChannelsLast, string? name = null) : base(name)
    {
        ValidateZoom(heightFactor, "height_factor");
        if (widthFactor is { } wf) ValidateZoom(wf, "width_factor");
        Check.Finite(fillValue, "fill_value");
        HeightFactor = heightFactor;
        WidthFactor = widthFactor;
        FillMode = fillMode;
        Interpolation = interpolation;
        Seed = seed;
        FillValue = fillValue;
        DataFormat = dataFormat;
    }

    public FactorRange HeightFactor { get; }

    /// <summary>The width's range, or null to zoom the width by the height's factor.</summary>
    public FactorRange? WidthFactor { get; }
    public FillMode FillMode { get; }
    public Interpolation Interpolation { get; }
    public int? Seed { get; }
    public double FillValue { get; }
    public DataFormat DataFormat { get; }

    private static void ValidateZoom(FactorRange f, string name)
    {
        if (!(f.Lower >= -1 && double.IsFinite(f.Upper)))
            throw new ArgumentException($"The `{name}` argument must have values larger than -1. Received: {name}={f.Given}");
    }

    public override Shape ComputeOutputShape(Shape inputShape)
    {
        LayerArgs.Image(inputShape, DataFormat, "RandomZoom");
        return inputShape;
    }

    protected override void OnBuild(Shape inputShape) => _seeded = Seed is { } s ? OwnRandomStream(s) : null;

    /// <summary>Zooms image b of <paramref name="x"/> by (<paramref name="heightZoom"/>[b], <paramref name="widthZoom"/>[b])
    /// with this layer's fill and interpolation: the deterministic transform the training pass applies with random
    /// factors.</summary>
    public Tensor Zoom(Tensor x, double[] heightZoom, double[] widthZoom)
    {
        var (h, w, _) = LayerArgs.Image(new Shape(x.Shape.ToArray()[1..]), DataFormat, "RandomZoom");
        double cy = (h - 1) / 2.0, cx = (w - 1) / 2.0;
        int taps = Interpolation == Interpolation.Bilinear ? 4 : 1;
        return ImageSampler.Sample(x, DataFormat == DataFormat.ChannelsLast, h, w, taps, FillMode == FillMode.Constant ? FillValue : 0,
            (b, oy, ox, rows, cols, ws) =>
            {
                double sy = ImageSampler.MapCoordinate(cy + heightZoom[b] * (oy - cy), h, FillMode);
                double sx = ImageSampler.MapCoordinate(cx + widthZoom[b] * (ox - cx), w, FillMode);
                return ImageSampler.Taps(sy, sx, Interpolation, rows, cols, ws);
            });
    }

    protected override Tensor Forward(Tensor x, bool training)
    {
        if (!training) return x;
        var rng = _seeded ?? Rng;
        int n = x.Shape[0];
        var zy = new double[n];
        // Keras draws all height factors, then all width factors
        for (int b = 0; b < n; b++) zy[b] = 1 + HeightFactor.Lower + (HeightFactor.Upper - HeightFactor.Lower) * rng.NextDouble();
        var zx = zy;
        if (WidthFactor is { } wf)
        {
            zx = new double[n];
            for (int b = 0; b < n; b++) zx[b] = 1 + wf.Lower + (wf.Upper - wf.Lower) * rng.NextDouble();
        }
        return Zoom(x, zy, zx);
    }

    public override IReadOnlyDictionary<string, object?> GetConfig() => Config(
        ("height_factor", HeightFactor.ToConfig()),
        ("width_factor", WidthFactor?.ToConfig()),
        ("fill_mode", FillMode.ToKeras()),
        ("interpolation", Interpolation.ToKeras()),
        ("seed", Seed),
        ("fill_value", FillValue),
        ("data_format", DataFormat.ToKeras()));
}
