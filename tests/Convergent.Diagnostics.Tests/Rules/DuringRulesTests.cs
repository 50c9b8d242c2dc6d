using Convergent.Nn;

namespace Convergent.Diagnostics.Tests;

/// <summary>Each streaming rule fires on a synthetic run built to trigger it, with the step, epoch, layer and evidence
/// of the moment it first held.</summary>
public class DuringRulesTests
{
    private static Finding Single(Diagnosis d, string code) => Assert.Single(d.Findings, f => f.Code == code);

    [Fact]
    public void NanLoss_AtStep37_NamesFirstLayerWithNonFiniteActivations()
    {
        var run = new SynthRun { StopAfterStep = 37 };
        run.Step["loss"] = s => s >= 37 ? double.NaN : 0.5;
        run.Step["dense_1.nonfinite_act"] = s => s >= 37 ? 4 : 0;
        var f = Single(run.Run([new NanLossRule()]), FindingCode.NanLoss);
        Assert.Equal(37, f.Step);
        Assert.Equal(2, f.Epoch);
        Assert.Equal("dense_1", f.Layer);
        Assert.Equal("activations", f.Evidence["first_nonfinite_in"].Text);
        Assert.Equal(0.5, f.Evidence.Number("last_finite_loss"));
        Assert.Equal(Severity.Error, f.Severity);
    }

    [Fact]
    public void ExplodingGradient_GrowthOverBaseline_FiresOnTheLayer()
    {
        var run = new SynthRun();
        run.Step["dense.grad_norm"] = s => s < 60 ? 0.5 : 0.5 * Math.Pow(10, (s - 60) / 10.0);
        var f = Single(new SynthRunDiag(run, new ExplodingGradientRule()).D, FindingCode.ExplodingGradient);
        Assert.Equal("dense", f.Layer);
        Assert.True(f.Evidence.TryGet("ratio", out _) || f.Evidence.Number("growth") > 70);
        Assert.InRange(f.Step!.Value, 60, 90);
    }

    [Fact]
    public void ExplodingGradient_NonFinite_IsAnError()
    {
        var run = new SynthRun();
        run.Step["dense.nonfinite_grad"] = s => s == 50 ? 3 : 0;
        var f = Single(run.Run([new ExplodingGradientRule()]), FindingCode.ExplodingGradient);
        Assert.Equal(50, f.Step);
        Assert.Equal(Severity.Error, f.Severity);
        Assert.Equal(3, f.Evidence.Number("nonfinite_gradients"));
    }

    [Fact]
    public void VanishingGradient_MeanAbsBelow1e7_FiresOnTheLayer()
    {
        var run = new SynthRun();
        run.Step["dense.grad_mean_abs"] = _ => 1e-9;
        var d = run.Run([new VanishingGradientRule()]);
        var f = Assert.Single(d.Findings, f => f.Layer == "dense" && f.Evidence.Contains("gradient_mean_abs"));
        Assert.Equal(1e-9, f.Evidence.Number("gradient_mean_abs"), 1e-15);
        Assert.Equal(0, f.Step);
        Assert.Equal(1, f.Epoch);
    }

    [Fact]
    public void VanishingGradient_FirstLastRatioBelow1e3_Fires()
    {
        var run = new SynthRun();
        run.Step["dense.grad_mean_abs"] = _ => 1e-6;
        run.Step["dense_1.grad_mean_abs"] = _ => 0.01;
        var f = Single(run.Run([new VanishingGradientRule()]), FindingCode.VanishingGradient);
        Assert.Equal(1e-4, f.Evidence.Number("first_last_ratio"), 1e-10);
        Assert.Equal("dense", f.Layer);
    }

    [Fact]
    public void DeadRelu_FromStep30_WarningWithShareAndSince()
    {
        var run = new SynthRun();
        run.Step["dense.dead"] = s => s >= 30 ? 0.95 : 0.1;
        var f = Single(run.Run([new DeadReluRule()]), FindingCode.DeadRelu);
        Assert.Equal("dense", f.Layer);
        Assert.Equal(30, f.Step);
        Assert.Equal(2, f.Epoch);
        Assert.Equal(0.95, f.Evidence.Number("dead_fraction"));
        Assert.Equal(30, f.Evidence.Number("since_step"));
        Assert.Equal(Severity.Warning, f.Severity);
    }

