namespace Convergent.Keras;

/// <summary>A Python <c>bool</c>.</summary>
/// <param name="Value">The value.</param>
public sealed record KerasBool(bool Value) : KerasValue
{
    /// <summary>Python <c>True</c>.</summary>
    public static KerasBool True { get; } = new(true);

    /// <summary>Python <c>False</c>.</summary>
    public static KerasBool False { get; } = new(false);

    /// <inheritdoc/>
    public override string ToPython() => Value ? "True" : "False";
}
