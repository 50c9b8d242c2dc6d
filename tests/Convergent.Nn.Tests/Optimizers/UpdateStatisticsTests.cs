using Convergent.Tensors;

namespace Convergent.Nn.Tests.Optimizers;

/// <summary>
/// Apply(trackUpdates: true) reports ‖Δw‖ and ‖w‖: a weight of up to 256 elements from a copy compared after the step,
/// a longer one from sums the fused kernels keep in the update pass. Each case runs three steps on random weights and
/// gradients and compares with the same quantities computed naively in double from a copy of the weights taken before
/// the step — for every optimizer and its variants, with weight decay, each clipping option and a constraint (the copy
/// path), on short weights (3; 37 = vector body + scalar tail), on one of two statistics blocks in one chunk, and on one
/// long enough to be updated in parallel chunks of several blocks. It also reports Σg², Σ|g| and the non-finite count of
/// each raw gradient (before any clipping): compared with the gradient copied before the step.
/// </summary>
public class UpdateStatisticsTests
{
    // float32: each lane of a kernel's sums adds at most StatisticsBlock / lanes = 512 (AVX2) terms in float before the
    // block total moves to double; the rounding of such sums stays below ~1e-5 relative (6e-8 per add, in practice
    // far less as errors cancel). Δw itself is w′ − w in float: exact to one rounding of w′ (≤ 6e-8 relative of w,
    // tiny next to an update ≥ 1e-4·w here). A wrong formula (e.g. weight decay left out) is off by ≥ 1e-2.
    private const double FloatTolerance = 2e-5;
    // float64 sums: the same order argument gives ~1e-13
    private const double DoubleTolerance = 1e-10;

    public static TheoryData<string> Cases() => new(OptimizerCases.Keys);

