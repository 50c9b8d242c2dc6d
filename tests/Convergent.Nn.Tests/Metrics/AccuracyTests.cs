using Convergent.Tensors;

namespace Convergent.Nn.Tests.Metrics;

public class AccuracyTests
{
    private static Tensor F(float[] v, params int[] shape) => Tensor.FromArray(v, shape);

    [Fact]
    public void CategoricalAccuracy_ArgmaxMatches_CountsHits()
    {
        var m = new CategoricalAccuracy();
        // predicted classes [1, 2, 0] against true classes [1, 0, 2]: one hit in three
        m.Update(F([0, 1, 0, 1, 0, 0, 0, 0, 1], 3, 3), F([0.1f, 0.8f, 0.1f, 0.3f, 0.3f, 0.4f, 0.5f, 0.5f, 0], 3, 3));
        Assert.Equal(1.0 / 3, m.Result(), 12);
    }

    [Fact]
    public void CategoricalAccuracy_TiedPredictions_ArgmaxIsFirstIndex()
    {
        var pred = F([0.4f, 0.4f, 0.2f], 1, 3);
        var first = new CategoricalAccuracy(); first.Update(F([1, 0, 0], 1, 3), pred);
        var second = new CategoricalAccuracy(); second.Update(F([0, 1, 0], 1, 3), pred);
        Assert.Equal(1.0, first.Result());
        Assert.Equal(0.0, second.Result());
    }

    [Fact]
    public void CategoricalAccuracy_SampleWeights_WeightedMean()
    {
        var m = new CategoricalAccuracy();
        // hits [1, 0, 1] with weights [0.5, 2, 1]: 1.5 / 3.5
        m.Update(F([1, 0, 0, 1, 0, 1], 3, 2), F([0.9f, 0.1f, 0.8f, 0.2f, 0.3f, 0.7f], 3, 2), F([0.5f, 2, 1], 3));
        Assert.Equal(1.5 / 3.5, m.Result(), 7);
    }

    [Fact]
    public void CategoricalAccuracy_SeveralBatchesThenReset_AccumulatesThenForgets()
    {
        var m = new CategoricalAccuracy();
        m.Update(F([1, 0], 1, 2), F([0.9f, 0.1f], 1, 2));
        m.Update(F([1, 0, 1, 0, 0, 1], 3, 2), F([0.1f, 0.9f, 0.2f, 0.8f, 0.3f, 0.7f], 3, 2));
        Assert.Equal(2.0 / 4, m.Result(), 12);
        m.Reset();
        Assert.Equal(0.0, m.Result());
    }

    [Fact]
    public void SparseCategoricalAccuracy_LabelsWithAndWithoutUnitAxis_AgreeAndMatchHandCount()
    {
        var pred = F([0.1f, 0.8f, 0.1f, 0.3f, 0.3f, 0.4f, 0.5f, 0.5f, 0], 3, 3);
        var a = new SparseCategoricalAccuracy(); a.Update(F([1, 0, 0], 3), pred);
        var b = new SparseCategoricalAccuracy(); b.Update(F([1, 0, 0], 3, 1), pred);
        // argmax [1, 2, 0] (tie → 0) against [1, 0, 0]: two hits
        Assert.Equal(2.0 / 3, a.Result(), 12);
        Assert.Equal(a.Result(), b.Result());
    }

    [Fact]
    public void BinaryAccuracy_PredictionAtThreshold_CountsAsZero()
    {
        var m = new BinaryAccuracy();
        // [0.6 → 1 ✓, 0.5 → 0 ✓, 0.4 → 0 ✗, 0.2 → 0 ✓]
        m.Update(F([1, 0, 1, 0], 4), F([0.6f, 0.5f, 0.4f, 0.2f], 4, 1));
        Assert.Equal(0.75, m.Result(), 12);
    }

    [Fact]
    public void BinaryAccuracy_SeveralOutputs_MeanPerSampleThenOverSamples()
    {
        var m = new BinaryAccuracy(threshold: 0.3);
        // sample 0: [0.4 → 1 ✓, 0.1 → 0 ✗] = 0.5; sample 1: [0.9 ✓, 0.2 ✓] = 1; weights [3, 1]: (1.5 + 1) / 4
        m.Update(F([1, 1, 1, 0], 2, 2), F([0.4f, 0.1f, 0.9f, 0.2f], 2, 2), F([3, 1], 2));
        Assert.Equal(2.5 / 4, m.Result(), 12);
    }

