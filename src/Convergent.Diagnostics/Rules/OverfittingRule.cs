namespace Convergent.Diagnostics;

/// <summary>
/// OVERFITTING: validation loss bottomed out and rose again while training loss kept falling. Evidence: the epoch of
/// the validation-loss minimum (the onset), the rise since, and the train/validation gap then and now.
/// </summary>
public sealed class OverfittingRule : Rule
{
    public override string Code => FindingCode.Overfitting;

    /// <summary>Fewest epochs to judge a curve. Our choice: fewer points cannot separate a trend from noise.</summary>
    public int MinEpochs { get; set; } = 5;

    /// <summary>Epochs that must follow the minimum. Keras EarlyStopping examples use patience 3–10; 3 is the
    /// least that shows a turn rather than one noisy epoch.</summary>
    public int MinEpochsAfterBest { get; set; } = 3;

    /// <summary>Relative rise of the final validation loss over its minimum. Our choice (2 %), above the epoch-to-epoch
    /// noise of typical validation curves (≈ 1 %).</summary>
    public double MinRelativeRise { get; set; } = 0.02;

    /// <summary>Relative fall of the training loss after the minimum that counts as "still falling" (2 %).</summary>
    public double MinTrainFall { get; set; } = 0.02;

    /// <summary>The rise must undo at least this share of what validation loss gained from the first epoch to its
    /// minimum (10 %). Our choice: a model already near-perfect on validation can double a tiny loss without its
    /// predictions changing.</summary>
    public double MinRiseShareOfGain { get; set; } = 0.1;

    /// <summary>Validation accuracy from which a rising validation loss with no accuracy loss is not reported (0.99).</summary>
    public double PerfectAccuracy { get; set; } = 0.99;

    /// <summary>Band above the minimum within which validation loss counts as "at its floor" (1 %), to report when
    /// the validation curve flattened (evidence <c>floor_start_epoch</c>).</summary>
    public double PlateauBand { get; set; } = 0.01;

