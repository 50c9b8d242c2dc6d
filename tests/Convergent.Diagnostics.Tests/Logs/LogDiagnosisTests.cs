using Convergent.Diagnostics.Logs;

namespace Convergent.Diagnostics.Tests;

public class LogDiagnosisTests
{
    [Theory]
    [InlineData("cifar10-plateau-keras1.log")]
    [InlineData("cifar10-plateau.csv")]
    public void CifarPlateau_IsOverfitting_WithOnsetAtTheValLossMinimum(string file)
    {
        var d = RuleEngine.DiagnoseRecord(KerasLog.Read(Fixture.Log(file)));
        var f = Assert.Single(d.Findings, x => x.Code == FindingCode.Overfitting);
        Assert.InRange(f.Epoch!.Value, 26, 36);
        Assert.Equal(36, f.Evidence.Number("best_epoch"));
        Assert.Equal(25, f.Evidence.Number("floor_start_epoch"));   // 1.4146 ≤ 1.01 × 1.4024
        Assert.Equal(1.4024, f.Evidence.Number("best_val_loss"));
        Assert.Equal(1.5078, f.Evidence.Number("final_val_loss"));
        Assert.Equal(1.5078 - 1.0024, f.Evidence.Number("final_gap"), 6);
        Assert.Equal(1.4024 - 1.1884, f.Evidence.Number("gap_at_best"), 6);
        Assert.Equal(
            ["data_augmentation", "weight_decay", "batch_normalization", "learning_rate_schedule", "early_stopping", "more_dropout"],
            f.Fixes.Select(x => x.Action));
        Assert.Contains("restore_best_weights=True", f.Fixes.Single(x => x.Action == "early_stopping").Keras);
        Assert.Equal(Verdict.Overfitting, d.Verdict);
        // the training loss keeps falling: no plateau, no underfitting, no "too few epochs"
        Assert.DoesNotContain(d.Findings, x => x.Code is FindingCode.LossPlateau or FindingCode.Underfitting or FindingCode.TooFewEpochs or FindingCode.NoLearning);
    }

    [Fact]
    public void StuckConstantLoss_IsNoLearning_SaturatedOutput_ConstantPrediction_WithEvidence()
    {
        var d = RuleEngine.DiagnoseRecord(KerasLog.Read(Fixture.Log("stuck-constant-loss-keras0.log")));
        var codes = d.Findings.Select(f => f.Code).ToList();
        Assert.Contains(FindingCode.NoLearning, codes);
        Assert.Contains(FindingCode.SaturatedOutput, codes);
        Assert.Contains(FindingCode.ConstantPrediction, codes);

        var sat = d.Findings.Single(f => f.Code == FindingCode.SaturatedOutput);
        Assert.Equal(11.4543, sat.Evidence.Number("loss"));
        Assert.Equal(0.4473, sat.Evidence.Number("accuracy"));
        Assert.Equal(2, sat.Epoch);
        Assert.True(sat.Evidence.Number("implied_wrong_probability") < 1e-3);

        var cp = d.Findings.Single(f => f.Code == FindingCode.ConstantPrediction);
        Assert.Equal(0.4473, cp.Evidence.Number("accuracy"));
        Assert.Equal(0.4473, cp.Evidence.Number("val_accuracy"));
        Assert.Equal(0.4473, cp.Evidence.Number("implied_class_share"));
        Assert.Equal(2, cp.Epoch);
        Assert.Equal([FindingCode.SaturatedOutput], cp.CausedBy);

        var nl = d.Findings.Single(f => f.Code == FindingCode.NoLearning);
        Assert.Equal(0.4473, nl.Evidence.Number("final_accuracy"));
        Assert.Equal(11.4543, nl.Evidence.Number("final_loss"));
        Assert.Contains(FindingCode.ConstantPrediction, nl.CausedBy);

        // root cause first: the saturated output explains the constant prediction, which explains "nothing learned"
        Assert.Equal(FindingCode.SaturatedOutput, d.Findings[0].Code);
        Assert.True(codes.IndexOf(FindingCode.ConstantPrediction) < codes.IndexOf(FindingCode.NoLearning));
        Assert.Equal(Verdict.NotLearning, d.Verdict);
        Assert.DoesNotContain(FindingCode.Overfitting, codes);
    }
}
