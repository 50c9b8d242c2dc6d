namespace Convergent.Diagnostics;

/// <summary>TRAIN_VAL_LEAKAGE: validation samples that also appear (input and target identical) in the training set.</summary>
public sealed class TrainValLeakageRule : Rule
{
    public override string Code => FindingCode.TrainValLeakage;

    /// <summary>Share of validation samples duplicated in training from which the finding is reported (1 %). Our choice:
    /// natural data sets hold a few exact duplicates (CIFAR-10 has some), which do not distort validation much.</summary>
    public double MinDuplicateShare { get; set; } = 0.01;

    public override IEnumerable<Finding> CheckBefore(RunRecord r)
    {
        if (r.Data is not { ValSamples: > 0 } d || d.TrainValDuplicates == 0) yield break;
        double share = (double)d.TrainValDuplicates / d.ValSamples;
        if (share < MinDuplicateShare) yield break;
        yield return new Finding(Code, Severity.Warning, $"{d.TrainValDuplicates} of {d.ValSamples} validation samples ({share:P0}) are also in the training set")
        {
            Evidence = new Evidence
            {
                { "duplicate_count", d.TrainValDuplicates },
                { "val_samples", d.ValSamples },
                { "duplicate_share", share },
            },
            Confidence = 0.95,
            Explanation =
                "Validation samples that are copies of training samples are not new data: validation accuracy on them measures memory, not " +
                "generalization, and hides overfitting." + (share > 0.99 ? " Here the validation set is the training set." : ""),
            Fixes =
            [
                new Fix("deduplicate", "Remove duplicates before splitting.", "_, idx = np.unique(x.reshape(len(x), -1), axis=0, return_index=True); x, y = x[np.sort(idx)], y[np.sort(idx)]"),
                new Fix("separate_validation", "Hold out a validation set that shares no samples with training.",
                    "model.fit(x_train, y_train, validation_data=(x_val, y_val))"),
            ],
        };
    }
}
