using System.Diagnostics;
using Convergent.Nn;

namespace Convergent.Diagnostics;

/// <summary>
/// Trains a fresh copy of the model on a handful of samples (a random sample of the training data) with full-batch steps until it has memorized them, the step limit, or the budget (for
/// CANNOT_OVERFIT_SMALL_BATCH; Karpathy 2019, "overfit one batch").
/// </summary>
public sealed class SmallBatchOverfitProbe : IQuickProbe
{
    /// <summary>Samples to memorize (findings/issue: 8–16).</summary>
    public int Samples { get; set; } = 16;

    /// <summary>Most full-batch steps ("a few hundred").</summary>
    public int MaxSteps { get; set; } = 500;

    /// <summary>Steps between checks of whether the batch is memorized.</summary>
    public int CheckEvery { get; set; } = 25;

    public string Name => "small-batch overfit";

    public void Run(QuickProbeContext context, InitFacts facts)
    {
        var watch = Stopwatch.StartNew();
        var model = context.NewModel();
        var rows = context.SampleRows(Samples);
        var x = QuickProbeContext.Rows(context.X, rows);
        var y = QuickProbeContext.Rows(context.Y, rows);
        double initial = QuickProbeContext.Loss(model, x, y);
        bool classification = context.IsClassification;
        var budget = context.Budget is TimeSpan b ? new BudgetCallback(b) : null;
        var memorized = new MemorizedCheck(x, y, CheckEvery, classification);
        var history = model.Fit(x, y, batchSize: rows.Length, epochs: MaxSteps, verbose: 0,
            callbacks: budget is null ? [memorized] : [budget, memorized], shuffle: false);
        double final = QuickProbeContext.Loss(model, x, y);
        double? accuracy = classification ? QuickProbeContext.Accuracy(model, x, y) : null;
        var losses = history.Contains("loss") ? history["loss"] : [];
        facts.SmallBatch = new SmallBatchResult(rows.Length, history.Epochs.Count, initial, final, accuracy,
            watch.Elapsed.TotalSeconds, budget is { Expired: true } && accuracy is not 1.0)
        { MidLoss = losses.Count >= 2 ? losses[losses.Count / 2] : double.NaN };
    }

    private sealed class MemorizedCheck(Tensor x, Tensor y, int every, bool classification) : Callback
    {
        public override void OnEpochEnd(int epoch, Convergent.Nn.Logs logs)
        {
            if (Model is null || (epoch + 1) % every != 0) return;
            if (classification && QuickProbeContext.Accuracy(Model, x, y) >= 1.0) Model.StopTraining = true;
        }
    }
}
