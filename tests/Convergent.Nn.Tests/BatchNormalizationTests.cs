using Convergent.Tensors;
using Convergent.Testing;

namespace Convergent.Nn.Tests;

public class BatchNormalizationTests
{
    private static BatchNormalization WithRandomAffine(BatchNormalization bn)
    {
        // γ = 1, β = 0 would hide mistakes in their gradients' broadcasting; random values exercise them
        var rng = new Random(5);
        foreach (var w in bn.Weights) for (int i = 0; i < w.Value.Size; i++) w.Value[i] = 0.5 + rng.NextDouble();
        return bn;
    }

    [Fact]
    public void BatchNormalization_Training_GradientThroughBatchStatisticsMatchesFiniteDifferences()
    {
        var bn = WithRandomAffine(LayerCheck.Built(new BatchNormalization(), 3));
        LayerCheck.AssertGradients(bn, GradCheck.Random(1, -2, 2, 5, 3), training: true);
    }

    [Fact]
    public void BatchNormalization_Training4DChannelsFirst_GradientMatchesFiniteDifferences()
    {
        var bn = WithRandomAffine(LayerCheck.Built(new BatchNormalization(axis: 1), 2, 3, 2));
        LayerCheck.AssertGradients(bn, GradCheck.Random(2, -2, 2, 3, 2, 3, 2), training: true);
    }

    [Fact]
    public void BatchNormalization_Inference_GradientMatchesFiniteDifferences()
    {
        var bn = WithRandomAffine(LayerCheck.Built(new BatchNormalization(), 4, 3));
        LayerCheck.AssertGradients(bn, GradCheck.Random(3, -2, 2, 2, 4, 3), training: false);
    }

    [Fact]
    public void BatchNormalization_Training_NormalizesWithBiasedVarianceAndUpdatesMovingStats()
    {
        var bn = LayerCheck.Built(new BatchNormalization(momentum: 0.9, epsilon: 1e-3), 1);
        // batch [1, 2, 3, 6]: mean 3, biased variance (4 + 1 + 0 + 9)/4 = 3.5
        var y = bn.Call(Tensor.FromArray(new double[] { 1, 2, 3, 6 }, 4, 1), training: true).ToDoubleArray();
        Assert.Equal(-2 / Math.Sqrt(3.5 + 1e-3), y[0], 12);
        Assert.Equal(3 / Math.Sqrt(3.5 + 1e-3), y[3], 12);
        // moving = moving·0.9 + batch·0.1: mean 0·0.9 + 3·0.1, variance 1·0.9 + 3.5·0.1 (biased, as Keras 3)
        Assert.Equal(0.3, bn.MovingMean!.Value[0], 12);
        Assert.Equal(1.25, bn.MovingVariance!.Value[0], 12);
    }

    [Fact]
    public void BatchNormalization_Inference_UsesMovingStatistics()
    {
        var bn = LayerCheck.Built(new BatchNormalization(movingMeanInitializer: new Constant(1), movingVarianceInitializer: new Constant(4)), 1);
        var y = bn.Call(Tensor.FromArray(new double[] { 3 }, 1, 1)).Item();
        Assert.Equal(2 / Math.Sqrt(4 + 1e-3), y, 12);
    }

    [Fact]
    public void BatchNormalization_Frozen_UsesMovingStatisticsEvenInTraining()
    {
        var bn = LayerCheck.Built(new BatchNormalization(), 1);
        bn.Trainable = false;
        var y = bn.Call(Tensor.FromArray(new double[] { 1, 3 }, 2, 1), training: true).ToDoubleArray();
        Assert.Equal(1 / Math.Sqrt(1 + 1e-3), y[0], 12);
        Assert.Equal(0, bn.MovingMean!.Value[0]);
    }

    [Fact]
    public void BatchNormalization_Weights_AreGammaBetaThenNonTrainableMovingStats()
    {
        var bn = new BatchNormalization();
        bn.Build(new Shape(8, 8, 16));
        Assert.Equal(new[] { "gamma", "beta", "moving_mean", "moving_variance" }, bn.Weights.Select(w => w.Name.Split('/')[1]));
        Assert.Equal(64, bn.ParameterCount);
        Assert.Equal(32, bn.TrainableParameterCount);
    }
}
