using System.Globalization;

namespace Convergent.Keras;

/// <summary>A Python <c>int</c>; the importer rejects integers beyond 64 bits.</summary>
/// <param name="Value">The value.</param>
public sealed record KerasInt(long Value) : KerasValue
{
    /// <inheritdoc/>
    public override string ToPython() => Value.ToString(CultureInfo.InvariantCulture);
}
