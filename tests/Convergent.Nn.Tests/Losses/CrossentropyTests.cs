using Convergent.Tensors;
using Convergent.Testing;

namespace Convergent.Nn.Tests.Losses;

public class CrossentropyTests
{
    private static Tensor F(float[] v, params int[] shape) => Tensor.FromArray(v, shape);
    private static Tensor D(double[] v, params int[] shape) => Tensor.FromArray(v, shape);

    // float32 arithmetic on values of order 1–20: a relative error of a few float ulps (≈1e-7) is far below 1e-5.
    private const double FloatTolerance = 1e-5;

    [Fact]
    public void CategoricalCrossentropy_KnownProbabilities_IsMinusLogOfTrueClass()
    {
        var loss = new CategoricalCrossentropy().Compute(F([1, 0, 0], 1, 3), F([0.7f, 0.2f, 0.1f], 1, 3));
        Assert.Equal(-Math.Log(0.7), loss.Item(), FloatTolerance);
    }

    [Fact]
    public void CategoricalCrossentropy_ZeroProbabilityForTrueClass_IsMinusLogEpsilon()
    {
        // Keras clips to [1e-7, 1 − 1e-7]: −ln(1e-7) = 16.118095…
        var loss = new CategoricalCrossentropy().Compute(F([1, 0, 0], 1, 3), F([0, 1, 0], 1, 3));
        Assert.Equal(16.118095, loss.Item(), FloatTolerance);
    }

    [Fact]
    public void CategoricalCrossentropy_SaturatedWrongPrediction_PassesNoGradient()
    {
        // the clip is active on the true class, so the loss is locally constant (Keras's behaviour)
        var pred = D([1e-12, 1 - 1e-12, 0], 1, 3).WithGrad();
        new CategoricalCrossentropy().Compute(D([1, 0, 0], 1, 3), pred).Backward();
        Assert.All(pred.Grad!.ToDoubleArray(), g => Assert.Equal(0.0, g));
    }

    /// <summary>The composition the fused primitive replaces, from public ops: −Σ y·log clip(p/Σp, ε, 1 − ε).</summary>
    private static Tensor ComposedCrossentropy(Tensor y, Tensor p)
    {
        var q = Ops.Divide(p, Ops.Sum(p, [-1], keepDims: true));
        return Ops.Negate(Ops.Sum(Ops.Multiply(y, Ops.Log(Ops.Clip(q, 1e-7, 1 - 1e-7))), [-1]));
    }

    [Fact]
    public void ClippedCategoricalCrossentropy_MatchesComposedReference_InDouble()
    {
        // rows: ordinary; unnormalized; saturated on the true class (clip active: no gradient there); saturated on a
        // wrong class; exactly 0 and 1; soft labels; a near-ε probability just inside the clip
        double[] p =
        [
            0.7, 0.2, 0.1,   1.4, 0.4, 0.2,   1e-12, 1 - 1e-12, 0,   1 - 1e-9, 1e-9, 0,
            0, 1, 0,         0.5, 0.3, 0.2,   2e-7, 0.5, 0.5 - 2e-7,
        ];
        double[] y =
        [
            1, 0, 0,   0, 1, 0,   1, 0, 0,   1, 0, 0,
            0, 1, 0,   0.2, 0.5, 0.3,   1, 0, 0,
        ];
        var w = Tensor.FromArray(new double[] { 0.3, -1.2, 0.8, 2.0, 1.0, -0.4, 0.7 }, 7);   // upstream gradient per row
        (double[] Loss, double[] Dp, double[] Dy) Run(Func<Tensor, Tensor, Tensor> f)
        {
            var pt = D(p, 7, 3).WithGrad(); var yt = D(y, 7, 3).WithGrad();
            var loss = f(yt, pt);
            Ops.Sum(Ops.Multiply(loss, w)).Backward();
            return (loss.ToDoubleArray(), pt.Grad!.ToDoubleArray(), yt.Grad!.ToDoubleArray());
        }
        var fused = Run((yt, pt) => Ops.ClippedCategoricalCrossentropy(yt, pt, 1e-7));
        var composed = Run(ComposedCrossentropy);
        // the same formulas evaluated in a different order: agreement to double rounding, relative to |values| ≲ 1e9
        for (int i = 0; i < fused.Loss.Length; i++) Assert.Equal(composed.Loss[i], fused.Loss[i], 1e-12);
        for (int i = 0; i < fused.Dp.Length; i++)
            Assert.True(Math.Abs(composed.Dp[i] - fused.Dp[i]) <= 1e-12 * Math.Max(1, Math.Abs(composed.Dp[i])), $"dp[{i}]: {composed.Dp[i]} vs {fused.Dp[i]}");
        for (int i = 0; i < fused.Dy.Length; i++) Assert.Equal(composed.Dy[i], fused.Dy[i], 1e-12);
        // the saturated true class (row 2) passes no gradient at all, as in Keras
        Assert.All(fused.Dp[6..9], g => Assert.Equal(0.0, g));
    }

