using System.Collections;

namespace Convergent.Diagnostics;

/// <summary>
/// The measured values that triggered a finding, in the order the rule gives them (name → number, numbers or text).
/// Names are snake_case as they appear in the JSON report (<c>dead_fraction</c>, <c>since_step</c>).
/// Supports collection initializers: <c>new Evidence { { "dead_fraction", 0.93 }, { "activation", "relu" } }</c>.
/// </summary>
public sealed class Evidence : IReadOnlyList<KeyValuePair<string, EvidenceValue>>
{
    private readonly List<KeyValuePair<string, EvidenceValue>> _items = [];

    /// <summary>Adds a value; a name given twice replaces the first value in place.</summary>
    public void Add(string name, EvidenceValue value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        int i = _items.FindIndex(e => e.Key == name);
        if (i >= 0) _items[i] = new(name, value); else _items.Add(new(name, value));
    }

    /// <summary>The value named <paramref name="name"/>; throws naming the names present when absent.</summary>
    public EvidenceValue this[string name] =>
        TryGet(name, out var v) ? v : throw new KeyNotFoundException($"Evidence has no '{name}'; it has: {string.Join(", ", _items.Select(e => e.Key))}.");

    /// <summary>The number named <paramref name="name"/> (throws when absent or not a number).</summary>
    public double Number(string name) => this[name].Number ?? throw new InvalidOperationException($"Evidence '{name}' is not a number: {this[name]}.");

    /// <summary>Looks a value up.</summary>
    public bool TryGet(string name, out EvidenceValue value)
    {
        foreach (var e in _items) if (e.Key == name) { value = e.Value; return true; }
        value = default;
        return false;
    }

    /// <summary>Whether a value with this name exists.</summary>
    public bool Contains(string name) => _items.Exists(e => e.Key == name);

    public int Count => _items.Count;
    public KeyValuePair<string, EvidenceValue> this[int index] => _items[index];
    public IEnumerator<KeyValuePair<string, EvidenceValue>> GetEnumerator() => _items.GetEnumerator();
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary><c>dead_fraction=0.93, since_step=12</c>.</summary>
    public override string ToString() => string.Join(", ", _items.Select(e => $"{e.Key}={e.Value}"));
}