    [Fact]
    public void DeadRelu_AllDead_IsAnError_AndNotForNonReluLayers()
    {
        var run = new SynthRun();
        run.Step["dense.dead"] = _ => 1.0;
        var f = Single(run.Run([new DeadReluRule()]), FindingCode.DeadRelu);
        Assert.Equal(Severity.Error, f.Severity);
        Assert.Equal(0, f.Step);

        // the same shares on a layer whose activation is tanh: not a ReLU, so no finding (kind, never name)
        var tanh = new SynthRun(Activations.Tanh);
        tanh.Step["dense.dead"] = _ => 1.0;
        Assert.Empty(tanh.Run([new DeadReluRule()]).Findings);
    }

    [Fact]
    public void DeadRelu_BriefSpike_IsNotEnough()
    {
        var run = new SynthRun();
        run.Step["dense.dead"] = s => s is >= 30 and < 33 ? 0.95 : 0.1;   // three steps < MinSteps
        Assert.Empty(run.Run([new DeadReluRule()]).Findings);
    }

    [Fact]
    public void SaturatedActivation_TanhHiddenLayer_Fires()
    {
        var run = new SynthRun(Activations.Tanh);
        run.Step["dense.dead"] = _ => double.NaN;
        run.Step["dense.sat"] = s => s >= 10 ? 0.8 : 0.1;
        var f = Single(run.Run([new SaturatedActivationRule()]), FindingCode.SaturatedActivation);
        Assert.Equal("dense", f.Layer);
        Assert.Equal(10, f.Step);
        Assert.Equal(0.8, f.Evidence.Number("saturated_fraction"));
        Assert.Equal("tanh", f.Evidence["activation"].Text);
    }

    [Fact]
    public void SaturatedActivation_MinorityOfUnitsOrBriefSpike_IsSilent()
    {
        // a quarter of the units saturated on whole batches (a healthy tanh layer on unscaled inputs), and a 4-step spike
        var run = new SynthRun(Activations.Tanh);
        run.Step["dense.dead"] = _ => double.NaN;
        run.Step["dense.sat"] = s => s is >= 40 and < 44 ? 0.9 : 0.25;
        Assert.Empty(run.Run([new SaturatedActivationRule()]).Findings);
    }

    [Fact]
    public void SaturatedOutput_PinnedAndAboveChanceLoss_FiresAtStart()
    {
        var run = new SynthRun();
        run.Step["max_prob"] = _ => 0.9995;
        run.Step["loss"] = _ => 8.0;
        var f = Single(run.Run([new SaturatedOutputRule()]), FindingCode.SaturatedOutput);
        Assert.Equal(0, f.Step);
        Assert.Equal("dense_1", f.Layer);
        Assert.Equal(0.9995, f.Evidence.Number("max_probability"));
        Assert.Equal(Math.Log(2), f.Evidence.Number("chance_loss"), 12);
    }

    [Fact]
    public void SaturatedOutput_ConfidentAndRight_IsHealthy()
    {
        var run = new SynthRun();
        run.Step["max_prob"] = _ => 0.999;   // confident, but the loss is low: it is right
        Assert.Empty(run.Run([new SaturatedOutputRule()]).Findings);
    }

    [Fact]
    public void ConstantPrediction_EpochHistogramInOneClass_FiresWithClassShare()
    {
        var run = new SynthRun { PredictedClasses = e => e >= 3 ? [0, 200] : [100, 100] };
        run.Epoch["loss"] = e => e >= 3 ? 0.6931 : 0.8;   // stuck while it predicts one class
        var f = Single(run.Run([new ConstantPredictionRule()]), FindingCode.ConstantPrediction);
        Assert.Equal(3, f.Epoch);
        Assert.Equal(1, f.Evidence.Number("predicted_class"));
        Assert.Equal(1.0, f.Evidence.Number("prediction_share"));
        Assert.Equal(0.5, f.Evidence.Number("class_share"));
        Assert.Equal([0.0, 200], f.Evidence["predicted_class_counts"].Numbers!);
    }

