using Convergent.Tensors;

namespace Convergent.Nn;

/// <summary>
/// Rectified linear unit, Keras 3's general form: f(x) = x &gt; θ ? min(x, max_value) : negative_slope·(x − θ)
/// (with a cap the positive part is clipped to [0, max_value]). The defaults give max(x, 0).
/// Keras <c>keras.activations.relu(x, negative_slope=0.0, max_value=None, threshold=0.0)</c> (<c>"relu"</c>).
/// </summary>
public sealed class ReluActivation : Activation
{
    /// <summary>Creates a ReLU; every argument must be finite, <paramref name="negativeSlope"/> and
    /// <paramref name="maxValue"/> non-negative (as the Keras <c>ReLU</c> layer checks).</summary>
    public ReluActivation(double negativeSlope = 0.0, double? maxValue = null, double threshold = 0.0)
    {
        Check.NonNegative(negativeSlope, "negative_slope");
        if (maxValue is { } m) Check.NonNegative(m, "max_value");
        Check.Finite(threshold, "threshold");
        NegativeSlope = negativeSlope;
        MaxValue = maxValue;
        Threshold = threshold;
    }

    /// <summary>Slope below the threshold (Keras <c>negative_slope</c>).</summary>
    public double NegativeSlope { get; }

    /// <summary>Cap of the output (Keras <c>max_value</c>), or null for none.</summary>
    public double? MaxValue { get; }

    /// <summary>Where the unit switches on (Keras <c>threshold</c>).</summary>
    public double Threshold { get; }

    /// <summary><see cref="ActivationKind.Relu"/>; <see cref="ActivationKind.LeakyRelu"/> when a negative slope keeps
    /// gradients alive below the threshold (such a unit cannot die).</summary>
    public override ActivationKind Kind => NegativeSlope == 0 ? ActivationKind.Relu : ActivationKind.LeakyRelu;

    public override string KerasName => "relu";

    public override Tensor Apply(Tensor x) => Ops.Relu(x, NegativeSlope, MaxValue, Threshold);
}
