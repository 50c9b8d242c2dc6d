namespace Convergent.Diagnostics.Tests;

public class CauseGraphTests
{
    private static Finding F(string code, Severity s = Severity.Warning, double confidence = 0.5, string? layer = null, long? step = null) =>
        new(code, s, code.ToLowerInvariant()) { Confidence = confidence, Layer = layer, Step = step };

    [Fact]
    public void DefaultGraph_IsAcyclic_AndUsesOnlyKnownCodes()
    {
        var g = new CauseGraph(CauseGraph.DefaultLinks);   // the constructor throws on a cycle or an unknown code
        Assert.Equal(CauseGraph.DefaultLinks.Count, g.Links.Count);
        Assert.All(g.Links, l => Assert.True(FindingCode.IsKnown(l.Symptom) && FindingCode.IsKnown(l.Cause)));
    }

    [Fact]
    public void Cycle_IsRejected()
    {
        var e = Assert.Throws<ArgumentException>(() => new CauseGraph([(FindingCode.DeadRelu, FindingCode.LrTooHigh), (FindingCode.LrTooHigh, FindingCode.DeadRelu)]));
        Assert.Contains("cycle", e.Message);
    }

    [Fact]
    public void Diagnosis_ChainFromTheFindingsDoc_RootCauseFirst()
    {
        // findings.md: CONSTANT_PREDICTION caused by DEAD_RELU caused by LR_TOO_HIGH; the symptom is an error, the cause a warning
        var d = Diagnosis.Of([F(FindingCode.ConstantPrediction, Severity.Error, 0.9), F(FindingCode.DeadRelu, Severity.Error, 0.8, "dense_1"), F(FindingCode.LrTooHigh)]);
        Assert.Equal([FindingCode.LrTooHigh, FindingCode.DeadRelu, FindingCode.ConstantPrediction], d.Findings.Select(f => f.Code));
        Assert.Empty(d.Findings[0].CausedBy);
        Assert.Equal([FindingCode.LrTooHigh], d.Findings[1].CausedBy);
        Assert.Equal([FindingCode.DeadRelu], d.Findings[2].CausedBy);
        Assert.Equal([FindingCode.LrTooHigh], d.RootCauses.Select(f => f.Code));
    }

    [Fact]
    public void Diagnosis_LinksThroughAbsentIntermediates()
    {
        // CONSTANT_PREDICTION ← SATURATED_OUTPUT (absent) ← INPUT_NOT_NORMALIZED
        var d = Diagnosis.Of([F(FindingCode.ConstantPrediction, Severity.Error), F(FindingCode.InputNotNormalized)]);
        Assert.Equal([FindingCode.InputNotNormalized], d.Findings.Single(f => f.Code == FindingCode.ConstantPrediction).CausedBy);
        Assert.Equal(FindingCode.InputNotNormalized, d.Findings[0].Code);
    }

    [Fact]
    public void Diagnosis_TinyUpdatesUnderAPoorInit_InitFirst()
    {
        // huge initial weights make the update/weight ratio tiny whatever the rate: LR_TOO_LOW and the TOO_FEW_EPOCHS it
        // explains come after POOR_WEIGHT_INIT, though both are more confident
        var d = Diagnosis.Of([F(FindingCode.TooFewEpochs, confidence: 0.9), F(FindingCode.LrTooLow, confidence: 0.8), F(FindingCode.PoorWeightInit, confidence: 0.7)]);
        Assert.Equal([FindingCode.PoorWeightInit, FindingCode.LrTooLow, FindingCode.TooFewEpochs], d.Findings.Select(f => f.Code));
        Assert.Equal([FindingCode.PoorWeightInit], d.Findings[1].CausedBy);
    }

    [Fact]
    public void Diagnosis_UnrelatedFindings_BySeverityThenConfidenceThenStep()
    {
        var d = Diagnosis.Of(
        [
            F(FindingCode.ClassImbalance, Severity.Warning, 0.6),
            F(FindingCode.TrainValLeakage, Severity.Warning, 0.9),
            F(FindingCode.MetricMisuse, Severity.Info, 0.99),
            F(FindingCode.DataNan, Severity.Error, 0.1),
        ]);
        Assert.Equal([FindingCode.DataNan, FindingCode.TrainValLeakage, FindingCode.ClassImbalance, FindingCode.MetricMisuse], d.Findings.Select(f => f.Code));
    }

    [Fact]
    public void Diagnosis_SameCodeOnSeveralLayers_AllKeptAfterTheirCause()
    {
        var d = Diagnosis.Of([F(FindingCode.DeadRelu, layer: "dense_2", step: 9), F(FindingCode.DeadRelu, layer: "dense_1", step: 3), F(FindingCode.InputNotNormalized, Severity.Info)]);
        Assert.Equal(FindingCode.InputNotNormalized, d.Findings[0].Code);
        Assert.Equal(["dense_1", "dense_2"], d.Findings.Skip(1).Select(f => f.Layer));
    }

    [Theory]
    [InlineData(FindingCode.NanLoss, "diverged")]
    [InlineData(FindingCode.NoLearning, "not_learning")]
    [InlineData(FindingCode.ConstantPrediction, "not_learning")]
    [InlineData(FindingCode.Overfitting, "overfitting")]
    [InlineData(FindingCode.Underfitting, "underfitting")]
    [InlineData(FindingCode.DeadRelu, "hurt")]
    public void Verdict_FollowsTheFindings(string code, string verdict) =>
        Assert.Equal(verdict, Diagnosis.Of([F(code)]).Verdict.ToReportName());

    [Fact]
    public void Verdict_InfoOnly_IsHealthy_AndNanStopIsDiverged()
    {
        Assert.Equal(Verdict.Healthy, Diagnosis.Of([F(FindingCode.TooFewEpochs, Severity.Info)]).Verdict);
        Assert.Equal(Verdict.Diverged, Diagnosis.Of([], StopReason.Nan).Verdict);
    }
}
