namespace Convergent.Keras;

/// <summary>A Python <c>str</c>.</summary>
/// <param name="Value">The value.</param>
public sealed record KerasString(string Value) : KerasValue
{
    /// <inheritdoc/>
    public override string ToPython() => QuoteString(Value);
}