    [Fact]
    public void ClippedCategoricalCrossentropy_GradientsMatchFiniteDifferences()
    {
        var p = GradCheck.Random(3, 0.05, 1.0, 4, 5);
        var y = GradCheck.Random(4, 0.0, 1.0, 4, 5);
        double err = GradCheck.MaxError(GradCheck.Weighted(v => Ops.ClippedCategoricalCrossentropy(v[0], v[1], 1e-7)), y, p);
        Assert.True(err < GradCheck.Tolerance, $"error {err}");
    }

    [Fact]
    public void CategoricalCrossentropy_Float32_FusedAndComposedAgree()
    {
        // the loss class takes the fused path for the last axis; the composed path in float gives the same value
        var rng = new Random(8);
        var p = new float[64 * 10]; var y = new float[64 * 10];
        for (int i = 0; i < p.Length; i++) p[i] = (float)rng.NextDouble();
        for (int r = 0; r < 64; r++) y[r * 10 + rng.Next(10)] = 1;
        double fused = new CategoricalCrossentropy().Compute(F(y, 64, 10), F(p, 64, 10)).Item();
        double composed = Ops.Mean(ComposedCrossentropy(F(y, 64, 10), F(p, 64, 10))).Item();
        Assert.Equal(composed, fused, FloatTolerance);
    }

    [Fact]
    public void CategoricalCrossentropy_UnnormalizedProbabilities_AreNormalizedBySum()
    {
        // Keras divides by the sum: [1.4, 0.4, 0.2] / 2 = [0.7, 0.2, 0.1]
        var loss = new CategoricalCrossentropy().Compute(D([1, 0, 0], 1, 3), D([1.4, 0.4, 0.2], 1, 3));
        Assert.Equal(-Math.Log(0.7), loss.Item(), 12);
    }

    [Fact]
    public void CategoricalCrossentropy_LabelSmoothing_MatchesHandComputed()
    {
        // s = 0.1, C = 3: targets [0.9 + 0.1/3, 0.1/3, 0.1/3]
        double on = 0.9 + 0.1 / 3, off = 0.1 / 3;
        double expected = -(on * Math.Log(0.7) + off * Math.Log(0.2) + off * Math.Log(0.1));
        var loss = new CategoricalCrossentropy(labelSmoothing: 0.1).Compute(D([1, 0, 0], 1, 3), D([0.7, 0.2, 0.1], 1, 3));
        Assert.Equal(expected, loss.Item(), 12);
    }

    [Fact]
    public void CategoricalCrossentropy_FromLogits_EqualsSoftmaxThenCrossentropy()
    {
        double[] logits = [2.0, -1.0, 0.5, 1.5, 0.0, -0.5];
        var probs = new double[6];
        for (int r = 0; r < 2; r++)
        {
            double z = 0;
            for (int c = 0; c < 3; c++) z += Math.Exp(logits[r * 3 + c]);
            for (int c = 0; c < 3; c++) probs[r * 3 + c] = Math.Exp(logits[r * 3 + c]) / z;
        }
        var y = D([0, 0, 1, 1, 0, 0], 2, 3);
        double fromLogits = new CategoricalCrossentropy(fromLogits: true).Compute(y, D(logits, 2, 3)).Item();
        double fromProbs = new CategoricalCrossentropy().Compute(y, D(probs, 2, 3)).Item();
        Assert.Equal(fromProbs, fromLogits, 1e-6);
    }

    [Fact]
    public void CategoricalCrossentropy_FromHugeLogits_IsFinite()
    {
        // log-softmax subtracts the max: exp(1000) never happens
        var loss = new CategoricalCrossentropy(fromLogits: true).Compute(F([0, 1], 1, 2), F([1000, 0], 1, 2));
        Assert.Equal(1000, loss.Item(), 1e-3);
    }

