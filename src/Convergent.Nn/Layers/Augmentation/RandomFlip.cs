using Convergent.Tensors;

namespace Convergent.Nn;

/// <summary>
/// Training-time augmentation: flips each image of the batch left–right and/or top–bottom, each flip with
/// probability ½ drawn independently per image; the identity at inference. Keras
/// <c>keras.layers.RandomFlip(mode="horizontal_and_vertical", seed=None, data_format=None)</c>. The flip is a
/// permutation, so gradients flow through it to earlier layers.
/// </summary>
public sealed class RandomFlip : Layer
{
    private Random? _seeded;

    /// <summary>Creates the layer; with <paramref name="seed"/> the flips come from that seed, else from the model's
    /// random stream.</summary>
    public RandomFlip(FlipMode mode = FlipMode.HorizontalAndVertical, int? seed = null,
        DataFormat dataFormat = DataFormat.ChannelsLast, string? name = null) : base(name)
    {
        Mode = mode;
        Seed = seed;
        DataFormat = dataFormat;
    }

    public FlipMode Mode { get; }
    public int? Seed { get; }
    public DataFormat DataFormat { get; }

    public override Shape ComputeOutputShape(Shape inputShape)
    {
        LayerArgs.Image(inputShape, DataFormat, "RandomFlip");
        return inputShape;
    }

    protected override void OnBuild(Shape inputShape) => _seeded = Seed is { } s ? OwnRandomStream(s) : null;

    protected override Tensor Forward(Tensor x, bool training)
    {
        if (!training) return x;
        var rng = _seeded ?? Rng;
        int n = x.Shape[0];
        var (h, w, _) = LayerArgs.Image(new Shape(x.Shape.ToArray()[1..]), DataFormat, "RandomFlip");
        var flipH = new bool[n]; var flipV = new bool[n];
        for (int b = 0; b < n; b++)
        {
            if (Mode != FlipMode.Vertical) flipH[b] = rng.NextDouble() < 0.5;
            if (Mode != FlipMode.Horizontal) flipV[b] = rng.NextDouble() < 0.5;
        }
        return ImageSampler.Sample(x, DataFormat == DataFormat.ChannelsLast, h, w, 1, 0, (b, oy, ox, rows, cols, ws) =>
        {
            rows[0] = flipV[b] ? h - 1 - oy : oy;
            cols[0] = flipH[b] ? w - 1 - ox : ox;
            ws[0] = 1;
            return 1;
        });
    }

    public override IReadOnlyDictionary<string, object?> GetConfig() => Config(
        ("mode", Mode switch { FlipMode.Horizontal => "horizontal", FlipMode.Vertical => "vertical", _ => "horizontal_and_vertical" }),
        ("seed", Seed),
        ("data_format", DataFormat.ToKeras()));
}
