using System.Diagnostics;
using Convergent.Nn;
using Convergent.Tensors;

namespace Convergent.Diagnostics;

/// <summary>
/// Proves a fix by a short trial: trains the model with the fix from its own seed on the same data, for the epochs the
/// diagnosed run completed, and measures it and the diagnosed model the same way — loss (and the first compiled metric)
/// on the held-out validation samples when the run had them, else on the training data. Knows nothing of Keras: the
/// caller builds the fixed model (the CLI writes the fix into the imported script's spec).
/// </summary>
public static class FixTrialRunner
{
    /// <summary>Loss and first metric of a model on the samples trials are measured on (<c>validation</c> or <c>training</c>).</summary>
    public readonly record struct Measure(string Data, double Loss, string? Metric, double? MetricValue);

    /// <summary>Measures <paramref name="model"/> on the validation samples <paramref name="fit"/> holds out (the tail
    /// of <paramref name="x"/> for a validation split, as Keras takes it), or on the training data when there are none.</summary>
    public static Measure Evaluate(Model model, Tensor x, Tensor y, FitSettings fit)
    {
        ArgumentNullException.ThrowIfNull(model);
        var (mx, my, data) = MeasureData(x, y, fit);
        var logs = model.Evaluate(mx, my, batchSize: Math.Max(fit.BatchSize, 256), verbose: 0);
        var metric = logs.FirstOrDefault(kv => kv.Key != "loss");
        return new Measure(data, logs.Loss ?? double.NaN, metric.Key, metric.Key is null ? null : metric.Value);
    }

    /// <summary>
    /// Trains <paramref name="fixedModel"/> (compiled, with the fix) for <paramref name="epochs"/> epochs as
    /// <paramref name="fixedFit"/> says, silently and without probes, then compares it with <paramref name="baseline"/>
    /// (the diagnosed model measured by <see cref="Evaluate"/>). A trial that runs out of <paramref name="budget"/> before
    /// its epochs are done is <see cref="TrialOutcome.Inconclusive"/>.
    /// </summary>
    public static FixTrial Run(string change, Measure baseline, Model fixedModel, Tensor x, Tensor y, FitSettings fixedFit, int epochs,
        TimeSpan budget)
    {
        ArgumentNullException.ThrowIfNull(fixedModel);
        if (epochs < 1) throw new ArgumentOutOfRangeException(nameof(epochs), $"A trial needs at least one epoch. Received: {epochs}");
        var watch = Stopwatch.StartNew();
        var limit = new BudgetCallback(budget);
        var callbacks = new List<Callback>(fixedFit.Callbacks) { limit };
        double loss;
        double? metricValue = null;
        bool diverged = false;
        try
        {
            fixedModel.Fit(x, y, batchSize: fixedFit.BatchSize, epochs: epochs, verbose: 0, callbacks: callbacks,
                validationSplit: fixedFit.ValidationData is null ? fixedFit.ValidationSplit : 0, validationData: fixedFit.ValidationData,
                shuffle: fixedFit.Shuffle, classWeight: fixedFit.ClassWeight);
            var after = Evaluate(fixedModel, x, y, fixedFit);
            loss = after.Loss;
            if (after.Metric == baseline.Metric) metricValue = after.MetricValue;
        }
        catch (ArithmeticException)
        {
            // a fix that makes training blow up is a worse fix, not a crash of the doctor
            loss = double.NaN;
            diverged = true;
        }
        var outcome = limit.Expired ? TrialOutcome.Inconclusive : FixTrial.Judge(baseline.Loss, loss);
        if (diverged && outcome == TrialOutcome.NoClearChange) outcome = TrialOutcome.Worse;
        return new FixTrial(change, baseline.Data, epochs, baseline.Loss, loss, baseline.Metric, baseline.MetricValue,
            metricValue, outcome, watch.Elapsed.TotalSeconds);
    }

    private static (Tensor X, Tensor Y, string Data) MeasureData(Tensor x, Tensor y, FitSettings fit)
    {
        if (fit.ValidationData is (Tensor vx, Tensor vy)) return (vx, vy, "validation");
        if (fit.ValidationSplit > 0)
        {
            int n = x.Shape[0];
            int at = Model.ValidationSplitIndex(n, fit.ValidationSplit);
            if (at > 0 && at < n) return (x.SliceRows(at, n), y.SliceRows(at, n), "validation");
        }
        return (x, y, "training");
    }
}
