namespace Convergent.Keras;

/// <summary>A Python dict with its insertion order, e.g. <c>class_weight={0: 1.0, 1: 5.0}</c>.</summary>
public sealed record KerasDict : KerasValue
{
    /// <summary>Creates a dict from its entries in order.</summary>
    public KerasDict(IReadOnlyList<KeyValuePair<KerasValue, KerasValue>> entries)
    {
        Entries = entries;
    }

    /// <summary>The entries in insertion order.</summary>
    public IReadOnlyList<KeyValuePair<KerasValue, KerasValue>> Entries { get; }

    /// <summary>The value for a key, or null.</summary>
    public KerasValue? this[KerasValue key] =>
        Entries.FirstOrDefault(e => e.Key.Equals(key)).Value;

    /// <summary>Content equality (order-sensitive, as the dict was written).</summary>
    public bool Equals(KerasDict? other) =>
        other is not null && Entries.Count == other.Entries.Count &&
        Entries.Zip(other.Entries).All(p => p.First.Key.Equals(p.Second.Key) && p.First.Value.Equals(p.Second.Value));

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var e in Entries)
        {
            hash.Add(e.Key);
            hash.Add(e.Value);
        }

        return hash.ToHashCode();
    }

    /// <inheritdoc/>
    public override string ToPython() =>
        "{" + string.Join(", ", Entries.Select(e => e.Key.ToPython() + ": " + e.Value.ToPython())) + "}";
}
