namespace Convergent.Keras;

/// <summary>Python <c>None</c>, given explicitly (an absent key in a <see cref="KerasConfig"/> means "not given").</summary>
public sealed record KerasNone : KerasValue
{
    private KerasNone()
    {
    }

    /// <summary>The single instance.</summary>
    public static KerasNone Instance { get; } = new();

    /// <inheritdoc/>
    public override string ToPython() => "None";
}
