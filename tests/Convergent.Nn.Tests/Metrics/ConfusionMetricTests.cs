using Convergent.Tensors;

namespace Convergent.Nn.Tests.Metrics;

public class ConfusionMetricTests
{
    private static Tensor F(float[] v, params int[] shape) => Tensor.FromArray(v, shape);

    // labels [1, 0, 1, 1, 0, 1], predictions above 0.5: 0.9 (TP), 0.8 (FP), 0.6 (TP); below: 0.3 (FN), 0.4 (TN), 0.2 (FN)
    private static readonly Tensor Labels = F([1, 0, 1, 1, 0, 1], 6);
    private static readonly Tensor Preds = F([0.9f, 0.8f, 0.3f, 0.6f, 0.4f, 0.2f], 6);

    [Fact]
    public void Precision_DefaultThreshold_TwoOfThreePositivesRight()
    {
        var m = new Precision(); m.Update(Labels, Preds);
        Assert.Equal(2.0 / 3, m.Result(), 12);
    }

    [Fact]
    public void Recall_DefaultThreshold_TwoOfFourPositivesFound()
    {
        var m = new Recall(); m.Update(Labels, Preds);
        Assert.Equal(0.5, m.Result(), 12);
    }

    [Fact]
    public void Precision_SampleWeights_WeighCounts()
    {
        // TP weights 1 + 1, FP weight 4: 2 / 6
        var m = new Precision(); m.Update(Labels, Preds, F([1, 4, 1, 1, 1, 1], 6));
        Assert.Equal(2.0 / 6, m.Result(), 12);
    }

    [Fact]
    public void Precision_NothingPredictedPositive_IsZero()
    {
        var m = new Precision(); m.Update(F([1, 0], 2), F([0.1f, 0.2f], 2));
        Assert.Equal(0.0, m.Result());
    }

    [Fact]
    public void Recall_ClassId_CountsOnlyThatColumn()
    {
        // column 1: labels [1, 0, 1], predictions [0.7, 0.9, 0.2] → TP 1, FN 1
        var m = new Recall(classId: 1);
        m.Update(F([0, 1, 0, 1, 0, 0, 0, 1, 0], 3, 3), F([0.2f, 0.7f, 0.1f, 0.05f, 0.9f, 0.05f, 0.6f, 0.2f, 0.2f], 3, 3));
        Assert.Equal(0.5, m.Result(), 12);
    }

    [Fact]
    public void Precision_TopK_OnlyHighestPredictionPerRowIsPositive()
    {
        // top-1 per row: row 0 → class 1 (label 1: TP), row 1 → class 0 (label 0: FP)
        var m = new Precision(topK: 1);
        m.Update(F([0, 1, 0, 0, 0, 1], 2, 3), F([0.3f, 0.4f, 0.3f, 0.5f, 0.1f, 0.4f], 2, 3));
        Assert.Equal(0.5, m.Result(), 12);
    }

    [Fact]
    public void Auc_KerasDocExample_IsThreeQuarters()
    {
        // Keras docstring: AUC(num_thresholds=3) on [0, 0, 1, 1] / [0, 0.5, 0.3, 0.9]
        // thresholds [−ε, 0.5, 1+ε]: TPR [1, 0.5, 0], FPR [1, 0, 0]: 1·(1 + 0.5)/2 + 0 = 0.75
        var m = new AUC(numThresholds: 3);
        m.Update(F([0, 0, 1, 1], 4), F([0, 0.5f, 0.3f, 0.9f], 4));
        Assert.Equal(0.75, m.Result(), 12);
    }

    [Fact]
    public void Auc_MinoringAndMajoring_UseLowerAndHigherHeights()
    {
        var lower = new AUC(3, summationMethod: AucSummationMethod.Minoring);
        var upper = new AUC(3, summationMethod: AucSummationMethod.Majoring);
        foreach (var m in new[] { lower, upper }) m.Update(F([0, 0, 1, 1], 4), F([0, 0.5f, 0.3f, 0.9f], 4));
        Assert.Equal(0.5, lower.Result(), 12);
        Assert.Equal(1.0, upper.Result(), 12);
    }

    [Fact]
    public void Auc_PrInterpolation_MatchesClosedForm()
    {
        // TP [2, 1, 0], FP [2, 0, 0], FN [0, 1, 2]
        // interval 0: slope 1/3, intercept 2/3, P ratio 4 → (1/3)(1 + (2/3)·ln 4) / 2; interval 1: slope 1, intercept 0 → 1/2
        double expected = (1 + 2.0 / 3 * Math.Log(4)) / 6 + 0.5;
        var m = new AUC(3, curve: AucCurve.PR);
        m.Update(F([0, 0, 1, 1], 4), F([0, 0.5f, 0.3f, 0.9f], 4));
        Assert.Equal(expected, m.Result(), 12);
    }

    [Fact]
    public void Auc_PerfectSeparationWithDefaultThresholds_IsOne()
    {
        var m = new AUC();
        m.Update(F([0, 0, 1, 1], 4), F([0.1f, 0.2f, 0.8f, 0.9f], 4));
        Assert.Equal(1.0, m.Result(), 12);
        Assert.Equal(200, m.Thresholds.Count);
        Assert.Equal(-1e-7, m.Thresholds[0]);
        Assert.Equal(1.0 / 199, m.Thresholds[1], 15);
    }

    [Fact]
    public void Auc_Reset_ForgetsCounts()
    {
        var m = new AUC();
        m.Update(F([0, 1], 2), F([0.9f, 0.1f], 2));
        m.Reset();
        m.Update(F([0, 1], 2), F([0.1f, 0.9f], 2));
        Assert.Equal(1.0, m.Result(), 12);
    }
}
