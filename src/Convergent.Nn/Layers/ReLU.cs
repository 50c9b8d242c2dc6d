using Convergent.Tensors;

namespace Convergent.Nn;

/// <summary>
/// ReLU as a layer, Keras 3's general form: f(x) = x &gt; θ ? min(x, max_value) : negative_slope·(x − θ). Keras
/// <c>keras.layers.ReLU(max_value=None, negative_slope=0.0, threshold=0.0)</c>.
/// </summary>
public sealed class ReLU : Layer
{
    /// <summary>Creates the layer; <paramref name="maxValue"/> and <paramref name="negativeSlope"/> must be ≥ 0.</summary>
    public ReLU(double? maxValue = null, double negativeSlope = 0.0, double threshold = 0.0, string? name = null) : base(name)
    {
        if (maxValue is < 0 || maxValue is { } m && !double.IsFinite(m))
            throw new ArgumentException($"max_value of a ReLU layer cannot be a negative value. Received: max_value={Check.Format(maxValue.Value)}");
        if (!(negativeSlope >= 0) || double.IsInfinity(negativeSlope))
            throw new ArgumentException($"negative_slope of a ReLU layer cannot be a negative value. Received: negative_slope={Check.Format(negativeSlope)}");
        Check.Finite(threshold, "threshold");
        Function = new ReluActivation(negativeSlope, maxValue, threshold);
    }

    /// <summary>The function the layer applies.</summary>
    public ReluActivation Function { get; }

    public override Activation? ActivationFunction => Function;

    public override Shape ComputeOutputShape(Shape inputShape) => inputShape;

    protected override Tensor Forward(Tensor x, bool training) => ApplyActivation(Function, x);

    public override IReadOnlyDictionary<string, object?> GetConfig() => Config(
        ("max_value", Function.MaxValue), ("negative_slope", Function.NegativeSlope), ("threshold", Function.Threshold));
}
