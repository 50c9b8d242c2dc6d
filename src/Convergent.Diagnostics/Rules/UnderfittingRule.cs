namespace Convergent.Diagnostics;

/// <summary>
/// UNDERFITTING: training loss stopped improving at a level where the model still gets much of the training data
/// wrong, and validation is no worse than training (high bias, not variance).
/// </summary>
public sealed class UnderfittingRule : Rule
{
    public override string Code => FindingCode.Underfitting;

    /// <summary>Fewest epochs to judge. Our choice.</summary>
    public int MinEpochs { get; set; } = 5;

    /// <summary>Training accuracy below which the fit counts as poor. Our choice: 0.9 (most classification tasks
    /// where a model has enough capacity reach it on the training set).</summary>
    public double MaxTrainAccuracy { get; set; } = 0.9;

    /// <summary>Largest relative fall of the training loss over the last third of the epochs for it to count as stalled (2 %).</summary>
    public double MaxRecentImprovement { get; set; } = 0.02;

    /// <summary>Largest relative gap (val_loss − loss)/loss for the curves to count as "close" (10 %).</summary>
    public double MaxRelativeGap { get; set; } = 0.1;

    /// <summary>Without an accuracy: the smallest final/initial loss ratio that counts as a poor fit (0.5).</summary>
    public double MinLossRatioWithoutAccuracy { get; set; } = 0.5;

    public override IEnumerable<Finding> CheckAfter(RunRecord r)
    {
        var loss = r.Epochs.Loss;
        int n = r.Epochs.Count;
        if (n < MinEpochs || loss.Length != n || !Curves.AllFinite(loss)) yield break;
        int third = Math.Max(2, n / 3);
        double recentStart = loss[n - third], last = loss[^1];
        double improvement = 1 - last / recentStart;
        if (improvement > MaxRecentImprovement) yield break;
        // something was learned (else NO_LEARNING speaks)
        if (last > loss[0] * 0.9) yield break;
        var acc = r.Epochs.Accuracy;
        double? finalAcc = acc.Length == n && double.IsFinite(acc[^1]) ? acc[^1] : null;
        if (finalAcc is double a) { if (a >= MaxTrainAccuracy) yield break; }
        else if (last / loss[0] < MinLossRatioWithoutAccuracy) yield break;
        var val = r.Epochs.ValLoss;
        double? gap = val.Length == n && double.IsFinite(val[^1]) ? (val[^1] - last) / last : null;
        if (gap is double g && g > MaxRelativeGap) yield break;

        var ev = new Evidence
        {
            { "final_train_loss", last },
            { "initial_train_loss", loss[0] },
            { "recent_improvement", improvement },
            { "recent_epochs", third },
        };
        if (finalAcc is double fa) ev.Add("final_train_accuracy", fa);
        if (gap is double gg) ev.Add("relative_val_gap", gg);
        int onset = r.Epochs.Numbers[n - third];
        yield return new Finding(Code, Severity.Warning,
            finalAcc is double f2 ? $"Underfitting: training accuracy stalled at {f2:P1}" : $"Underfitting: training loss stalled at {last:0.####}")
        {
            Epoch = onset,
            Evidence = ev,
            Confidence = finalAcc is null ? 0.5 : 0.7,
            Explanation =
                "The model cannot even fit the training data: training loss stopped improving over the last " +
                $"{third} epochs while it still gets much of the training set wrong, and validation is about as good as training. " +
                "This is high bias: the model is too small or too constrained, or the learning rate too low, not a lack of data.",
            Fixes =
            [
                new Fix("bigger_model", "Give the model more capacity: more units or layers.", "layers.Dense(256, activation=\"relu\")"),
                new Fix("reduce_regularization", "Lower dropout rates and weight penalties.", "layers.Dropout(0.2)  # instead of 0.5"),
                new Fix("raise_learning_rate", "Try a larger learning rate (or Adam) if the loss falls slowly.",
                    KerasCode.Optimizer(r.Training.Optimizer, KerasCode.ScaledLearningRate(r.Training, 3))),
                new Fix("train_longer", "Train more epochs with a learning-rate schedule.",
                    "callbacks=[keras.callbacks.ReduceLROnPlateau(monitor=\"loss\", factor=0.5, patience=3)]"),
            ],
        };
    }
}
