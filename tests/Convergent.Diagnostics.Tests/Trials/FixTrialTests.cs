using Convergent.Nn;

namespace Convergent.Diagnostics.Tests;

public sealed class FixTrialTests
{
    [Theory]
    [InlineData(1.0, 0.5, TrialOutcome.Improved)]      // −50 %
    [InlineData(1.0, 0.971, TrialOutcome.NoClearChange)] // −2.9 % is inside the 3 % margin
    [InlineData(1.0, 0.969, TrialOutcome.Improved)]    // −3.1 %
    [InlineData(2.0, 2.05, TrialOutcome.NoClearChange)] // +2.5 %
    [InlineData(2.0, 2.07, TrialOutcome.Worse)]        // +3.5 %
    [InlineData(double.NaN, 0.7, TrialOutcome.Improved)] // the fix stopped a divergence
    [InlineData(0.7, double.NaN, TrialOutcome.Worse)]
    [InlineData(0.7, double.PositiveInfinity, TrialOutcome.Worse)]
    [InlineData(double.NaN, double.NaN, TrialOutcome.NoClearChange)]
    public void Judge_compares_losses_with_a_three_percent_margin(double before, double after, TrialOutcome expected) =>
        Assert.Equal(expected, FixTrial.Judge(before, after));

    [Fact]
    public void Loss_change_percent_is_relative_to_the_loss_before()
    {
        var t = new FixTrial("x", "validation", 3, 0.8, 0.6, null, null, null, TrialOutcome.Improved, 1);
        Assert.Equal(-25.0, t.LossChangePercent!.Value, 12);
        Assert.Null((t with { LossAfter = double.NaN }).LossChangePercent);
    }

    [Fact]
    public void Evaluate_measures_on_the_validation_tail_as_keras_splits_it()
    {
        var (x, y) = Toy.Blobs(200);
        var model = Toy.Mlp(() => new Adam())();
        model.Build(new Shape(2), x.DType);
        var fit = new FitSettings { Epochs = 1, BatchSize = 32, ValidationSplit = 0.25 };
        var m = FixTrialRunner.Evaluate(model, x, y, fit);
        // Keras 3 keeps the first ⌊200·0.75⌋ = 150 rows for training; the 50 after them are the validation samples
        var expected = model.Evaluate(x.SliceRows(150, 200), y.SliceRows(150, 200), batchSize: 50, verbose: 0);
        Assert.Equal("validation", m.Data);
        Assert.Equal(expected.Loss!.Value, m.Loss, 6);
        Assert.Equal("accuracy", m.Metric);
        Assert.Equal(expected["accuracy"]!.Value, m.MetricValue!.Value, 6);

        var onTraining = FixTrialRunner.Evaluate(model, x, y, fit with { ValidationSplit = 0 });
        Assert.Equal("training", onTraining.Data);
        Assert.Equal(model.Evaluate(x, y, batchSize: 200, verbose: 0).Loss!.Value, onTraining.Loss, 6);
    }

    [Fact]
    public void A_trial_of_the_unchanged_model_reproduces_the_diagnosed_run_exactly()
    {
        // fairness: same seed, data, epochs and measurement — a "fix" that changes nothing gives the same loss, to the bit
        var (x, y) = Toy.Blobs(256);
        var factory = Toy.Mlp(() => new SGD(learningRate: 0.05));
        var fit = new FitSettings { Epochs = 3, BatchSize = 16, ValidationSplit = 0.25 };
        var result = new Doctor(new DoctorOptions { QuickProbes = [] }).Run(factory, x, y, fit);
        var baseline = FixTrialRunner.Evaluate(result.Model, x, y, fit);

        var trial = FixTrialRunner.Run("nothing", baseline, factory(), x, y, fit, epochs: 3, TimeSpan.FromMinutes(5));

        Assert.Equal(baseline.Loss, trial.LossAfter);
        Assert.Equal(baseline.MetricValue, trial.MetricAfter);
        Assert.Equal(TrialOutcome.NoClearChange, trial.Outcome);
        Assert.Equal(3, trial.Epochs);
        Assert.Equal("validation", trial.Data);
    }

    [Fact]
    public void A_lower_learning_rate_proves_itself_against_a_diverging_run()
    {
        var (x, y) = Toy.Blobs(256);
        var fit = new FitSettings { Epochs = 4, BatchSize = 16, ValidationSplit = 0.25 };
        var result = new Doctor(new DoctorOptions { QuickProbes = [] }).Run(Toy.Mlp(() => new SGD(learningRate: 40)), x, y, fit);
        var baseline = FixTrialRunner.Evaluate(result.Model, x, y, fit);

        var trial = FixTrialRunner.Run("learning rate 40 → 0.1", baseline, Toy.Mlp(() => new SGD(learningRate: 0.1))(), x, y, fit, 4,
            TimeSpan.FromMinutes(5));

        Assert.Equal(TrialOutcome.Improved, trial.Outcome);
        Assert.True(trial.LossAfter < 0.3, $"loss after the fix {trial.LossAfter}");   // two well-separated blobs
        Assert.True(!double.IsFinite(trial.LossBefore) || trial.LossBefore > 2 * trial.LossAfter, $"loss before {trial.LossBefore}");
        Assert.True(trial.MetricAfter >= 0.95, $"val accuracy after the fix {trial.MetricAfter}");
    }

    [Fact]
    public void WithTrial_attaches_the_trial_to_one_fix_and_keeps_the_order()
    {
        var a = new Finding(FindingCode.LrTooHigh, Severity.Error, "lr") { Fixes = [new Fix("lower_learning_rate", "lower it"), new Fix("clip", "clip")] };
        var b = new Finding(FindingCode.DeadRelu, Severity.Warning, "dead") { Layer = "dense" };
        var d = Diagnosis.Of([b, a]);
        var trial = new FixTrial("lr", "training", 1, 1, 0.5, null, null, null, TrialOutcome.Improved, 0.1);
        var first = d.Findings[0];

        var withTrial = d.WithTrial(first, 0, trial);

        Assert.Equal(d.Findings.Select(f => f.Code), withTrial.Findings.Select(f => f.Code));
        Assert.Equal(d.Verdict, withTrial.Verdict);
        Assert.Same(trial, withTrial.Findings[0].Fixes[0].Trial);
        Assert.Null(withTrial.Findings[0].Fixes[1].Trial);
        Assert.Null(d.Findings[0].Fixes[0].Trial);   // the original is unchanged
        Assert.Throws<ArgumentException>(() => d.WithTrial(new Finding(FindingCode.DeadRelu, Severity.Warning, "other"), 0, trial));
    }
}