    private static readonly Dictionary<string, Func<Optimizer>> OptimizerCases = new()
    {
        ["sgd"] = () => new SGD(0.05),
        ["sgd_momentum"] = () => new SGD(0.05, momentum: 0.9),
        ["sgd_nesterov"] = () => new SGD(0.05, momentum: 0.9, nesterov: true),
        ["sgd_weight_decay"] = () => new SGD(0.05, momentum: 0.9, weightDecay: 0.1),
        ["sgd_clipvalue"] = () => new SGD(0.05, clipValue: 0.5),
        ["adam"] = () => new Adam(0.01),
        ["adam_amsgrad_clipnorm"] = () => new Adam(0.01, amsgrad: true, clipNorm: 1.0),
        ["adamw"] = () => new AdamW(0.01, weightDecay: 0.2),
        ["adamw_global_clipnorm"] = () => new AdamW(0.01, weightDecay: 0.05, globalClipNorm: 0.5),
        ["rmsprop"] = () => new RMSprop(0.01),
        ["rmsprop_centered_momentum"] = () => new RMSprop(0.01, momentum: 0.5, centered: true),
        ["rmsprop_weight_decay_clipvalue"] = () => new RMSprop(0.01, weightDecay: 0.1, clipValue: 0.3),
        ["adagrad"] = () => new Adagrad(0.05),
        ["adagrad_weight_decay"] = () => new Adagrad(0.05, weightDecay: 0.3),
        ["adadelta"] = () => new Adadelta(1.0, rho: 0.95),
        ["adadelta_clipnorm"] = () => new Adadelta(1.0, clipNorm: 0.5),
        ["adamax"] = () => new Adamax(0.01),
        ["adamax_weight_decay"] = () => new Adamax(0.01, weightDecay: 0.1),
        ["nadam"] = () => new Nadam(0.01),
        ["nadam_global_clipnorm"] = () => new Nadam(0.01, globalClipNorm: 2.0),
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void TrackedUpdate_Float32_MatchesNaiveDouble(string name)
    {
        // ≤ 256 elements: copied and compared (37: vector body + scalar tail; each case also has a 3-element weight)
        Check(OptimizerCases[name], DType.Float32, 37, FloatTolerance);
        // one chunk, two 4096-element statistics blocks of the fused kernel's sums
        Check(OptimizerCases[name], DType.Float32, 5_003, FloatTolerance);
        // > 64K elements: parallel chunks, each of several 4096-element blocks, the last one with a tail
        Check(OptimizerCases[name], DType.Float32, 70_001, FloatTolerance);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void TrackedUpdate_Float64_MatchesNaiveDouble(string name)
    {
        Check(OptimizerCases[name], DType.Float64, 37, DoubleTolerance);
        Check(OptimizerCases[name], DType.Float64, 5_003, DoubleTolerance);
        Check(OptimizerCases[name], DType.Float64, 70_001, DoubleTolerance);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void TrackedUpdate_SameWeightsAsUntracked(string name)
    {
        // the statistics must not change the update: the same steps with and without tracking give identical weights
        foreach (int length in new[] { 37, 5_003 }) SameWeights(name, length);
    }

    private static void SameWeights(string name, int length)
    {
        var a = Variables(DType.Float32, length, seed: 7);
        var b = Variables(DType.Float32, length, seed: 7);
        var oa = OptimizerCases[name](); var ob = OptimizerCases[name]();
        for (int step = 0; step < 3; step++)
        {
            SetGradients(a, step); SetGradients(b, step);
            oa.Apply(a, trackUpdates: true);
            ob.Apply(b, trackUpdates: false);
        }
        for (int k = 0; k < a.Length; k++) Assert.Equal(b[k].Value.ToDoubleArray(), a[k].Value.ToDoubleArray());
    }

    [Theory]
    [InlineData(5)]     // a 15-element kernel: the small-weight path (copy, plain step, compare)
    [InlineData(120)]   // a 360-element kernel: the copy path of a large weight
    public void TrackedUpdate_WithConstraint_MatchesNaiveDouble(int inputs)
    {
        // MaxNorm rescales the kernel after the kernel's pass: ‖Δw‖ then comes from a copy of the old values
        var layer = new Dense(3, kernelConstraint: new MaxNorm(0.5));
        layer.Build(new Shape(inputs));
        var rng = new Random(3);
        var vars = layer.TrainableWeights.ToArray();
        foreach (var v in vars) for (int i = 0; i < v.Value.Size; i++) v.Value[i] = 2 * rng.NextDouble() - 1;
        var opt = new Adam(0.1, weightDecay: 0.1);
        for (int step = 0; step < 3; step++)
        {
            SetGradients(vars, step);
            var before = vars.Select(v => v.Value.ToDoubleArray()).ToArray();
            var raw = vars.Select(v => v.Gradient!.ToDoubleArray()).ToArray();
            var updates = opt.Apply(vars, trackUpdates: true);
            AssertMatches(vars, before, raw, updates, FloatTolerance);
        }
    }

    [Fact]
    public void UntrackedApply_ReturnsNoUpdates()
    {
        var vars = Variables(DType.Float32, 10, seed: 1);
        SetGradients(vars, 0);
        Assert.Empty(new Adam().Apply(vars));
    }

    private static void Check(Func<Optimizer> make, DType dtype, int length, double tolerance)
    {
        var vars = Variables(dtype, length, seed: length);
        var opt = make();
        for (int step = 0; step < 3; step++)
        {
            SetGradients(vars, step);
            var before = vars.Select(v => v.Value.ToDoubleArray()).ToArray();
            var raw = vars.Select(v => v.Gradient!.ToDoubleArray()).ToArray();
            var updates = opt.Apply(vars, trackUpdates: true);
            AssertMatches(vars, before, raw, updates, tolerance);
        }
    }

    private static void AssertMatches(Variable[] vars, double[][] before, double[][] rawGradients, IReadOnlyList<VariableUpdate> updates, double tolerance)
    {
        Assert.Equal(vars.Length, updates.Count);
        for (int k = 0; k < vars.Length; k++)
        {
            Assert.Same(vars[k], updates[k].Variable);
            var after = vars[k].Value.ToDoubleArray();
            double dd = 0, ww = 0;
            for (int i = 0; i < after.Length; i++) { double d = after[i] - before[k][i]; dd += d * d; ww += after[i] * after[i]; }
            double update = Math.Sqrt(dd), weight = Math.Sqrt(ww);
            Assert.True(update > 0, "the case must move the weights");
            Assert.True(Math.Abs(updates[k].UpdateNorm - update) <= tolerance * update,
                $"{vars[k].Name}: ‖Δw‖ {updates[k].UpdateNorm:R}, naive {update:R}");
            Assert.True(Math.Abs(updates[k].WeightNorm - weight) <= tolerance * weight,
                $"{vars[k].Name}: ‖w‖ {updates[k].WeightNorm:R}, naive {weight:R}");
            // the raw gradient's statistics (clipping happens after they are taken)
            var g = updates[k].Gradient ?? throw new Xunit.Sdk.XunitException($"{vars[k].Name}: no gradient statistics");
            double gq = rawGradients[k].Sum(x => x * x), ga = rawGradients[k].Sum(Math.Abs);
            Assert.True(Math.Abs(g.SumOfSquares - gq) <= tolerance * gq, $"{vars[k].Name}: Σg² {g.SumOfSquares:R}, naive {gq:R}");
            Assert.True(Math.Abs(g.SumOfMagnitudes - ga) <= tolerance * ga, $"{vars[k].Name}: Σ|g| {g.SumOfMagnitudes:R}, naive {ga:R}");
            Assert.Equal(0, g.NonFinite);
        }
    }

    [Theory]
    [InlineData("sgd", 3)]
    [InlineData("sgd", 37)]
    [InlineData("sgd", 5_003)]
    [InlineData("adam_amsgrad_clipnorm", 37)]
    [InlineData("sgd_clipvalue", 5_003)]
    public void TrackedUpdate_NonFiniteGradient_CountedAndLeftOutOfTheSums(string name, int length)
    {
        // a NaN and a −∞ in the gradient: the small weight's fused sums become NaN, so the entries are counted one by one
        var vars = Variables(DType.Float32, length, seed: 5);
        SetGradients(vars, 0);
        var g = vars[0].Gradient!;
        g[length / 2] = double.NaN;
        g[length - 1] = double.NegativeInfinity;
        var finite = g.ToDoubleArray().Where(double.IsFinite).ToArray();
        var stats = OptimizerCases[name]().Apply(vars, trackUpdates: true).Gradients[0];
        Assert.Equal(2, stats.NonFinite);
        Assert.Equal(finite.Sum(x => x * x), stats.SumOfSquares, 1e-4);
        Assert.Equal(finite.Sum(Math.Abs), stats.SumOfMagnitudes, 1e-4);
        Assert.True(stats.Measured);
    }

    [Fact]
    public void GradientStatistics_OfTensor_MatchesNaive()
    {
        // one block, two blocks with a NaN in the second, and float64
        foreach (var (n, dtype) in new[] { (37, DType.Float32), (9_000, DType.Float32), (41, DType.Float64) })
        {
            var rng = new Random(n);
            var t = Tensor.Zeros(new Shape(n), dtype);
            for (int i = 0; i < n; i++) t[i] = 4 * rng.NextDouble() - 2;
            if (n > 4096) t[5000] = double.NaN;
            var values = t.ToDoubleArray().Where(double.IsFinite).ToArray();
            var s = GradientStatistics.Of(t);
            Assert.Equal(values.Sum(x => x * x), s.SumOfSquares, 1e-6 * n);
            Assert.Equal(values.Sum(Math.Abs), s.SumOfMagnitudes, 1e-6 * n);
            Assert.Equal(n - values.Length, s.NonFinite);
            Assert.Equal(Math.Sqrt(s.SumOfSquares), s.Norm);
        }
        Assert.False(GradientStatistics.NotMeasured.Measured);
    }

    /// <summary>Two weights (a long one and a 3-element one) with values uniform in [−1, 1).</summary>
    private static Variable[] Variables(DType dtype, int length, int seed)
    {
        var rng = new Random(seed);
        Variable Make(int n) => ParameterHolder.Create(dtype, Enumerable.Range(0, n).Select(_ => 2 * rng.NextDouble() - 1).ToArray());
        return [Make(length), Make(3)];
    }

    /// <summary>Gradients of a fixed random pattern that changes with the step (so slots differ from step to step).</summary>
    private static void SetGradients(Variable[] vars, int step)
    {
        var rng = new Random(100 + step);
        foreach (var v in vars)
        {
            var g = Tensor.Zeros(v.Shape, v.Value.DType);
            for (int i = 0; i < g.Size; i++) g[i] = 2 * rng.NextDouble() - 1;
            v.Value.Grad = g;
        }
    }
}