    [Fact]
    public void ConstantPrediction_OnlyWhileUntrained_IsNotAFinding()
    {
        // an untrained network often predicts one class in its first epoch, then learns
        var run = new SynthRun { PredictedClasses = e => e == 1 ? [0, 200] : [100, 100] };
        Assert.Empty(run.Run([new ConstantPredictionRule()]).Findings);
    }

    [Fact]
    public void ConstantPrediction_WhileTheLossKeepsFalling_IsNotAFinding()
    {
        // the decision boundary is still moving in: one class predicted for a few epochs while the loss falls
        var run = new SynthRun { PredictedClasses = e => e <= 5 ? [200, 0] : [100, 100] };
        run.Epoch["loss"] = e => 0.7 * Math.Pow(0.99, e);
        Assert.Empty(run.Run([new ConstantPredictionRule()]).Findings);
    }

    [Fact]
    public void LrTooHigh_OneStepReplacesTheWeights_IsAnError()
    {
        var run = new SynthRun();
        foreach (var l in new[] { "dense", "dense_1" }) run.Step[$"{l}.update_ratio"] = s => s == 0 ? 300 : 0;
        var f = Single(run.Run([new LrTooHighRule()]), FindingCode.LrTooHigh);
        Assert.Equal(Severity.Error, f.Severity);
        Assert.Equal(0, f.Step);
        Assert.Equal(300, f.Evidence.Number("update_ratio"));
    }

    [Fact]
    public void LrTooLow_TinyStepsWithLiveGradients_EvenAtFirstSteps()
    {
        var run = new SynthRun { Epochs = 1 };
        foreach (var l in new[] { "dense", "dense_1" }) run.Step[$"{l}.update_ratio"] = _ => 1e-8;
        run.Step["loss"] = _ => 0.69;
        var f = Single(run.Run([new LrTooLowRule()]), FindingCode.LrTooLow);
        Assert.Equal(20, f.Evidence.Number("window_steps"));
        Assert.True(f.Evidence.Number("gradient_mean_abs") > 1e-3);
        // dead gradients: that is not a learning rate problem
        var dead = new SynthRun { Epochs = 1 };
        foreach (var l in new[] { "dense", "dense_1" }) { dead.Step[$"{l}.update_ratio"] = _ => 1e-8; dead.Step[$"{l}.grad_mean_abs"] = _ => 0; }
        Assert.Empty(dead.Run([new LrTooLowRule()]).Findings);
    }

    [Fact]
    public void UnchangedWeights_ZeroUpdatesFromStep40_Fires()
    {
        var run = new SynthRun();
        run.Step["dense.update_ratio"] = s => s >= 40 ? 0 : 1e-3;
        run.Step["dense.grad_norm"] = s => s >= 40 ? 0 : 0.5;
        var f = Single(run.Run([new UnchangedWeightsRule()]), FindingCode.UnchangedWeights);
        Assert.Equal("dense", f.Layer);
        Assert.Equal(40, f.Step);
        Assert.Equal(0, f.Evidence.Number("update_ratio"));
        Assert.Equal(0, f.Evidence.Number("gradient_norm"));
    }

    [Fact]
    public void LrTooHigh_UpdateRatioFarAboveHealthy_Fires()
    {
        var run = new SynthRun();
        run.Step["dense.update_ratio"] = _ => 0.5;
        run.Step["dense_1.update_ratio"] = _ => 0.3;
        var f = Single(run.Run([new LrTooHighRule()]), FindingCode.LrTooHigh);
        Assert.Equal(0.4, f.Evidence.Number("update_ratio"), 12);   // median over layers
        Assert.Equal(1e-3, f.Evidence.Number("learning_rate"));
        Assert.Equal("lower_learning_rate", f.Fixes[0].Action);
        Assert.Equal("optimizer=keras.optimizers.Adam(learning_rate=1e-4)", f.Fixes[0].Keras);
    }

