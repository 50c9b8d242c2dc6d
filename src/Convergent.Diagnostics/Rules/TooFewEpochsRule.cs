namespace Convergent.Diagnostics;

/// <summary>
/// TOO_FEW_EPOCHS: training ended while the validation loss (training loss when there is no validation) was still
/// clearly falling and at its best.
/// </summary>
public sealed class TooFewEpochsRule : Rule
{
    public override string Code => FindingCode.TooFewEpochs;

    /// <summary>Epochs fitted at the end of the curve. Our choice (5), as Keras EarlyStopping examples use patience 5.</summary>
    public int TailEpochs { get; set; } = 5;

    /// <summary>Relative fall per epoch (Theil–Sen slope of the log curve) that counts as "clearly improving" (0.5 %).</summary>
    public double MinRelativeSlope { get; set; } = 0.005;

    /// <summary>The final loss must still be at least this share of the first epoch's (1 %): a loss falling by a constant
    /// factor towards 0 has converged for practical purposes.</summary>
    public double MinShareOfFirst { get; set; } = 0.01;

    /// <summary>When an accuracy is logged it must also still rise by at least this much per epoch (0.2 points), and be
    /// below <see cref="MaxAccuracy"/>.</summary>
    public double MinAccuracySlope { get; set; } = 0.002;

    /// <summary>Accuracy at or above which there is little left to gain (0.99).</summary>
    public double MaxAccuracy { get; set; } = 0.99;

    /// <summary>Relative fall per epoch of the loss above which the accuracy is not consulted (5 %).</summary>
    public double SteepRelativeSlope { get; set; } = 0.05;

    /// <summary>Runs shorter than this many epochs (10) that stop while improving by more than
    /// <see cref="WarningRelativeSlope"/> per epoch get a warning; longer runs an info (they were long enough to be
    /// useful, they just could go on). Our choice: Keras examples train 10 epochs or more.</summary>
    public int ShortRunEpochs { get; set; } = 10;

    /// <summary>Relative fall per epoch above which a short run's finding is a warning rather than info (2 %).</summary>
    public double WarningRelativeSlope { get; set; } = 0.02;

    public override IEnumerable<Finding> CheckAfter(RunRecord r)
    {
        int n = r.Epochs.Count;
        if (n < 3 || r.Training.Stopped != StopReason.Completed) yield break;
        bool useVal = r.Epochs.Has(EpochTable.ValLossName);
        var y = useVal ? r.Epochs.ValLoss : r.Epochs.Loss;
        if (y.Length != n) yield break;
        int k = Math.Min(TailEpochs, n);
        var tail = y.AsSpan(n - k);
        if (!Curves.AllFinite(tail)) yield break;
        var (slope, _) = Trend.TheilSen(Trend.Log(tail));
        if (slope > -MinRelativeSlope) yield break;
        double best = Robust.Min(y);
        if (y[^1] > best * 1.005) yield break;   // the last epoch is (near) the best
        if (y[^1] < MinShareOfFirst * y[0]) yield break;
        var acc = useVal ? r.Epochs.ValAccuracy : r.Epochs.Accuracy;
        double? accSlope = null;
        if (acc.Length == n && Curves.AllFinite(acc.AsSpan(n - k)))
        {
            if (acc[^1] >= MaxAccuracy) yield break;
            accSlope = Trend.TheilSen(acc.AsSpan(n - k)).Slope;
            // accuracy lags a steeply falling loss (confidently wrong → unsure → right): then the loss alone decides
            if (accSlope < MinAccuracySlope && slope > -SteepRelativeSlope) yield break;
        }

        string metric = useVal ? "val_loss" : "loss";
        var evidence = new Evidence
        {
            { "metric", metric },
            { "relative_slope_per_epoch", slope },
            { "final_value", y[^1] },
            { "tail_epochs", k },
            { "epochs", n },
        };
        if (accSlope is double sa) evidence.Add("accuracy_slope_per_epoch", sa);
        yield return new Finding(Code, slope < -WarningRelativeSlope && n < ShortRunEpochs ? Severity.Warning : Severity.Info,
            $"Stopped too early: {metric} was still falling {-slope:P1} per epoch at epoch {r.Epochs.Numbers[^1]}")
        {
            Epoch = r.Epochs.Numbers[^1],
            Evidence = evidence,
            Confidence = Math.Clamp(0.5 + 10 * -slope, 0.5, 0.9),
            Explanation =
                $"In the last {k} epochs {metric} kept going down by about {-slope:P1} per epoch, and the last epoch was the best. " +
                "Training stopped while the model was still improving; more epochs (with early stopping to catch the best one) should give a better model.",
            Fixes =
            [
                new Fix("train_longer", "Train for more epochs and let early stopping pick the best one.",
                    $"model.fit(..., epochs={Math.Max(2 * n, n + 10)}, {KerasCode.EarlyStopping})"),
                new Fix("raise_learning_rate", "If progress per epoch is slow, a larger learning rate may converge sooner.",
                    KerasCode.Optimizer(r.Training.Optimizer, KerasCode.ScaledLearningRate(r.Training, 3))),
            ],
        };
    }
}
