using Convergent.Tensors;

namespace Convergent.Nn;

/// <summary>
/// Training-time augmentation: rotates each image about its centre by its own random angle θ = U(factor)·2π
/// (positive = counter-clockwise on screen), i.e. output (x, y) reads input
/// (cos θ·x − sin θ·y + x₀, sin θ·x + cos θ·y + y₀) with the offsets x₀, y₀ that keep the centre ((W−1)/2, (H−1)/2)
/// fixed, filling points from outside the image per <see cref="FillMode"/> and reading between pixels per
/// <see cref="Interpolation"/>; the identity at inference. Keras <c>keras.layers.RandomRotation(factor,
/// fill_mode="reflect", interpolation="bilinear", seed=None, fill_value=0.0, data_format=None)</c>, with TensorFlow's
/// ImageProjectiveTransform conventions. Gradients flow to the input (bilinear weights).
/// </summary>
public sealed class RandomRotation : Layer
{
    private Random? _seeded;

    /// <summary>Creates the layer; the factor (a fraction of a full turn) must lie in [−1, 1].</summary>
    public RandomRotation(FactorRange factor, FillMode fillMode = FillMode.Reflect, Interpolation interpolation = Interpolation.Bilinear,
        int? seed = null, double fillValue = 0.0, DataFormat dataFormat = DataFormat.ChannelsLast, string? name = null) : base(name)
    {
        factor.Validate("factor");
        Check.Finite(fillValue, "fill_value");
        Factor = factor;
        FillMode = fillMode;
        Interpolation = interpolation;
        Seed = seed;
        FillValue = fillValue;
        DataFormat = dataFormat;
    }

    /// <summary>The range of angles as fractions of 2π.</summary>
    public FactorRange Factor { get; }
    public FillMode FillMode { get; }
    public Interpolation Interpolation { get; }
    public int? Seed { get; }
    public double FillValue { get; }
    public DataFormat DataFormat { get; }

    public override Shape ComputeOutputShape(Shape inputShape)
    {
        LayerArgs.Image(inputShape, DataFormat, "RandomRotation");
        return inputShape;
    }

    protected override void OnBuild(Shape inputShape) => _seeded = Seed is { } s ? OwnRandomStream(s) : null;

    /// <summary>Rotates image b of <paramref name="x"/> by <paramref name="angles"/>[b] radians with this layer's fill and
    /// interpolation: the deterministic transform the training pass applies with random angles.</summary>
    public Tensor Rotate(Tensor x, double[] angles)
    {
        var (h, w, _) = LayerArgs.Image(new Shape(x.Shape.ToArray()[1..]), DataFormat, "RandomRotation");
        int n = x.Shape[0];
        var cos = new double[n];
        var sin = new double[n];
        var x0 = new double[n];
        var y0 = new double[n];
        for (int b = 0; b < n; b++)
        {
            cos[b] = Math.Cos(angles[b]);
            sin[b] = Math.Sin(angles[b]);
            x0[b] = (w - 1 - (cos[b] * (w - 1) - sin[b] * (h - 1))) / 2;
            y0[b] = (h - 1 - (sin[b] * (w - 1) + cos[b] * (h - 1))) / 2;
        }
        int taps = Interpolation == Interpolation.Bilinear ? 4 : 1;
        return ImageSampler.Sample(x, DataFormat == DataFormat.ChannelsLast, h, w, taps, FillMode == FillMode.Constant ? FillValue : 0,
            (b, oy, ox, rows, cols, ws) =>
            {
                double sx = ImageSampler.MapCoordinate(cos[b] * ox - sin[b] * oy + x0[b], w, FillMode);
                double sy = ImageSampler.MapCoordinate(sin[b] * ox + cos[b] * oy + y0[b], h, FillMode);
                return ImageSampler.Taps(sy, sx, Interpolation, rows, cols, ws);
            });
    }

    protected override Tensor Forward(Tensor x, bool training)
    {
        if (!training) return x;
        var rng = _seeded ?? Rng;
        var angles = new double[x.Shape[0]];
        for (int b = 0; b < angles.Length; b++) angles[b] = (Factor.Lower + (Factor.Upper - Factor.Lower) * rng.NextDouble()) * 2 * Math.PI;
        return Rotate(x, angles);
    }

    public override IReadOnlyDictionary<string, object?> GetConfig() => Config(
        ("factor", Factor.ToConfig()),
        ("fill_mode", FillMode.ToKeras()),
        ("interpolation", Interpolation.ToKeras()),
        ("seed", Seed),
        ("fill_value", FillValue),
        ("data_format", DataFormat.ToKeras()));
}
