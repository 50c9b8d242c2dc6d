namespace Convergent.Keras;

/// <summary>A Python <c>float</c>.</summary>
/// <param name="Value">The value.</param>
public sealed record KerasFloat(double Value) : KerasValue
{
    /// <inheritdoc/>
    public override string ToPython() => FormatFloat(Value);
}
