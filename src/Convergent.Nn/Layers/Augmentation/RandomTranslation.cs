using Convergent.Tensors;

namespace Convergent.Nn;

/// <summary>
/// Training-time augmentation: shifts each image by its own random offset, dy = U(height_factor)·H rows and
/// dx = U(width_factor)·W columns (positive = down/right), i.e. output (y, x) reads input (y − dy, x − dx), filling
/// points from outside the image per <see cref="FillMode"/> and reading between pixels per
/// <see cref="Interpolation"/>; the identity at inference. Keras <c>keras.layers.RandomTranslation(height_factor,
/// width_factor, fill_mode="reflect", interpolation="bilinear", seed=None, fill_value=0.0, data_format=None)</c>,
/// with TensorFlow's ImageProjectiveTransform conventions. Gradients flow to the input (bilinear weights).
/// </summary>
public sealed class RandomTranslation : Layer
{
    private Random? _seeded;

    /// <summary>Creates the layer; both factors must lie in [−1, 1].</summary>
    public RandomTranslation(FactorRange heightFactor, FactorRange widthFactor, FillMode fillMode = FillMode.Reflect,
        Interpolation interpolation = Interpolation.Bilinear, int? seed = null, double fillValue = 0.0,
        DataFormat dataFormat = DataFormat.ChannelsLast, string? name = null) : base(name)
    {
        heightFactor.Validate("height_factor");
        widthFactor.Validate("width_factor");
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
    public FactorRange WidthFactor { get; }
    public FillMode FillMode { get; }
    public Interpolation Interpolation { get; }
    public int? Seed { get; }
    public double FillValue { get; }
    public DataFormat DataFormat { get; }

    public override Shape ComputeOutputShape(Shape inputShape)
    {
        LayerArgs.Image(inputShape, DataFormat, "RandomTranslation");
        return inputShape;
    }

    protected override void OnBuild(Shape inputShape) => _seeded = Seed is { } s ? OwnRandomStream(s) : null;

    /// <summary>Translates image b of <paramref name="x"/> by (dy[b], dx[b]) pixels with this layer's fill and
    /// interpolation: the deterministic transform the training pass applies with random offsets.</summary>
    public Tensor Translate(Tensor x, double[] dy, double[] dx)
    {
        var (h, w, _) = LayerArgs.Image(new Shape(x.Shape.ToArray()[1..]), DataFormat, "RandomTranslation");
        int taps = Interpolation == Interpolation.Bilinear ? 4 : 1;
        return ImageSampler.Sample(x, DataFormat == DataFormat.ChannelsLast, h, w, taps, FillMode == FillMode.Constant ? FillValue : 0,
            (b, oy, ox, rows, cols, ws) =>
            {
                double sy = ImageSampler.MapCoordinate(oy - dy[b], h, FillMode);
                double sx = ImageSampler.MapCoordinate(ox - dx[b], w, FillMode);
                return ImageSampler.Taps(sy, sx, Interpolation, rows, cols, ws);
            });
    }

    protected override Tensor Forward(Tensor x, bool training)
    {
        if (!training) return x;
        var rng = _seeded ?? Rng;
        int n = x.Shape[0];
        var (h, w, _) = LayerArgs.Image(new Shape(x.Shape.ToArray()[1..]), DataFormat, "RandomTranslation");
        var dy = new double[n]; var dx = new double[n];
        // Keras draws all height offsets, then all width offsets
        for (int b = 0; b < n; b++) dy[b] = (HeightFactor.Lower + (HeightFactor.Upper - HeightFactor.Lower) * rng.NextDouble()) * h;
        for (int b = 0; b < n; b++) dx[b] = (WidthFactor.Lower + (WidthFactor.Upper - WidthFactor.Lower) * rng.NextDouble()) * w;
        return Translate(x, dy, dx);
    }

    public override IReadOnlyDictionary<string, object?> GetConfig() => Config(
        ("height_factor", HeightFactor.ToConfig()),
        ("width_factor", WidthFactor.ToConfig()),
        ("fill_mode", FillMode.ToKeras()),
        ("interpolation", Interpolation.ToKeras()),
        ("seed", Seed),
        ("fill_value", FillValue),
        ("data_format", DataFormat.ToKeras()));
}