    public override IEnumerable<Finding> CheckAfter(RunRecord r)
    {
        var val = r.Epochs.ValLoss; var train = r.Epochs.Loss;
        int n = r.Epochs.Count;
        if (n < MinEpochs || val.Length != n || train.Length != n) yield break;
        int best = Robust.ArgMin(val);
        if (best < 0 || n - 1 - best < MinEpochsAfterBest) yield break;
        double bestVal = val[best], lastVal = val[^1];
        if (!double.IsFinite(lastVal) || !double.IsFinite(train[^1]) || !double.IsFinite(train[best])) yield break;
        double rise = lastVal / bestVal - 1;
        if (rise < MinRelativeRise) yield break;
        double gain = val[0] - bestVal;
        if (gain > 0 && lastVal - bestVal < MinRiseShareOfGain * gain) yield break;
        if (train[^1] > train[best] * (1 - MinTrainFall)) yield break;
        double gapBest = bestVal - train[best], gapLast = lastVal - train[^1];
        if (gapLast <= gapBest) yield break;
        // validation predictions as good as ever and near-perfect: only the confidence grew, nothing to fix
        if (r.Epochs.Get(EpochTable.ValAccuracyName, best) is double accBest && r.Epochs.Get(EpochTable.ValAccuracyName, n - 1) is double accLast
            && accLast >= accBest && accLast >= PerfectAccuracy) yield break;
        var (valSlope, _) = Trend.TheilSen(val.AsSpan(best));
        if (valSlope <= 0) yield break;

        // confidence grows with the rise measured in units of the curve's own epoch-to-epoch noise
        var diffs = new double[n - 1];
        for (int i = 1; i < n; i++) diffs[i - 1] = Math.Abs(val[i] - val[i - 1]);
        double noise = Math.Max(Robust.Median(diffs), 1e-12);
        double confidence = Math.Clamp(0.5 + 0.1 * (lastVal - bestVal) / noise, 0.5, 0.95);

        int bestEpoch = r.Epochs.Numbers[best];
        // where the validation curve reached its floor: the first epoch within PlateauBand of the minimum
        int floorStart = best;
        for (int i = 0; i <= best; i++) if (val[i] <= bestVal * (1 + PlateauBand)) { floorStart = i; break; }
        int floorEpoch = r.Epochs.Numbers[floorStart];
        var ev = new Evidence
        {
            { "best_epoch", bestEpoch },
            { "floor_start_epoch", floorEpoch },
            { "best_val_loss", bestVal },
            { "final_val_loss", lastVal },
            { "val_loss_rise", rise },
            { "train_loss_at_best", train[best] },
            { "final_train_loss", train[^1] },
            { "gap_at_best", gapBest },
            { "final_gap", gapLast },
            { "epochs_after_best", n - 1 - best },
        };
        if (r.Epochs.Get(EpochTable.ValAccuracyName, best) is double vaBest) ev.Add("val_accuracy_at_best", vaBest);
        if (r.Epochs.Get(EpochTable.ValAccuracyName, n - 1) is double vaLast) ev.Add("final_val_accuracy", vaLast);
        if (r.Epochs.Get(EpochTable.AccuracyName, n - 1) is double aLast) ev.Add("final_train_accuracy", aLast);

        bool images = r.Model?.InputShape is { Length: 3 } || r.Data?.InputShape is { Length: 3 } || r.Model is null;
        var fixes = new List<Fix>();
        if (images)
            fixes.Add(new Fix("data_augmentation",
                "Augment the training images so the model cannot memorize them (random flips, shifts, zooms); for image data this is usually the largest gain.",
                "layers.RandomFlip(\"horizontal\"), layers.RandomTranslation(0.1, 0.1), layers.RandomZoom(0.1)  # first layers of the model"));
        fixes.Add(new Fix("weight_decay",
            "Penalize large weights so the model prefers simpler functions.",
            "optimizer=keras.optimizers.AdamW(learning_rate=1e-3, weight_decay=1e-4)  # or kernel_regularizer=keras.regularizers.l2(1e-4)"));
        fixes.Add(new Fix("batch_normalization",
            "Add batch normalization after each convolution/dense layer (before its activation); it regularizes and speeds training.",
            "layers.Conv2D(64, 3, padding=\"same\"), layers.BatchNormalization(), layers.Activation(\"relu\")"));
        fixes.Add(new Fix("learning_rate_schedule",
            "Lower the learning rate when validation loss stops improving, so late epochs refine instead of memorize.",
            "callbacks=[keras.callbacks.ReduceLROnPlateau(monitor=\"val_loss\", factor=0.5, patience=3)]"));
        fixes.Add(new Fix("early_stopping",
            $"Stop at the best epoch (here epoch {bestEpoch}) and keep its weights.",
            KerasCode.EarlyStopping));
        fixes.Add(new Fix("more_dropout", "Increase dropout in the dense layers.", "layers.Dropout(0.5)"));

        yield return new Finding(Code, Severity.Warning,
                $"Overfitting from epoch {bestEpoch}: validation loss rose {rise:P0} from its minimum {bestVal:0.####} while training loss kept falling")
        {
            Epoch = bestEpoch,
            Evidence = ev,
            Confidence = confidence,
            Explanation =
                (floorEpoch < bestEpoch ? $"Validation loss flattened from epoch {floorEpoch} (it first came within {PlateauBand:P0} of its minimum there). " : "") +
                $"Validation loss was lowest at epoch {bestEpoch} ({bestVal:0.####}) and then went up to {lastVal:0.####}, while training loss fell from " +
                $"{train[best]:0.####} to {train[^1]:0.####}. From epoch {bestEpoch} on the model learns details of the training samples that do not " +
                $"carry over to new data; the gap between validation and training loss grew from {gapBest:0.###} to {gapLast:0.###}. " +
                "Training longer will not help; regularize, augment the data, or stop at the best epoch.",
            Fixes = fixes,
        };
    }
}
