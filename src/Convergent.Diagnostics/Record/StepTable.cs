namespace Convergent.Diagnostics;

/// <summary>The per-step (mini-batch) values of a run: loss and learning rate as series, and the epoch of each step.</summary>
public sealed class StepTable
{
    private readonly List<long> _steps = [];
    private readonly List<int> _epochs = [];

    /// <summary>The batch loss (with regularization penalties, as Keras logs it).</summary>
    public Series Loss { get; } = new("loss");

    /// <summary>The learning rate used by the step.</summary>
    public Series LearningRate { get; } = new("lr");

    /// <summary>Number of steps recorded.</summary>
    public int Count => _steps.Count;

    /// <summary>Records a step: global step (0-based), epoch (1-based), batch loss and learning rate.</summary>
    public void Add(long step, int epoch, double loss, double learningRate)
    {
        _steps.Add(step);
        _epochs.Add(epoch);
        Loss.Add(step, loss);
        LearningRate.Add(step, learningRate);
    }

    /// <summary>The epoch (1-based) that contains <paramref name="step"/>, or null when the step is unknown.</summary>
    public int? EpochOf(long step)
    {
        int i = _steps.BinarySearch(step);
        if (i >= 0) return _epochs[i];
        i = ~i;
        return i > 0 ? _epochs[i - 1] : (_epochs.Count > 0 ? _epochs[0] : null);
    }

    /// <summary>The last step recorded, or null.</summary>
    public long? LastStep => _steps.Count > 0 ? _steps[^1] : null;
}