    [Fact]
    public void CategoricalCrossentropy_ShapeMismatch_NamesBothShapes()
    {
        var ex = Assert.Throws<ArgumentException>(() => new CategoricalCrossentropy().Call(F([1, 0], 1, 2), F([0.5f, 0.3f, 0.2f], 1, 3)));
        Assert.Contains("(1, 2)", ex.Message);
        Assert.Contains("(1, 3)", ex.Message);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void SparseCategoricalCrossentropy_SameData_EqualsCategorical(bool fromLogits)
    {
        double[] pred = [0.1, 0.6, 0.2, 0.1, 0.3, 0.3, 0.3, 0.1, 0.05, 0.05, 0.05, 0.85];
        var sparse = new SparseCategoricalCrossentropy(fromLogits).Compute(D([1, 3, 3], 3), D(pred, 3, 4)).Item();
        var dense = new CategoricalCrossentropy(fromLogits).Compute(D([0, 1, 0, 0, 0, 0, 0, 1, 0, 0, 0, 1], 3, 4), D(pred, 3, 4)).Item();
        Assert.Equal(dense, sparse, 12);
    }

    [Fact]
    public void SparseCategoricalCrossentropy_LabelsWithTrailingAxis_AreAccepted()
    {
        var a = new SparseCategoricalCrossentropy().Compute(D([2, 0], 2, 1), D([0.2, 0.3, 0.5, 0.6, 0.3, 0.1], 2, 3)).Item();
        Assert.Equal(-(Math.Log(0.5) + Math.Log(0.6)) / 2, a, 12);
    }

    [Fact]
    public void SparseCategoricalCrossentropy_LabelOutOfRange_NamesValueAndClassCount()
    {
        var ex = Assert.Throws<ArgumentException>(() =>
            new SparseCategoricalCrossentropy().Compute(F([0, 3], 2), F([0.5f, 0.3f, 0.2f, 0.1f, 0.1f, 0.8f], 2, 3)));
        Assert.Contains("label 3", ex.Message);
        Assert.Contains("3 classes", ex.Message);
    }

    [Fact]
    public void SparseCategoricalCrossentropy_NonIntegerLabel_Throws()
    {
        Assert.Throws<ArgumentException>(() =>
            new SparseCategoricalCrossentropy().Compute(F([0.5f], 1), F([0.5f, 0.5f], 1, 2)));
    }

    [Fact]
    public void SparseCategoricalCrossentropy_IgnoreClass_AveragesOverValidSamplesOnly()
    {
        // Keras masks ignored samples: the sum over the two valid samples is divided by 2, not 3
        var loss = new SparseCategoricalCrossentropy(ignoreClass: -1)
            .Compute(D([0, -1, 1], 3), D([0.7, 0.3, 0.5, 0.5, 0.2, 0.8], 3, 2)).Item();
        Assert.Equal(-(Math.Log(0.7) + Math.Log(0.8)) / 2, loss, 12);
    }

    [Fact]
    public void BinaryCrossentropy_KnownProbabilities_MatchesHandComputed()
    {
        // per sample mean over the last axis: [−ln 0.8, −ln(1 − 0.4)], then the batch mean
        var loss = new BinaryCrossentropy().Compute(D([1, 0], 2), D([0.8, 0.4], 2, 1)).Item();
        Assert.Equal((-Math.Log(0.8) - Math.Log(0.6)) / 2, loss, 12);
    }

    [Fact]
    public void BinaryCrossentropy_CertainWrongPrediction_IsClipped()
    {
        var loss = new BinaryCrossentropy().Compute(D([0], 1, 1), D([1], 1, 1)).Item();
        Assert.Equal(-Math.Log(1 - (1 - 1e-7)), loss, 9);
    }

    [Fact]
    public void BinaryCrossentropy_FromLogits_IsStableAndMatchesSigmoid()
    {
        var bce = new BinaryCrossentropy(fromLogits: true);
        Assert.Equal(Math.Log(1 + Math.Exp(-0.5)), bce.Compute(D([1], 1, 1), D([0.5], 1, 1)).Item(), 12);
        Assert.Equal(100.0, bce.Compute(F([0], 1, 1), F([100], 1, 1)).Item(), FloatTolerance);
        Assert.Equal(100.0, bce.Compute(F([1], 1, 1), F([-100], 1, 1)).Item(), FloatTolerance);
    }

    [Fact]
    public void BinaryCrossentropy_LabelSmoothing_SqueezesTargetsTowardHalf()
    {
        // s = 0.2: y = 1 → 0.9
        var loss = new BinaryCrossentropy(labelSmoothing: 0.2).Compute(D([1], 1, 1), D([0.8], 1, 1)).Item();
        Assert.Equal(-(0.9 * Math.Log(0.8) + 0.1 * Math.Log(0.2)), loss, 12);
    }

    public static TheoryData<string> CrossentropyCases => new() { "cce", "cce_logits", "scce", "scce_logits", "bce", "bce_logits", "cce_smooth" };

    [Theory]
    [MemberData(nameof(CrossentropyCases))]
    public void Crossentropies_AwayFromClipping_GradientsMatchFiniteDifferences(string which)
    {
        var onehot = D([0, 1, 0, 0, 0, 0, 1, 0, 1, 0, 0, 0], 3, 4);
        var labels = D([1, 2, 0], 3);
        var binary = D([1, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0, 1], 3, 4);
        Func<Tensor, Tensor> f = which switch
        {
            "cce" => p => new CategoricalCrossentropy().Compute(onehot, p),
            "cce_logits" => p => new CategoricalCrossentropy(fromLogits: true).Compute(onehot, p),
            "cce_smooth" => p => new CategoricalCrossentropy(labelSmoothing: 0.2).Compute(onehot, p),
            "scce" => p => new SparseCategoricalCrossentropy().Compute(labels, p),
            "scce_logits" => p => new SparseCategoricalCrossentropy(fromLogits: true).Compute(labels, p),
            "bce" => p => new BinaryCrossentropy().Compute(binary, p),
            _ => p => new BinaryCrossentropy(fromLogits: true).Compute(binary, p),
        };
        bool logits = which.EndsWith("logits");
        var x = logits ? GradCheck.Random(3, -3, 3, 3, 4) : GradCheck.Random(3, 0.05, 0.95, 3, 4);
        Assert.True(GradCheck.MaxError(xs => f(xs[0]), x) < GradCheck.Tolerance);
    }
}
