namespace Convergent.Keras;

/// <summary>One layer's output shape and weight counts, as Keras' <c>model.summary()</c> reports them.</summary>
/// <param name="Layer">The layer.</param>
/// <param name="OutputShape">Output shape without the batch axis (null entries for unknown sizes).</param>
/// <param name="Parameters">All weights (Keras' "Param #", including BatchNormalization's moving statistics).</param>
/// <param name="TrainableParameters">Weights the optimizer updates.</param>
public sealed record LayerShape(LayerSpec Layer, int?[] OutputShape, long Parameters, long TrainableParameters)
{
    /// <summary><c>Conv2D (None, 70, 52, 32) 2432</c>.</summary>
    public override string ToString() =>
        $"{Layer.ClassName} (None, {string.Join(", ", OutputShape.Select(d => d?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "None"))}) {Parameters}";
}
