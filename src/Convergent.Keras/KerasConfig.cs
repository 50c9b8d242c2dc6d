using System.Collections;

namespace Convergent.Keras;

/// <summary>
/// The arguments of a layer or object: an immutable, insertion-ordered map from Keras 3 argument name to
/// value. A key is present only when the argument was given (explicitly, or read from a JSON config), so
/// "not given" stays distinguishable from a value; Keras defaults are filled by a later step.
/// </summary>
public sealed class KerasConfig : IReadOnlyDictionary<string, KerasValue>, IEquatable<KerasConfig>
{
    private readonly KeyValuePair<string, KerasValue>[] _entries;

    /// <summary>Creates a config from entries in order; a repeated key keeps its last value at its first place.</summary>
    public KerasConfig(IEnumerable<KeyValuePair<string, KerasValue>> entries)
    {
        var list = new List<KeyValuePair<string, KerasValue>>();
        foreach (var entry in entries)
        {
            int at = list.FindIndex(e => e.Key == entry.Key);
            if (at >= 0)
            {
                list[at] = entry;
            }
            else
            {
                list.Add(entry);
            }
        }

        _entries = list.ToArray();
    }

    /// <summary>The empty config.</summary>
    public static KerasConfig Empty { get; } = new([]);

    /// <inheritdoc/>
    public int Count => _entries.Length;

    /// <inheritdoc/>
    public IEnumerable<string> Keys => _entries.Select(e => e.Key);

    /// <inheritdoc/>
    public IEnumerable<KerasValue> Values => _entries.Select(e => e.Value);

    /// <inheritdoc/>
    public KerasValue this[string key] =>
        TryGetValue(key, out var value) ? value : throw new KeyNotFoundException($"argument '{key}' was not given");

    /// <summary>Creates a config from (name, value) pairs.</summary>
    public static KerasConfig Of(params (string Key, KerasValue Value)[] entries) =>
        new(entries.Select(e => new KeyValuePair<string, KerasValue>(e.Key, e.Value)));

    /// <inheritdoc/>
    public bool ContainsKey(string key) => Array.FindIndex(_entries, e => e.Key == key) >= 0;

    /// <inheritdoc/>
    public bool TryGetValue(string key, [System.Diagnostics.CodeAnalysis.MaybeNullWhen(false)] out KerasValue value)
    {
        int at = Array.FindIndex(_entries, e => e.Key == key);
        value = at >= 0 ? _entries[at].Value : null;
        return at >= 0;
    }

    /// <summary>The value for <paramref name="key"/>, or null when not given.</summary>
    public KerasValue? GetValueOrNull(string key) => TryGetValue(key, out var v) ? v : null;

    /// <summary>A copy with <paramref name="key"/> set (replaced in place, or appended).</summary>
    public KerasConfig With(string key, KerasValue value) =>
        new(_entries.Append(new KeyValuePair<string, KerasValue>(key, value)));

    /// <summary>A copy without <paramref name="key"/>.</summary>
    public KerasConfig Without(string key) => new(_entries.Where(e => e.Key != key));

    /// <inheritdoc/>
    public IEnumerator<KeyValuePair<string, KerasValue>> GetEnumerator() =>
        ((IEnumerable<KeyValuePair<string, KerasValue>>)_entries).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>Equal when the same keys map to equal values (order ignored: it carries no meaning in Keras).</summary>
    public bool Equals(KerasConfig? other) =>
        other is not null && other.Count == Count &&
        _entries.All(e => other.TryGetValue(e.Key, out var v) && v.Equals(e.Value));

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is KerasConfig other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        int hash = 0;
        foreach (var e in _entries)
        {
            hash ^= HashCode.Combine(e.Key, e.Value);
        }

        return hash;
    }

    /// <summary>The config as Python keyword arguments, e.g. <c>units=512, activation="relu"</c>.</summary>
    public override string ToString() => string.Join(", ", _entries.Select(e => e.Key + "=" + e.Value.ToPython()));
}
