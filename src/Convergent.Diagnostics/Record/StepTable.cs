namespace Convergent.Diagnostics;

/// <summary>The per-step (mini-batch) values of a run: loss, learning rate and epoch, as series of one
/// <see cref="SeriesFrame"/> (bounded: a long run keeps its first and last steps at full resolution and the middle
/// thinned, see <see cref="SeriesFrame"/>).</summary>
public sealed class StepTable
{
    /// <summary>Creates an empty table keeping at most <paramref name="maxRows"/> steps.</summary>
    public StepTable(int maxRows = 65536)
    {
        Frame = new SeriesFrame(maxRows);
        Loss = new Series("loss", Frame);
        LearningRate = new Series("lr", Frame);
        Epoch = new Series("epoch", Frame);
        (_lossColumn, _learningRateColumn, _epochColumn) = (Loss.Column, LearningRate.Column, Epoch.Column);
    }

    private readonly int _lossColumn, _learningRateColumn, _epochColumn;   // read once: Add runs on every training step

    /// <summary>Where the three series store their values.</summary>
    public SeriesFrame Frame { get; }

    /// <summary>The batch loss (with regularization penalties, as Keras logs it).</summary>
    public Series Loss { get; }

    /// <summary>The learning rate used by the step.</summary>
    public Series LearningRate { get; }

    /// <summary>The epoch (1-based) of each step.</summary>
    public Series Epoch { get; }

    /// <summary>Number of steps held (all of them until the table first fills up).</summary>
    public int Count => Loss.Count;

    /// <summary>Number of steps ever recorded.</summary>
    public long Total { get; private set; }

    /// <summary>Records a step: global step (0-based), epoch (1-based), batch loss and learning rate. Steps must not
    /// decrease; recording the last step again replaces its values.</summary>
    public void Add(long step, int epoch, double loss, double learningRate)
    {
        var row = Frame.Row(step);   // one row, three values (a second record of the same step replaces the first)
        row.Set(_lossColumn, loss); row.Set(_learningRateColumn, learningRate); row.Set(_epochColumn, epoch);
        Total++;
    }

    /// <summary>The epoch (1-based) that contains <paramref name="step"/>, or null when no step is recorded.</summary>
    public int? EpochOf(long step)
    {
        var steps = Epoch.Steps;
        if (steps.IsEmpty) return null;
        int i = steps.BinarySearch(step);
        if (i < 0) i = Math.Max(0, ~i - 1);
        return (int)Epoch.Values[i];
    }

    /// <summary>The last step recorded, or null.</summary>
    public long? LastStep => Loss.IsEmpty ? null : Loss.Last.Step;
}
