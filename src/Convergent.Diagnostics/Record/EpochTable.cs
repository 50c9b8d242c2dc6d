namespace Convergent.Diagnostics;

/// <summary>
/// The per-epoch values of a run, by column: one list per metric name, aligned with <see cref="Numbers"/>
/// (epochs 1-based, as Keras prints them). Names are normalized to Keras 3's (<c>acc</c> → <c>accuracy</c>,
/// <c>val_acc</c> → <c>val_accuracy</c>, <c>learning_rate</c> → <c>lr</c>); a value missing in an epoch is NaN.
/// </summary>
public sealed class EpochTable
{
    /// <summary>Training loss column name.</summary>
    public const string LossName = "loss";
    /// <summary>Training accuracy column name.</summary>
    public const string AccuracyName = "accuracy";
    /// <summary>Validation loss column name.</summary>
    public const string ValLossName = "val_loss";
    /// <summary>Validation accuracy column name.</summary>
    public const string ValAccuracyName = "val_accuracy";
    /// <summary>Learning-rate column name.</summary>
    public const string LrName = "lr";
    /// <summary>Epoch duration column name.</summary>
    public const string SecondsName = "seconds";

    private readonly List<int> _numbers = [];
    private readonly Dictionary<string, List<double>> _columns = new(StringComparer.Ordinal);
    private readonly List<string> _order = [];

    /// <summary>The epoch numbers (1-based), in order.</summary>
    public IReadOnlyList<int> Numbers => _numbers;

    /// <summary>Number of epochs recorded.</summary>
    public int Count => _numbers.Count;

    /// <summary>Column names in first-seen order.</summary>
    public IReadOnlyList<string> Names => _order;

    /// <summary>Appends an epoch (1-based number) with its values; names are normalized.</summary>
    public void Add(int epoch, IEnumerable<KeyValuePair<string, double>> values)
    {
        if (epoch < 1) throw new ArgumentOutOfRangeException(nameof(epoch), $"Epochs are 1-based. Received: {epoch}");
        if (_numbers.Count > 0 && epoch <= _numbers[^1])
            throw new ArgumentException($"Epoch {epoch} added after epoch {_numbers[^1]}; epochs must increase.", nameof(epoch));
        _numbers.Add(epoch);
        foreach (var col in _columns.Values) col.Add(double.NaN);
        foreach (var (rawName, v) in values)
        {
            var name = NormalizeName(rawName);
            if (!_columns.TryGetValue(name, out var col))
            {
                col = [.. Enumerable.Repeat(double.NaN, _numbers.Count)];
                _columns[name] = col;
                _order.Add(name);
            }
            col[^1] = v;
        }
    }

    /// <summary>Keras 3 names for the spellings older Keras versions and callbacks use.</summary>
    public static string NormalizeName(string name) => name switch
    {
        "acc" => AccuracyName,
        "val_acc" => ValAccuracyName,
        "learning_rate" => LrName,
        "lr" => LrName,
        "time" or "duration" => SecondsName,
        _ when name.EndsWith("_acc", StringComparison.Ordinal) => name[..^4] + "_accuracy",
        _ => name,
    };

    /// <summary>Whether a column exists and has at least one value.</summary>
    public bool Has(string name) => _columns.TryGetValue(NormalizeName(name), out var c) && c.Exists(v => !double.IsNaN(v));

    /// <summary>The column named <paramref name="name"/> (NaN where missing), or null when absent.</summary>
    public IReadOnlyList<double>? Column(string name) => _columns.TryGetValue(NormalizeName(name), out var c) ? c : null;

    /// <summary>The column as an array (empty when absent).</summary>
    public double[] Values(string name) => Column(name)?.ToArray() ?? [];

    /// <summary>Training loss per epoch (empty when absent).</summary>
    public double[] Loss => Values(LossName);
    /// <summary>Training accuracy per epoch.</summary>
    public double[] Accuracy => Values(AccuracyName);
    /// <summary>Validation loss per epoch.</summary>
    public double[] ValLoss => Values(ValLossName);
    /// <summary>Validation accuracy per epoch.</summary>
    public double[] ValAccuracy => Values(ValAccuracyName);
    /// <summary>Learning rate per epoch.</summary>
    public double[] Lr => Values(LrName);
    /// <summary>Seconds per epoch.</summary>
    public double[] Seconds => Values(SecondsName);

    /// <summary>The value of <paramref name="name"/> at the epoch at index <paramref name="index"/>, or null when missing.</summary>
    public double? Get(string name, int index)
    {
        var c = Column(name);
        return c is null || double.IsNaN(c[index]) ? null : c[index];
    }

    /// <summary>The values of one epoch (index 0-based), in column order, NaN ones left out.</summary>
    public IEnumerable<KeyValuePair<string, double>> Row(int index)
    {
        foreach (var n in _order)
        {
            double v = _columns[n][index];
            if (!double.IsNaN(v) || n is LossName or ValLossName) yield return new(n, v);
        }
    }
}
