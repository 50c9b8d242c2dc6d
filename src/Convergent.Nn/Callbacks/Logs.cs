using System.Collections;

namespace Convergent.Nn;

/// <summary>
/// The values a batch or epoch produced, in Keras's order and with Keras's names (<c>loss</c>, <c>accuracy</c>,
/// <c>val_loss</c>, <c>val_accuracy</c>, <c>learning_rate</c>…).
/// </summary>
public sealed class Logs : IReadOnlyList<KeyValuePair<string, double>>
{
    private readonly List<KeyValuePair<string, double>> _entries = [];

    public Logs() { }

    public Logs(IEnumerable<KeyValuePair<string, double>> entries) { foreach (var e in entries) Set(e.Key, e.Value); }

    /// <summary>Sets (or replaces) a value.</summary>
    public void Set(string name, double value)
    {
        int i = _entries.FindIndex(e => e.Key == name);
        if (i >= 0) _entries[i] = new(name, value); else _entries.Add(new(name, value));
    }

    /// <summary>The value named <paramref name="name"/>, or null.</summary>
    public double? this[string name]
    {
        get { foreach (var e in _entries) if (e.Key == name) return e.Value; return null; }
    }

    /// <summary>Training loss.</summary>
    public double? Loss => this["loss"];

    /// <summary>Validation loss.</summary>
    public double? ValLoss => this["val_loss"];

    public int Count => _entries.Count;
    public KeyValuePair<string, double> this[int index] => _entries[index];
    public IEnumerator<KeyValuePair<string, double>> GetEnumerator() => _entries.GetEnumerator();
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>Keras's progress-bar form: <c>loss: 0.1234 - accuracy: 0.9876</c>.</summary>
    public override string ToString() => string.Join(" - ", _entries.Select(e => $"{e.Key}: {Format(e.Value)}"));

    internal static string Format(double v) => Math.Abs(v) >= 1e-3 || v == 0 ? v.ToString("0.0000") : v.ToString("0.0000e+00");
}
