using Convergent.Tensors;

namespace Convergent.Nn;

/// <summary>
/// Leaky ReLU as a layer: f(x) = x for x &gt; 0, negative_slope·x otherwise. Keras 3
/// <c>keras.layers.LeakyReLU(negative_slope=0.3)</c>; Keras 2's <c>alpha=0.3</c> is accepted as an alias. Note the
/// layer's default 0.3 differs from the <c>leaky_relu</c> function's 0.2 — in Keras too.
/// </summary>
public sealed class LeakyReLU : Layer
{
    /// <summary>The layer's default slope (Keras 2 and 3).</summary>
    public const double DefaultNegativeSlope = 0.3;

    /// <summary>Creates the layer; the slope must be ≥ 0. <paramref name="alpha"/> (Keras 2), when given, wins.</summary>
    public LeakyReLU(double negativeSlope = DefaultNegativeSlope, double? alpha = null, string? name = null) : base(name)
    {
        double slope = alpha ?? negativeSlope;
        if (!(slope >= 0) || double.IsInfinity(slope))
            throw new ArgumentException($"The negative_slope value of a Leaky ReLU layer cannot be None or negative value. Expected a float. Received: negative_slope={Check.Format(slope)}");
        Function = new LeakyReluActivation(slope);
    }

    /// <summary>The function the layer applies.</summary>
    public LeakyReluActivation Function { get; }

    /// <summary>The slope for negative inputs (Keras <c>negative_slope</c>).</summary>
    public double NegativeSlope => Function.NegativeSlope;

    public override Activation? ActivationFunction => Function;

    public override Shape ComputeOutputShape(Shape inputShape) => inputShape;

    protected override Tensor Forward(Tensor x, bool training) => ApplyActivation(Function, x);

    public override IReadOnlyDictionary<string, object?> GetConfig() => Config(("negative_slope", NegativeSlope));
}
