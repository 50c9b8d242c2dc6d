using Convergent.Tensors;
using Convergent.Testing;

namespace Convergent.Nn.Tests.Losses;

public class RegressionLossTests
{
    private static Tensor D(double[] v, params int[] shape) => Tensor.FromArray(v, shape);

    private static readonly Tensor Y = D([1, 1, 1, 1], 2, 2);
    private static readonly Tensor P = D([1, 2, 3, 4], 2, 2);

    [Fact]
    public void MeanSquaredError_PerSample_IsMeanOverLastAxis()
    {
        // errors [0, 1] and [2, 3]: per sample [0.5, 6.5]
        Assert.Equal(new[] { 0.5, 6.5 }, new MeanSquaredError().Call(Y, P).ToDoubleArray());
        Assert.Equal(3.5, new MeanSquaredError().Compute(Y, P).Item(), 12);
    }

    [Fact]
    public void MeanAbsoluteError_PerSample_IsMeanOverLastAxis() =>
        Assert.Equal(new[] { 0.5, 2.5 }, new MeanAbsoluteError().Call(Y, P).ToDoubleArray());

    [Fact]
    public void Loss_SampleWeights_WeightedSumOverBatchSize()
    {
        // per sample [0.5, 6.5], weights [2, 0.5]: (1 + 3.25) / 2
        var w = D([2, 0.5], 2);
        Assert.Equal(2.125, new MeanSquaredError().Compute(Y, P, w).Item(), 12);
        Assert.Equal(4.25, new MeanSquaredError(Reduction.Sum).Compute(Y, P, w).Item(), 12);
        Assert.Equal(new[] { 1.0, 3.25 }, new MeanSquaredError(Reduction.None).Compute(Y, P, w).ToDoubleArray());
    }

    [Fact]
    public void Loss_ZeroSampleWeight_StillDividesByBatchSize()
    {
        // Keras's sum_over_batch_size counts every sample, weighted or not
        Assert.Equal(0.25, new MeanSquaredError().Compute(Y, P, D([1, 0], 2)).Item(), 12);
    }

    [Fact]
    public void MeanSquaredError_LabelsWithoutUnitAxis_MeetPredictionsWithIt()
    {
        var loss = new MeanSquaredError().Compute(D([1, 2], 2), D([2, 4], 2, 1));
        Assert.Equal((1 + 4) / 2.0, loss.Item(), 12);
    }

    [Fact]
    public void Hinge_BinaryLabels_AreConvertedToPlusMinusOne()
    {
        // y [1, 0] → [1, −1]: margins max(1 − 0.3, 0) = 0.7 and max(1 + 0.4, 0) = 1.4
        var y = D([1, 0], 1, 2); var p = D([0.3, 0.4], 1, 2);
        Assert.Equal(1.05, new Hinge().Compute(y, p).Item(), 12);
        Assert.Equal((0.49 + 1.96) / 2, new SquaredHinge().Compute(y, p).Item(), 12);
    }

    [Fact]
    public void Hinge_PlusMinusOneLabels_AreUsedAsGiven()
    {
        // y [1, −1]: margins max(1 − 2, 0) = 0 and max(1 − 0.5, 0) = 0.5
        Assert.Equal(0.25, new Hinge().Compute(D([1, -1], 1, 2), D([2, -0.5], 1, 2)).Item(), 12);
    }

    [Fact]
    public void Huber_SmallAndLargeErrors_QuadraticThenLinear()
    {
        // δ = 1: e = 0.5 → 0.125; e = 2 → 2 − 0.5 = 1.5
        Assert.Equal(0.8125, new Huber().Compute(D([0, 0], 1, 2), D([0.5, -2], 1, 2)).Item(), 12);
        // δ = 2: e = 3 → 6 − 2 = 4
        Assert.Equal(4.0, new Huber(2.0).Compute(D([0], 1, 1), D([3], 1, 1)).Item(), 12);
    }

    [Fact]
    public void KLDivergence_KnownDistributions_MatchesHandComputed()
    {
        double expected = 0.5 * Math.Log(0.5 / 0.9) + 0.5 * Math.Log(0.5 / 0.1);
        Assert.Equal(expected, new KLDivergence().Compute(D([0.5, 0.5], 1, 2), D([0.9, 0.1], 1, 2)).Item(), 12);
    }

    [Fact]
    public void KLDivergence_ZeroTarget_IsClippedToEpsilon()
    {
        double eps = 1e-7;
        double expected = Math.Log(1 / 0.5) + eps * Math.Log(eps / 0.5);
        Assert.Equal(expected, new KLDivergence().Compute(D([1, 0], 1, 2), D([0.5, 0.5], 1, 2)).Item(), 12);
    }

    [Fact]
    public void Poisson_KnownRate_MatchesFormula() =>
        Assert.Equal(3 - 2 * Math.Log(3 + 1e-7), new Poisson().Compute(D([2], 1, 1), D([3], 1, 1)).Item(), 12);

    [Fact]
    public void Huber_NonPositiveDelta_Throws() => Assert.Throws<ArgumentException>(() => new Huber(0));

    public static TheoryData<string> Cases => new() { "mse", "mae", "hinge", "squared_hinge", "huber", "kld", "poisson" };

    [Theory]
    [MemberData(nameof(Cases))]
    public void RegressionLosses_GradientsMatchFiniteDifferences(string which)
    {
        Loss loss = which switch
        {
            "mse" => new MeanSquaredError(),
            "mae" => new MeanAbsoluteError(),
            "hinge" => new Hinge(),
            "squared_hinge" => new SquaredHinge(),
            "huber" => new Huber(0.3),
            "kld" => new KLDivergence(),
            _ => new Poisson(),
        };
        bool probabilities = which is "kld" or "poisson";
        var y = which.Contains("hinge") ? D([1, 0, 1, 1, 0, 0], 2, 3)
            : probabilities ? D([0.2, 0.5, 0.3, 0.6, 0.1, 0.3], 2, 3) : D([0.1, -0.4, 0.8, 0.3, 0.0, -1.0], 2, 3);
        // predictions kept away from kinks (|e| = δ, margin 0, e = 0) where finite differences straddle two branches
        var p = probabilities ? GradCheck.Random(5, 0.05, 0.9, 2, 3) : D([0.9, 0.35, -0.6, 0.75, -0.45, 0.5], 2, 3).WithGrad();
        var w = D([0.5, 2], 2);
        Assert.True(GradCheck.MaxError(xs => loss.Compute(y, xs[0], w), p) < GradCheck.Tolerance);
    }

    [Fact]
    public void Losses_KerasNames_MatchKeras()
    {
        Assert.Equal("mean_squared_error", new MeanSquaredError().KerasName);
        Assert.Equal("huber_loss", new Huber().KerasName);
        Assert.Equal("kl_divergence", new KLDivergence().KerasName);
        Assert.Equal("sparse_categorical_crossentropy", new SparseCategoricalCrossentropy().KerasName);
        Assert.Equal("sum_over_batch_size", new Poisson().GetConfig()["reduction"]);
    }
}