    [Fact]
    public void TopKCategoricalAccuracy_TiesAtBoundary_CountAsIn()
    {
        var m = new TopKCategoricalAccuracy(k: 2);
        // row 0: target 2 scores 0.2; only 0.5 is higher → in (class 1 tied with it)
        // row 1: target 0 scores 0.1; three classes higher → out
        m.Update(F([0, 0, 1, 0, 1, 0, 0, 0], 2, 4), F([0.5f, 0.2f, 0.2f, 0.1f, 0.1f, 0.3f, 0.3f, 0.3f], 2, 4));
        Assert.Equal(0.5, m.Result(), 12);
        Assert.Equal("top_k_categorical_accuracy", m.Name);
    }

    [Fact]
    public void SparseTopKCategoricalAccuracy_DefaultK5_HitsWithinFive()
    {
        var m = new SparseTopKCategoricalAccuracy();
        var pred = F([0.3f, 0.25f, 0.2f, 0.1f, 0.08f, 0.07f], 1, 6);
        m.Update(F([4], 1), pred);
        m.Update(F([5], 1), pred);
        Assert.Equal(0.5, m.Result(), 12);
        Assert.Equal("sparse_top_k_categorical_accuracy", m.Name);
    }

    [Fact]
    public void Accuracy_ResolveFor_PicksKerasVariantAndKeepsName()
    {
        var acc = new Accuracy();
        Assert.IsType<BinaryAccuracy>(acc.ResolveFor(new BinaryCrossentropy(), new Shape(3)));
        Assert.IsType<BinaryAccuracy>(acc.ResolveFor(new MeanSquaredError(), new Shape(1)));
        Assert.IsType<SparseCategoricalAccuracy>(acc.ResolveFor(new SparseCategoricalCrossentropy(), new Shape(10)));
        Assert.IsType<CategoricalAccuracy>(acc.ResolveFor(new CategoricalCrossentropy(), new Shape(10)));
        Assert.Equal("accuracy", acc.ResolveFor(new CategoricalCrossentropy(), new Shape(10)).Name);
        Assert.Equal("acc", new Accuracy("acc").ResolveFor(new BinaryCrossentropy(), new Shape(1)).Name);
    }

    [Fact]
    public void Accuracy_UsedDirectly_DecidesFromShapesLikeKeras3()
    {
        var sparse = new Accuracy();
        sparse.Update(F([1, 0], 2), F([0.2f, 0.8f, 0.6f, 0.4f], 2, 2));
        Assert.Equal(1.0, sparse.Result());
        var binary = new Accuracy();
        binary.Update(F([1, 0], 2, 1), F([0.8f, 0.6f], 2, 1));
        Assert.Equal(0.5, binary.Result());
        var categorical = new Accuracy();
        categorical.Update(F([0, 1, 1, 0], 2, 2), F([0.2f, 0.8f, 0.4f, 0.6f], 2, 2));
        Assert.Equal(0.5, categorical.Result());
    }

    [Fact]
    public void Mean_WeightedValues_RunningWeightedMean()
    {
        var m = new Mean();
        m.Add(1);
        m.Add(3, weight: 3);
        Assert.Equal(2.5, m.Result(), 12);
        m.Add(F([0, 10], 2), F([1, 0], 2));
        Assert.Equal(10.0 / 5, m.Result(), 12);
    }

    [Fact]
    public void ErrorMetrics_WeightedSamples_MatchHandComputed()
    {
        // per-sample squared errors [1, (0 + 4)/2 = 2], weights [1, 3]: (1 + 6) / 4; absolute: [1, 1]
        var y = F([0, 0, 1, 1], 2, 2); var p = F([1, 1, 1, 3], 2, 2); var w = F([1, 3], 2);
        var mse = new MeanSquaredErrorMetric(); mse.Update(y, p, w);
        var mae = new MeanAbsoluteErrorMetric(); mae.Update(y, p, w);
        Assert.Equal(1.75, mse.Result(), 12);
        Assert.Equal(1.0, mae.Result(), 12);
        Assert.False(mse.HigherIsBetter);
        Assert.Equal("mean_squared_error", mse.Name);
    }
}
