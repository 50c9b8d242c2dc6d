namespace Convergent.Diagnostics.Tests;

/// <summary>The after-training rules (and the epoch paths of the streaming ones) on epoch curves alone, as from a log.</summary>
public class AfterRulesTests
{
    private static RunRecord Curves(Dictionary<string, double[]> columns, DataFacts? data = null)
    {
        var r = new RunRecord { Data = data };
        int n = columns.Values.First().Length;
        for (int e = 0; e < n; e++) r.Epochs.Add(e + 1, columns.Select(c => new KeyValuePair<string, double>(c.Key, c.Value[e])));
        return r;
    }

    private static double[] Seq(int n, Func<int, double> f) => Enumerable.Range(1, n).Select(f).ToArray();

    private static List<Finding> Run(Rule rule, RunRecord r) => RuleEngine.DiagnoseRecord(r, [rule]).Findings.ToList();

    [Fact]
    public void Overfitting_Synthetic_OnsetAtValLossMinimum()
    {
        var r = Curves(new()
        {
            ["loss"] = Seq(20, e => 1.0 / e),
            ["val_loss"] = Seq(20, e => 0.5 + 0.01 * (e - 8) * (e - 8) / 4 + 1.0 / e),
        });
        var f = Assert.Single(Run(new OverfittingRule(), r));
        int best = 1 + Array.IndexOf(r.Epochs.ValLoss, r.Epochs.ValLoss.Min());
        Assert.Equal(best, f.Epoch);
        Assert.Equal(best, f.Evidence.Number("best_epoch"));
        Assert.True(f.Evidence.Number("final_gap") > f.Evidence.Number("gap_at_best"));
        Assert.Equal(KerasCode.EarlyStopping, f.Fixes.Single(x => x.Action == "early_stopping").Keras);
    }

    [Fact]
    public void Overfitting_SilentWhenValidationKeepsImproving()
    {
        var r = Curves(new() { ["loss"] = Seq(20, e => 1.0 / e), ["val_loss"] = Seq(20, e => 0.1 + 1.0 / e) });
        Assert.Empty(Run(new OverfittingRule(), r));
    }

    [Fact]
    public void Underfitting_TrainAccuracyStallsLowWithSmallGap()
    {
        var r = Curves(new()
        {
            ["loss"] = Seq(12, e => 0.9 + 0.5 * Math.Exp(-e)),
            ["accuracy"] = Seq(12, e => 0.62 - 0.2 * Math.Exp(-e)),
            ["val_loss"] = Seq(12, e => 0.92 + 0.5 * Math.Exp(-e)),
        });
        var f = Assert.Single(Run(new UnderfittingRule(), r));
        Assert.Equal(0.62, f.Evidence.Number("final_train_accuracy"), 3);
        Assert.True(f.Evidence.Number("recent_improvement") < 0.02);
        Assert.Equal("bigger_model", f.Fixes[0].Action);
    }

    [Fact]
    public void NoLearning_AccuracyAtMajorityBaseline_WithClassShares()
    {
        var data = new DataFacts { Classes = 2, ClassShares = [0.7, 0.3] };
        var r = Curves(new()
        {
            ["loss"] = Seq(6, e => 0.61 - 0.001 * e),
            ["accuracy"] = Seq(6, e => 0.70 + 0.001 * (e % 2)),
        }, data);
        var f = Assert.Single(Run(new NoLearningRule(), r));
        Assert.Equal(0.7, f.Evidence.Number("baseline_accuracy"));
        Assert.Equal(1, f.Epoch);
        Assert.Equal(Severity.Error, f.Severity);
        Assert.Empty(Run(new NoLearningRule(), Curves(new() { ["loss"] = Seq(6, e => 0.6 / e), ["accuracy"] = Seq(6, e => 0.7 + 0.04 * e) }, data)));
    }

    [Fact]
    public void NoLearning_SilentWhenEverythingWasLearnedInTheFirstEpoch()
    {
        var r = Curves(new() { ["loss"] = [0.05, 0.0502, 0.0499], ["accuracy"] = [0.985, 0.984, 0.986] });
        Assert.Empty(Run(new NoLearningRule(), r));
    }

    [Fact]
    public void NoLearning_LossOnly_NeverBelowItsFirstValue()
    {
        var f = Assert.Single(Run(new NoLearningRule(), Curves(new() { ["loss"] = [2.3, 2.31, 2.35, 2.32] })));
        Assert.Equal(2.3, f.Evidence.Number("best_loss"));
    }

    [Fact]
    public void TooFewEpochs_ValidationStillFallingAndAccuracyRising()
    {
        var r = Curves(new()
        {
            ["loss"] = Seq(8, e => 1.0 * Math.Pow(0.9, e)),
            ["accuracy"] = Seq(8, e => 0.5 + 0.03 * e),
            ["val_loss"] = Seq(8, e => 1.1 * Math.Pow(0.92, e)),
            ["val_accuracy"] = Seq(8, e => 0.48 + 0.03 * e),
        });
        var f = Assert.Single(Run(new TooFewEpochsRule(), r));
        Assert.Equal(8, f.Epoch);
        Assert.Equal("val_loss", f.Evidence["metric"].Text);
        Assert.Equal(Math.Log(0.92), f.Evidence.Number("relative_slope_per_epoch"), 9);
        Assert.Equal(Severity.Warning, f.Severity);   // a short run (8 epochs) cut off while improving fast
        Assert.Contains("epochs=18", f.Fixes[0].Keras);
    }

