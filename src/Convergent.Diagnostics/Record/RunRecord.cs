namespace Convergent.Diagnostics;

/// <summary>
/// Everything a run produced, stored by column: per-epoch metrics (<see cref="Epochs"/>), per-step loss and
/// learning rate (<see cref="Steps"/>), per-layer per-statistic series (<see cref="Layer"/>), output-layer
/// statistics (<see cref="Output"/>), and the facts about model, data, training and initialization that rules read.
/// A record from a Keras log has only epochs (and whatever the log told about training and data).
/// </summary>
public sealed class RunRecord
{
    private readonly List<LayerRecord> _layers = [];
    private readonly Dictionary<string, LayerRecord> _byName = new(StringComparer.Ordinal);

    /// <summary>Creates an empty record. The per-step series are bounded: at most <paramref name="maxStatisticsRows"/>
    /// steps of per-layer statistics and <paramref name="maxStepRows"/> steps of loss and learning rate are kept, a long
    /// run's middle thinned (see <see cref="SeriesFrame"/>).</summary>
    public RunRecord(int maxStatisticsRows = 8192, int maxStepRows = 65536)
    {
        Statistics = new SeriesFrame(maxStatisticsRows);
        Steps = new StepTable(maxStepRows);
        Output = new OutputRecord(Statistics);
    }

    /// <summary>Where the per-layer, per-weight and output series store their values: one row per measured step.</summary>
    public SeriesFrame Statistics { get; }

    /// <summary>Where the run came from: a model script, <c>builtin:…</c>, a log file path.</summary>
    public string? Source { get; set; }

    /// <summary>Model facts (null for a log).</summary>
    public ModelFacts? Model { get; set; }

    /// <summary>Data facts (null when unknown).</summary>
    public DataFacts? Data { get; set; }

    /// <summary>Training settings and how training ended.</summary>
    public TrainingFacts Training { get; set; } = new();

    /// <summary>Quick-probe results (null when they did not run).</summary>
    public InitFacts? Init { get; set; }

    /// <summary>Per-epoch metrics.</summary>
    public EpochTable Epochs { get; } = new();

    /// <summary>Per-step loss and learning rate.</summary>
    public StepTable Steps { get; }

    /// <summary>Output-layer statistics.</summary>
    public OutputRecord Output { get; }

    /// <summary>Conv filters at a few epochs, the confusion matrix and the decision boundary (<see cref="SnapshotRecorder"/>).</summary>
    public SnapshotRecord Snapshots { get; } = new();

    /// <summary>Layer records in model order.</summary>
    public IReadOnlyList<LayerRecord> Layers => _layers;

    /// <summary>The record of layer <paramref name="name"/> (throws listing the layers when absent).</summary>
    public LayerRecord Layer(string name) =>
        _byName.TryGetValue(name, out var l) ? l
        : throw new KeyNotFoundException($"No layer '{name}' in the run record; layers are: {string.Join(", ", _layers.Select(x => x.Name))}.");

    /// <summary>Whether a layer record exists.</summary>
    public bool HasLayer(string name) => _byName.ContainsKey(name);

    /// <summary>Adds (or returns) the record of a layer.</summary>
    public LayerRecord AddLayer(string name)
    {
        if (_byName.TryGetValue(name, out var l)) return l;
        l = new LayerRecord(name, Statistics);
        _layers.Add(l);
        _byName[name] = l;
        return l;
    }

    /// <summary>Number of classes, from the data or else the model's output width (0 when unknown).</summary>
    public int Classes =>
        Data is { Classes: > 0 } d ? d.Classes
        : Model?.OutputUnits is int u && IsClassificationLoss(Training.Loss) ? Math.Max(u, 2) : 0;

    /// <summary>Whether a Keras loss name is a classification crossentropy (or hinge).</summary>
    public static bool IsClassificationLoss(string? loss) =>
        loss is not null && (loss.Contains("crossentropy", StringComparison.Ordinal) || loss.Contains("hinge", StringComparison.Ordinal));
}
