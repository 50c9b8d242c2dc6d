namespace Convergent.Nn;

/// <summary>Records every epoch's logs (Keras <c>History</c>, returned by <see cref="Model.Fit"/>).</summary>
public sealed class History : Callback
{
    private readonly Dictionary<string, List<double>> _series = [];
    private readonly List<string> _order = [];

    /// <summary>0-based indices of the epochs run.</summary>
    public List<int> Epochs { get; } = [];

    /// <summary>The series named <paramref name="name"/> (e.g. <c>val_loss</c>), one value per epoch.</summary>
    public IReadOnlyList<double> this[string name] =>
        _series.TryGetValue(name, out var s) ? s : throw new KeyNotFoundException($"History has no '{name}'; it has: {string.Join(", ", _order)}.");

    /// <summary>Names of the recorded series, in Keras's order.</summary>
    public IReadOnlyList<string> Keys => _order;

    /// <summary>Whether a series exists.</summary>
    public bool Contains(string name) => _series.ContainsKey(name);

    public override void OnEpochEnd(int epoch, Logs logs)
    {
        Epochs.Add(epoch);
        foreach (var (k, v) in logs)
        {
            if (!_series.TryGetValue(k, out var s)) { s = []; _series[k] = s; _order.Add(k); }
            s.Add(v);
        }
    }
}