    [Fact]
    public void LrTooHigh_LossClimbsAfterItsBest_Fires()
    {
        var run = new SynthRun();
        run.Step["loss"] = s => s < 60 ? 0.7 - 0.005 * s : 0.4 * Math.Exp((s - 60) / 20.0);
        var f = Single(run.Run([new LrTooHighRule()]), FindingCode.LrTooHigh);
        Assert.True(f.Evidence.Number("rise_factor") >= 2);
        Assert.InRange(f.Step!.Value, 40, 80);
    }

    [Fact]
    public void LrTooHigh_RepeatedLossSpikes_Fire()
    {
        var run = new SynthRun();
        run.Step["loss"] = s => s is 50 or 90 or 130 ? 30 : 0.3 * (1 + 0.02 * SynthRun.Noise(s));
        var f = Single(run.Run([new LrTooHighRule()]), FindingCode.LrTooHigh);
        Assert.Equal(3, f.Evidence.Number("loss_spikes"));
        Assert.Equal(50, f.Evidence.Number("first_spike_step"));
    }

    [Fact]
    public void LrTooLow_TinyUpdates_Fires()
    {
        var run = new SynthRun();
        run.Step["dense.update_ratio"] = _ => 1e-6;
        run.Step["dense_1.update_ratio"] = _ => 2e-6;
        run.Step["loss"] = s => 0.69 - 1e-4 * s;
        var f = Single(run.Run([new LrTooLowRule()]), FindingCode.LrTooLow);
        Assert.Equal(1.5e-6, f.Evidence.Number("update_ratio"), 1e-12);
        Assert.Equal("raise_learning_rate", f.Fixes[0].Action);
        Assert.Equal("optimizer=keras.optimizers.Adam(learning_rate=0.01)", f.Fixes[0].Keras);
    }

    [Fact]
    public void OscillatingLoss_SwingsWithoutTrend_Fires()
    {
        var run = new SynthRun();
        run.Step["loss"] = s => (s / 10) % 2 == 0 ? 0.4 : 0.9;   // chunks of 10 steps alternate
        var f = Single(run.Run([new OscillatingLossRule()]), FindingCode.OscillatingLoss);
        Assert.True(f.Evidence.Number("relative_swing") > 0.3);
        Assert.Equal(1.0, f.Evidence.Number("sign_flip_share"));
    }

    [Fact]
    public void PerfectFit_ZeroGradientsAndJitterNearZero_AreNotFaults()
    {
        // one step solves the task; the clipped crossentropy then sits at −ln(1 − 1e-7) with exactly zero gradients
        var run = new SynthRun();
        run.Step["loss"] = s => s == 0 ? 7.76 : s % 37 == 0 ? 1e-5 : 1.192e-7;
        foreach (var l in new[] { "dense", "dense_1" })
        {
            run.Step[$"{l}.grad_mean_abs"] = s => s == 0 ? 0.9 : 0;
            run.Step[$"{l}.grad_norm"] = s => s == 0 ? 2 : 0;
            run.Step[$"{l}.update_ratio"] = s => s == 0 ? 0.1 : 0;
        }
        var d = run.Run([new VanishingGradientRule(), new UnchangedWeightsRule(), new LrTooHighRule(), new ExplodingGradientRule()]);
        Assert.Empty(d.Findings);
    }

    [Fact]
    public void LossPlateau_StuckFromTheStart_FiresOnTheStepPath()
    {
        var run = new SynthRun();
        run.Step["loss"] = s => 0.69 * (1 + 0.01 * SynthRun.Noise(s));
        var f = Single(run.Run([new LossPlateauRule()]), FindingCode.LossPlateau);
        Assert.Equal(0, f.Step);   // the first full window, starting at step 0
        Assert.Equal(0.69, f.Evidence.Number("plateau_loss"), 2);
        Assert.Equal("100 steps", f.Evidence["window"].Text);
    }
}

/// <summary>Runs one rule over a synthetic run.</summary>
internal sealed class SynthRunDiag(SynthRun run, Rule rule)
{
    public Diagnosis D { get; } = run.Run([rule]);
}
