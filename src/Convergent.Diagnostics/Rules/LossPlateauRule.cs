namespace Convergent.Diagnostics;

/// <summary>
/// LOSS_PLATEAU: the training loss stopped decreasing far above what the data allows. Streaming: the smoothed batch
/// loss has not moved over a window and is still near where it started. From epochs (also logs): the last epochs are
/// flat within a small relative band while the loss is still at least half its first-epoch value.
/// </summary>
public sealed class LossPlateauRule : Rule
{
    public override string Code => FindingCode.LossPlateau;

    /// <summary>Steps averaged into one point before fitting (smooths mini-batch noise). Our choice.</summary>
    public int ChunkSteps { get; set; } = 10;

    /// <summary>Steps looked at by the streaming check (at least this many must have run). Our choice.</summary>
    public int WindowSteps { get; set; } = 100;

    /// <summary>Total relative change over the window below which the loss counts as flat (1 %).</summary>
    public double MaxRelativeChange { get; set; } = 0.01;

    /// <summary>Streaming: the smoothed loss must still be at least this share of its starting value (0.8): the loss
    /// "does not move from the first epoch" (user story 1). Later, slower stalls are judged per epoch.</summary>
    public double StuckShareOfInitial { get; set; } = 0.8;

    /// <summary>Epochs that must be flat (3, so that a variance is never taken over one value).</summary>
    public int PlateauEpochs { get; set; } = 3;

    /// <summary>Per-epoch: the final loss must be at least this share of the first epoch's (0.5) — far from fitted.</summary>
    public double MinShareOfFirstEpoch { get; set; } = 0.5;

    private long _checkedAt;

    public override IEnumerable<Finding> CheckStep(RunRecord r, long step)
    {
        var loss = r.Steps.Loss;
        if (loss.Count < WindowSteps || r.Steps.Total - _checkedAt < ChunkSteps) yield break;
        _checkedAt = r.Steps.Total;
        var chunks = Trend.ChunkMeans(loss.LastValues(WindowSteps), ChunkSteps);
        var first = Trend.ChunkMeans(loss.Values[..Math.Min(loss.Count, ChunkSteps)], Math.Min(loss.Count, ChunkSteps));
        if (chunks.Length < 3 || first.Length == 0) yield break;
        var (slope, _) = Trend.TheilSen(Trend.Log(chunks));
        double change = slope * (chunks.Length - 1);
        if (double.IsNaN(change) || Math.Abs(change) > MaxRelativeChange) yield break;
        double level = Robust.Median(chunks), initial = first[0];
        if (!(level >= StuckShareOfInitial * initial)) yield break;
        long since = loss.Steps[loss.Count - WindowSteps];
        yield return Make(r, level, change, Curves.EpochOf(r, since), since, $"{WindowSteps} steps", initial);
    }

    public override IEnumerable<Finding> CheckAfter(RunRecord r)
    {
        var loss = r.Epochs.Loss;
        int n = r.Epochs.Count;
        if (n < PlateauEpochs || loss.Length != n || !double.IsFinite(loss[0]) || !double.IsFinite(loss[^1])) yield break;
        var (start, length) = Curves.FinalFlatRun(loss, MaxRelativeChange);
        if (length < PlateauEpochs) yield break;
        if (loss[^1] < MinShareOfFirstEpoch * loss[0]) yield break;
        if (r.Epochs.Get(EpochTable.AccuracyName, n - 1) is double a && a >= 0.99) yield break;
        yield return Make(r, loss[^1], loss[^1] / loss[start] - 1, r.Epochs.Numbers[start], null, $"{length} epochs", loss[0]);
    }

    private Finding Make(RunRecord r, double level, double change, int? epoch, long? step, string window, double initial) =>
        new Finding(Code, Severity.Warning, $"Loss plateau at {level:0.####} over {window}")
        {
            Epoch = epoch,
            Step = step,
            Evidence = new Evidence
            {
                { "plateau_loss", level },
                { "relative_change", change },
                { "window", window },
                { "initial_loss", initial },
            },
            Confidence = Math.Abs(change) < MaxRelativeChange / 10 ? 0.85 : 0.65,
            Explanation =
                $"The training loss stays at about {level:0.####} (it changed {change:P2} over {window}) while it is still far from a good fit " +
                $"(it started at {initial:0.####}). The optimizer is making no progress: the step size may be wrong, or the network " +
                "cannot pass useful gradients (dead or saturated units) — see the causes listed before this finding.",
            Fixes =
            [
                new Fix("reduce_lr_on_plateau", "Let Keras lower the learning rate when the loss stalls.",
                    "callbacks=[keras.callbacks.ReduceLROnPlateau(monitor=\"loss\", factor=0.5, patience=3)]"),
                new Fix("change_learning_rate", "Try learning rates 10× smaller and 10× larger (a learning-rate range test).",
                    KerasCode.Optimizer(r.Training.Optimizer, KerasCode.ScaledLearningRate(r.Training, 0.1))),
                new Fix("normalize_inputs", "Make sure inputs are scaled to about unit range.", "x_train = x_train / 255.0  # images; else standardize"),
            ],
        };
}
