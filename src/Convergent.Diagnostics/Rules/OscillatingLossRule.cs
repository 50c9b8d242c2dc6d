namespace Convergent.Diagnostics;

/// <summary>
/// OSCILLATING_LOSS: the loss swings up and down without a trend — the spread of the smoothed curve around its
/// fitted line is large relative to its level and to the trend over the window, and successive changes keep
/// flipping sign. Streaming over smoothed batch losses; from epochs (also logs) over the training loss.
/// </summary>
public sealed class OscillatingLossRule : Rule
{
    public override string Code => FindingCode.OscillatingLoss;

    /// <summary>Steps averaged into one point (10: averages away mini-batch noise). Our choice.</summary>
    public int ChunkSteps { get; set; } = 10;

    /// <summary>Points (chunks or epochs) fitted; at least this many must exist (8). Our choice.</summary>
    public int MinPoints { get; set; } = 8;

    /// <summary>Residual spread around the trend line, relative to the mean level, above which the curve swings (0.2).</summary>
    public double MinRelativeSwing { get; set; } = 0.2;

    /// <summary>Share of successive changes that flip sign (0.6; a random walk gives ≈ 0.5, a trend ≈ 0).</summary>
    public double MinSignFlipShare { get; set; } = 0.6;

    private long _checkedAt;

    public override IEnumerable<Finding> CheckStep(RunRecord r, long step)
    {
        var loss = r.Steps.Loss;
        if (loss.Count < MinPoints * ChunkSteps || r.Steps.Total - _checkedAt < ChunkSteps) yield break;
        _checkedAt = r.Steps.Total;
        var chunks = Trend.ChunkMeans(loss.LastValues(Math.Min(loss.Count, 4 * MinPoints * ChunkSteps)), ChunkSteps);
        if (Check(chunks, Curves.InitialLoss(r)) is { } ev)
        {
            long since = loss.Steps[loss.Count - chunks.Length * ChunkSteps];
            ev.Add("window_steps", chunks.Length * ChunkSteps);
            yield return Make(r, Curves.EpochOf(r, since), since, ev);
        }
    }

    public override IEnumerable<Finding> CheckAfter(RunRecord r)
    {
        if (r.Steps.Count > 0) yield break;
        var loss = r.Epochs.Loss;
        if (loss.Length < MinPoints) yield break;
        if (Check(loss, loss[0]) is { } ev)
        {
            ev.Add("window_epochs", loss.Length);
            yield return Make(r, r.Epochs.Numbers[0], null, ev);
        }
    }

    /// <summary>The swing must also be at least this share (5 %) of the initial loss: jitter of a loss near 0 is not oscillation.</summary>
    public double MinSwingShareOfInitial { get; set; } = 0.05;

    private Evidence? Check(double[] y, double initial)
    {
        if (y.Length < MinPoints || !Curves.AllFinite(y)) return null;
        var (slope, intercept, residual) = Trend.LeastSquares(y);
        double mean = y.Average();
        if (mean <= 0) return null;
        double swing = residual / mean;
        double trend = Math.Abs(slope * (y.Length - 1));
        if (swing < MinRelativeSwing || trend > residual) return null;
        if (double.IsFinite(initial) && residual < MinSwingShareOfInitial * initial) return null;
        int flips = 0;
        for (int i = 2; i < y.Length; i++) if (Math.Sign(y[i] - y[i - 1]) * Math.Sign(y[i - 1] - y[i - 2]) < 0) flips++;
        double flipShare = (double)flips / (y.Length - 2);
        if (flipShare < MinSignFlipShare) return null;
        return new Evidence
        {
            { "relative_swing", swing },
            { "trend_over_window", slope * (y.Length - 1) },
            { "sign_flip_share", flipShare },
            { "mean_loss", mean },
        };
    }

    private Finding Make(RunRecord r, int? epoch, long? step, Evidence ev) =>
        new Finding(Code, Severity.Warning, $"Loss oscillates (±{ev.Number("relative_swing"):P0}) without a trend")
        {
            Epoch = epoch,
            Step = step,
            Evidence = ev,
            Confidence = 0.7,
            Explanation =
                "The loss goes up and down by a large amount without getting lower overall: the optimizer keeps jumping across the valley " +
                "instead of descending into it. The learning rate is too large for this batch size, or the batches are too small and noisy.",
            Fixes =
            [
                new Fix("lower_learning_rate", "Use a 3–10× smaller learning rate.",
                    KerasCode.Optimizer(r.Training.Optimizer, KerasCode.ScaledLearningRate(r.Training, 0.3))),
                new Fix("larger_batch", "Use larger batches to reduce gradient noise.", $"model.fit(..., batch_size={Math.Max(64, 2 * (r.Training.BatchSize ?? 32))})"),
                new Fix("reduce_lr_on_plateau", "Lower the learning rate automatically.", "callbacks=[keras.callbacks.ReduceLROnPlateau(monitor=\"loss\", factor=0.5, patience=2)]"),
            ],
        };
}
