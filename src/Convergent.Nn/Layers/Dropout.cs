using Convergent.Tensors;

namespace Convergent.Nn;

/// <summary>
/// Inverted dropout: at training time each element is kept with probability 1 − rate and scaled by 1/(1 − rate) (so
/// the expected output equals the input and inference needs no rescaling), else set to 0; at inference the layer is
/// the identity. With a noise shape, one draw is shared along its axes of size 1 (e.g. (batch, 1, 1, channels) drops
/// whole feature maps). Keras <c>keras.layers.Dropout(rate, noise_shape=None, seed=None)</c>. Srivastava et al.,
/// "Dropout: a simple way to prevent neural networks from overfitting", JMLR 2014.
/// </summary>
public sealed class Dropout : Layer
{
    private Random? _seeded;

    /// <summary>Creates the layer; <paramref name="rate"/> must lie in [0, 1]. <paramref name="noiseShape"/> includes
    /// the batch axis, a null entry meaning "the input's size on that axis" (Keras's None). With
    /// <paramref name="seed"/> the masks come from that seed, else from the random stream the model gives the layer.</summary>
    public Dropout(double rate, int?[]? noiseShape = null, int? seed = null, string? name = null) : base(name)
    {
        if (!(rate >= 0 && rate <= 1))
            throw new ArgumentException($"Invalid value received for argument `rate`. Expected a float value between 0 and 1. Received: rate={Check.Format(rate)}");
        if (noiseShape is not null && noiseShape.Any(d => d is <= 0))
            throw new ArgumentException($"Invalid value for argument noise_shape: expected positive sizes or None. Received: noise_shape=({string.Join(", ", noiseShape.Select(d => d?.ToString() ?? "None"))})");
        Rate = rate;
        NoiseShape = noiseShape is null ? null : (int?[])noiseShape.Clone();
        Seed = seed;
    }

    /// <summary>Fraction of elements dropped (Keras <c>rate</c>).</summary>
    public double Rate { get; }

    /// <summary>Shape of the mask, batch axis included (Keras <c>noise_shape</c>), or null for the input's shape.</summary>
    public IReadOnlyList<int?>? NoiseShape { get; }

    /// <summary>The layer's own seed (Keras <c>seed</c>), or null.</summary>
    public int? Seed { get; }

    public override Shape ComputeOutputShape(Shape inputShape)
    {
        if (NoiseShape is not null && NoiseShape.Count != inputShape.Rank + 1)
            throw new ArgumentException($"noise_shape has rank {NoiseShape.Count} but the input (with its batch axis) has rank {inputShape.Rank + 1}.");
        return inputShape;
    }

    protected override void OnBuild(Shape inputShape) => _seeded = Seed is { } s ? OwnRandomStream(s) : null;

    protected override Tensor Forward(Tensor x, bool training)
    {
        if (!training || Rate == 0) return x;
        // keep with probability 1 − rate; rate = 1 keeps nothing (the output is all zeros, as in Keras)
        return Ops.Dropout(x, Rate, _seeded ?? Rng, MaskShape(x.Shape));
    }

    private Shape MaskShape(Shape input)
    {
        if (NoiseShape is null) return input;
        var dims = new int[input.Rank];
        for (int i = 0; i < dims.Length; i++) dims[i] = NoiseShape[i] ?? input[i];
        return new Shape(dims);
    }

    public override IReadOnlyDictionary<string, object?> GetConfig() => Config(
        ("rate", Rate),
        ("seed", Seed),
        ("noise_shape", NoiseShape?.ToArray()));
}