    [Fact]
    public void TooFewEpochs_LongRunStillImproving_IsInfo_AndSteepLossOverridesLaggingAccuracy()
    {
        var longRun = Curves(new() { ["loss"] = Seq(20, e => Math.Pow(0.93, e)), ["accuracy"] = Seq(20, e => 0.5 + 0.02 * e) });
        Assert.Equal(Severity.Info, Assert.Single(Run(new TooFewEpochsRule(), longRun)).Severity);
        // three epochs: validation loss falls 25 % per epoch while accuracy has not moved yet
        var shortRun = Curves(new() { ["loss"] = [1.81, 1.34, 0.96], ["val_loss"] = [1.31, 1.01, 0.78], ["val_accuracy"] = [0.33, 0.33, 0.33] });
        Assert.Equal(Severity.Warning, Assert.Single(Run(new TooFewEpochsRule(), shortRun)).Severity);
        Assert.Empty(Run(new NoLearningRule(), shortRun));   // the loss is still falling fast: learning is under way
    }

    [Fact]
    public void TooFewEpochs_SilentWhenTheRunWasStoppedEarly()
    {
        var r = Curves(new() { ["loss"] = Seq(8, e => Math.Pow(0.9, e)) });
        r.Training.Stopped = StopReason.EarlyStopping;
        Assert.Empty(Run(new TooFewEpochsRule(), r));
    }

    [Fact]
    public void LossPlateau_EpochPath_FlatFarAboveTheFit()
    {
        var r = Curves(new() { ["loss"] = [1.2, 0.9, 0.85, 0.851, 0.8505, 0.8502], ["accuracy"] = [0.5, 0.6, 0.62, 0.62, 0.62, 0.62] });
        var f = Assert.Single(Run(new LossPlateauRule(), r));
        Assert.Equal(3, f.Epoch);
        Assert.Equal("4 epochs", f.Evidence["window"].Text);
    }

    [Fact]
    public void OscillatingLoss_EpochPath()
    {
        var f = Assert.Single(Run(new OscillatingLossRule(), Curves(new() { ["loss"] = [0.5, 1.0, 0.45, 1.1, 0.5, 0.95, 0.48, 1.05, 0.5] })));
        Assert.Equal(1.0, f.Evidence.Number("sign_flip_share"));
        Assert.Equal(9, f.Evidence.Number("window_epochs"));
    }

    [Fact]
    public void LrTooHigh_EpochPath_TrainingLossClimbs()
    {
        var f = Assert.Single(Run(new LrTooHighRule(), Curves(new() { ["loss"] = [0.9, 0.6, 0.5, 0.7, 0.9, 1.2] })));
        Assert.Equal(3, f.Evidence.Number("best_epoch"));
        Assert.Equal(1.2 / 0.5, f.Evidence.Number("rise_factor"), 9);
    }

    [Fact]
    public void NanLoss_EpochPath_FirstNonFiniteEpoch()
    {
        var f = Assert.Single(Run(new NanLossRule(), Curves(new() { ["loss"] = [0.9, 0.6, double.NaN, double.NaN] })));
        Assert.Equal(3, f.Epoch);
        Assert.Equal(0.6, f.Evidence.Number("last_finite_loss"));
        Assert.Null(f.Step);
    }

    [Fact]
    public void ConstantPrediction_LogPath_AccuracyMatchesAClassShare()
    {
        var data = new DataFacts { Classes = 2, ClassShares = [0.5527, 0.4473] };
        var r = Curves(new()
        {
            ["loss"] = [10.4525, 11.4543, 11.4543, 11.4543],
            ["accuracy"] = [0.4903, 0.4473, 0.4473, 0.4473],
        }, data);
        var f = Assert.Single(Run(new ConstantPredictionRule(), r));
        Assert.Equal(1, f.Evidence.Number("nearest_class"));
        Assert.Equal(0.4473, f.Evidence.Number("class_share"));
        Assert.Equal(0.95, f.Confidence);
        Assert.Equal(2, f.Epoch);
    }

    [Fact]
    public void SaturatedOutput_LogPath_RequiresPinnedImpliedProbability()
    {
        // a constant loss that a calibrated model could have (loss / (1 − acc) = 1.4 nats) is not saturation
        var calm = Curves(new() { ["loss"] = [0.7, 0.5, 0.5, 0.5], ["accuracy"] = [0.6, 0.65, 0.65, 0.65] });
        Assert.Empty(Run(new SaturatedOutputRule(), calm));
        // a converged 99.5 % model whose rare mistakes cost 7 nats each is not saturated either
        var converged = Curves(new() { ["loss"] = [0.2, 0.035, 0.035, 0.035], ["accuracy"] = [0.95, 0.995, 0.995, 0.995] });
        Assert.Empty(Run(new SaturatedOutputRule(), converged));
    }
}
