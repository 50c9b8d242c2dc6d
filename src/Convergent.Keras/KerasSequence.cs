namespace Convergent.Keras;

/// <summary>A Python tuple or list. Equality compares the items and whether it is a tuple.</summary>
public sealed record KerasSequence : KerasValue
{
    /// <summary>Creates a tuple (<paramref name="isTuple"/>) or list of the given items.</summary>
    public KerasSequence(IReadOnlyList<KerasValue> items, bool isTuple)
    {
        Items = items;
        IsTuple = isTuple;
    }

    /// <summary>The items in order.</summary>
    public IReadOnlyList<KerasValue> Items { get; }

    /// <summary>True for a tuple, false for a list.</summary>
    public bool IsTuple { get; }

    /// <summary>Number of items.</summary>
    public int Count => Items.Count;

    /// <summary>Content equality.</summary>
    public bool Equals(KerasSequence? other) =>
        other is not null && IsTuple == other.IsTuple && Items.SequenceEqual(other.Items);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(IsTuple);
        foreach (var item in Items)
        {
            hash.Add(item);
        }

        return hash.ToHashCode();
    }

    /// <inheritdoc/>
    public override string ToPython()
    {
        string inner = string.Join(", ", Items.Select(i => i.ToPython()));
        if (!IsTuple)
        {
            return "[" + inner + "]";
        }

        return Items.Count == 1 ? "(" + inner + ",)" : "(" + inner + ")";
    }
}
