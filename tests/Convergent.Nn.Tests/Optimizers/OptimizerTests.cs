using Convergent.Tensors;

namespace Convergent.Nn.Tests.Optimizers;

/// <summary>
/// Each optimizer runs three steps on f(w) = ½‖w‖² (gradient g = w) from w₀ = [1, −2, 0.5], and the test writes
/// Keras's update out in double beside it.
/// </summary>
public class OptimizerTests
{
    private static readonly double[] W0 = [1.0, -2.0, 0.5];

    // float32 runs of three steps on values of order 1: each step adds a few float ulps (≈1.2e-7 at 1) of rounding,
    // so 2e-6 separates rounding from a wrong formula (which is off by ≥1e-3 here).
    private const double FloatTolerance = 2e-6;
    // the same update run in float64 differs from the hand arithmetic only by operation order: ≈1e-16 relative
    private const double DoubleTolerance = 1e-12;

    /// <summary>Applies <paramref name="steps"/> updates, the gradient of step k (1-based) being grad(k, w).</summary>
    internal static double[] Run(Optimizer opt, double[] w0, int steps, Func<int, double[], double[]> grad, DType dtype = DType.Float32)
    {
        var v = ParameterHolder.Create(dtype, w0);
        for (int k = 1; k <= steps; k++)
        {
            var g = grad(k, v.Value.ToDoubleArray());
            var gt = Tensor.Zeros(new Shape(g.Length), dtype);
            for (int i = 0; i < g.Length; i++) gt[i] = g[i];
            v.Value.Grad = gt;
            opt.Apply([v]);
        }
        return v.Value.ToDoubleArray();
    }

    private static double[] Quadratic(int step, double[] w) => w;

    private static void AssertClose(double[] expected, double[] actual, double tolerance)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(expected[i] - actual[i]) <= tolerance, $"[{i}]: expected {expected[i]:R}, got {actual[i]:R}");
    }

    private static void AssertBothPrecisions(Func<Optimizer> make, double[] expected, Func<int, double[], double[]>? grad = null)
    {
        grad ??= Quadratic;
        AssertClose(expected, Run(make(), W0, 3, grad, DType.Float32), FloatTolerance);
        AssertClose(expected, Run(make(), W0, 3, grad, DType.Float64), DoubleTolerance);
    }

    [Fact]
    public void SGD_ThreeSteps_MatchesHandComputed()
    {
        // w ← w − 0.1·w = 0.9·w, three times
        AssertBothPrecisions(() => new SGD(0.1), W0.Select(w => w * 0.729).ToArray());
    }

    [Fact]
    public void SGD_MomentumThreeSteps_MatchesHandComputed()
    {
        var w = (double[])W0.Clone(); var v = new double[3];
        for (int t = 1; t <= 3; t++)
            for (int i = 0; i < 3; i++)
            {
                double g = w[i];
                v[i] = 0.9 * v[i] - 0.1 * g;
                w[i] += v[i];
            }
        // closed form for this problem: w₃ = 0.486·w₀
        AssertClose(W0.Select(x => 0.486 * x).ToArray(), w, 1e-15);
        AssertBothPrecisions(() => new SGD(0.1, momentum: 0.9), w);
    }

    [Fact]
    public void SGD_NesterovThreeSteps_MatchesHandComputed()
    {
        var w = (double[])W0.Clone(); var v = new double[3];
        for (int t = 1; t <= 3; t++)
            for (int i = 0; i < 3; i++)
            {
                double g = w[i];
                v[i] = 0.9 * v[i] - 0.1 * g;
                w[i] += 0.9 * v[i] - 0.1 * g;
            }
        AssertBothPrecisions(() => new SGD(0.1, momentum: 0.9, nesterov: true), w);
    }

    private static double[] AdamByHand(double lr, double b1, double b2, double eps, bool amsgrad, Func<int, double[], double[]> grad,
        double[]? w0 = null)
    {
        var w = (double[])(w0 ?? W0).Clone();
        int n = w.Length;
        var m = new double[n]; var v = new double[n]; var vHat = new double[n];
        for (int t = 1; t <= 3; t++)
        {
            var g = grad(t, (double[])w.Clone());
            double alpha = lr * Math.Sqrt(1 - Math.Pow(b2, t)) / (1 - Math.Pow(b1, t));
            for (int i = 0; i < n; i++)
            {
                m[i] += (g[i] - m[i]) * (1 - b1);
                v[i] += (g[i] * g[i] - v[i]) * (1 - b2);
                double vi = v[i];
                if (amsgrad) { vHat[i] = Math.Max(vHat[i], v[i]); vi = vHat[i]; }
                w[i] -= m[i] * alpha / (Math.Sqrt(vi) + eps);
            }
        }
        return w;
    }

    [Fact]
    public void Adam_ThreeSteps_MatchesHandComputed() =>
        AssertBothPrecisions(() => new Adam(0.1), AdamByHand(0.1, 0.9, 0.999, 1e-7, amsgrad: false, Quadratic));

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Adam_LongVector_VectorPathAndTailMatchHandComputed(bool amsgrad)
    {
        // 37 elements: several SIMD blocks of any width plus a scalar tail
        var w0 = Enumerable.Range(0, 37).Select(i => Math.Sin(i + 1) * 2).ToArray();
        double[] Grad(int t, double[] w) => t == 1 ? w.Select(x => 3 * x).ToArray() : w.Select(x => 0.1 * x).ToArray();
        var expected = AdamByHand(0.05, 0.9, 0.999, 1e-7, amsgrad, Grad, w0);
        AssertClose(expected, Run(new Adam(0.05, amsgrad: amsgrad), w0, 3, Grad, DType.Float32), FloatTolerance);
        AssertClose(expected, Run(new Adam(0.05, amsgrad: amsgrad), w0, 3, Grad, DType.Float64), DoubleTolerance);
    }

    [Fact]
    public void Adam_FirstStep_MovesEachCoordinateByLearningRate()
    {
        // t = 1: m = 0.1·g, v = 0.001·g², α = lr·√0.001/0.1, so Δw = −lr·g/(|g| + ε/√0.001) ≈ −lr·sign(g)
        var w = Run(new Adam(0.1), W0, 1, Quadratic, DType.Float64);
        AssertClose(W0.Select(x => x - 0.1 * Math.Sign(x)).ToArray(), w, 1e-5);
    }

    [Fact]
    public void Adam_AmsgradWithShrinkingGradients_MatchesHandComputedAndDiffersFromAdam()
    {
        // a large first gradient then small ones: v decreases, so v̂ = max(v̂, v) keeps the first value
        double[] Grad(int t, double[] w) => t == 1 ? [1.0, -1.0, 2.0] : [0.01, 0.01, -0.01];
        var amsgrad = AdamByHand(0.1, 0.9, 0.999, 1e-7, amsgrad: true, Grad);
        var plain = AdamByHand(0.1, 0.9, 0.999, 1e-7, amsgrad: false, Grad);
        Assert.True(Math.Abs(amsgrad[0] - plain[0]) > 1e-6);
        AssertBothPrecisions(() => new Adam(0.1, amsgrad: true), amsgrad, Grad);
    }

    [Fact]
    public void AdamW_ThreeSteps_DecaysThenAdamSteps()
    {
        double lr = 0.1, wd = 0.004;
        var w = (double[])W0.Clone(); var m = new double[3]; var v = new double[3];
        for (int t = 1; t <= 3; t++)
        {
            var g = (double[])w.Clone();                       // the gradient is taken before the decay
            double alpha = lr * Math.Sqrt(1 - Math.Pow(0.999, t)) / (1 - Math.Pow(0.9, t));
            for (int i = 0; i < 3; i++)
            {
                w[i] -= w[i] * wd * lr;                        // Keras _apply_weight_decay: w − w·wd·lr
                m[i] += (g[i] - m[i]) * 0.1;
                v[i] += (g[i] * g[i] - v[i]) * 0.001;
                w[i] -= m[i] * alpha / (Math.Sqrt(v[i]) + 1e-7);
            }
        }
        AssertBothPrecisions(() => new AdamW(lr), w);
        Assert.Equal("adamw", new AdamW().KerasName);
        Assert.Equal(0.004, new AdamW().WeightDecay);
    }

    [Fact]
    public void RMSprop_ThreeSteps_MatchesHandComputed()
    {
        double lr = 0.01, rho = 0.9, eps = 1e-7;
        var w = (double[])W0.Clone(); var v = new double[3];
        for (int t = 1; t <= 3; t++)
            for (int i = 0; i < 3; i++)
            {
                double g = w[i];
                v[i] = rho * v[i] + (1 - rho) * g * g;
                w[i] -= lr * g / Math.Sqrt(v[i] + eps);
            }
        AssertBothPrecisions(() => new RMSprop(lr), w);
    }

    [Fact]
    public void RMSprop_CenteredWithMomentum_MatchesHandComputed()
    {
        double lr = 0.01, rho = 0.9, mu = 0.5, eps = 1e-7;
        var w = (double[])W0.Clone(); var v = new double[3]; var avg = new double[3]; var m = new double[3];
        for (int t = 1; t <= 3; t++)
            for (int i = 0; i < 3; i++)
            {
                double g = w[i];
                v[i] = rho * v[i] + (1 - rho) * g * g;
                avg[i] = rho * avg[i] + (1 - rho) * g;
                double increment = lr * g / Math.Sqrt(v[i] - avg[i] * avg[i] + eps);
                m[i] = mu * m[i] + increment;
                w[i] -= m[i];
            }
        AssertBothPrecisions(() => new RMSprop(lr, momentum: mu, centered: true), w);
    }

    [Fact]
    public void Adagrad_ThreeSteps_MatchesHandComputed()
    {
        double lr = 0.1, eps = 1e-7;
        var w = (double[])W0.Clone(); var a = new double[] { 0.1, 0.1, 0.1 };
        for (int t = 1; t <= 3; t++)
            for (int i = 0; i < 3; i++)
            {
                double g = w[i];
                a[i] += g * g;
                w[i] -= lr * g / Math.Sqrt(a[i] + eps);
            }
        AssertBothPrecisions(() => new Adagrad(lr), w);
    }

    [Fact]
    public void Adadelta_ThreeSteps_MatchesHandComputed()
    {
        double lr = 1.0, rho = 0.95, eps = 1e-7;
        var w = (double[])W0.Clone(); var eg = new double[3]; var ed = new double[3];
        for (int t = 1; t <= 3; t++)
            for (int i = 0; i < 3; i++)
            {
                double g = w[i];
                eg[i] = rho * eg[i] + (1 - rho) * g * g;
                double delta = -Math.Sqrt(ed[i] + eps) * g / Math.Sqrt(eg[i] + eps);
                ed[i] = rho * ed[i] + (1 - rho) * delta * delta;
                w[i] += lr * delta;
            }
        AssertBothPrecisions(() => new Adadelta(lr), w);
    }

    [Fact]
    public void Adamax_ThreeSteps_MatchesHandComputed()
    {
        double lr = 0.1, b1 = 0.9, b2 = 0.999, eps = 1e-7;
        var w = (double[])W0.Clone(); var m = new double[3]; var u = new double[3];
        for (int t = 1; t <= 3; t++)
            for (int i = 0; i < 3; i++)
            {
                double g = w[i];
                m[i] += (g - m[i]) * (1 - b1);
                u[i] = Math.Max(b2 * u[i], Math.Abs(g));
                w[i] -= lr * m[i] / ((1 - Math.Pow(b1, t)) * (u[i] + eps));
            }
        AssertBothPrecisions(() => new Adamax(lr), w);
    }

    [Fact]
    public void Nadam_ThreeSteps_MatchesHandComputed()
    {
        double lr = 0.1, b1 = 0.9, b2 = 0.999, eps = 1e-7;
        double Mu(int t) => b1 * (1 - 0.5 * Math.Pow(0.96, t));
        var w = (double[])W0.Clone(); var m = new double[3]; var v = new double[3];
        double product = 1;
        for (int t = 1; t <= 3; t++)
        {
            product *= Mu(t);                                   // Keras updates u_product before the variables
            double productNext = product * Mu(t + 1);
            for (int i = 0; i < 3; i++)
            {
                double g = w[i];
                m[i] += (g - m[i]) * (1 - b1);
                v[i] += (g * g - v[i]) * (1 - b2);
                double mHat = Mu(t + 1) * m[i] / (1 - productNext) + (1 - Mu(t)) * g / (1 - product);
                double vHat = v[i] / (1 - Math.Pow(b2, t));
                w[i] -= mHat * lr / (Math.Sqrt(vHat) + eps);
            }
        }
        AssertBothPrecisions(() => new Nadam(lr), w);
    }

    public static TheoryData<string> AllOptimizers => new() { "sgd", "nesterov", "adam", "amsgrad", "rmsprop", "rmsprop_centered", "adagrad", "adadelta", "adamax", "nadam" };

    private static Optimizer Make(string name) => name switch
    {
        "sgd" => new SGD(0.1),
        "nesterov" => new SGD(0.1, momentum: 0.9, nesterov: true),
        "adam" => new Adam(0.05),
        "amsgrad" => new Adam(0.05, amsgrad: true),
        "rmsprop" => new RMSprop(0.01),
        "rmsprop_centered" => new RMSprop(0.01, momentum: 0.5, centered: true),
        "adagrad" => new Adagrad(0.1),
        "adadelta" => new Adadelta(1.0),
        "adamax" => new Adamax(0.1),
        _ => new Nadam(0.05),
    };

    [Theory]
    [MemberData(nameof(AllOptimizers))]
    public void Optimizer_LongVector_EachElementMatchesItsOwnOneElementRun(string name)
    {
        // 37 elements go through SIMD blocks and a scalar tail; a 1-element run takes the scalar path only.
        // Updates are elementwise, so both must agree (to float rounding: the two paths order nothing differently).
        var w0 = Enumerable.Range(0, 37).Select(i => Math.Sin(i + 1) * 2).ToArray();
        double[] Grad(int t, double[] w) => w.Select(x => t == 1 ? 3 * x : 0.1 * x).ToArray();
        var all = Run(Make(name), w0, 3, Grad);
        for (int i = 0; i < w0.Length; i++)
            Assert.Equal(Run(Make(name), [w0[i]], 3, Grad)[0], all[i], 1e-6);
    }

    [Fact]
    public void ClipNorm_GradientNormFive_ScaledToOne()
    {
        // g = [3, 4] (norm 5) → [0.6, 0.8]; SGD with lr 1
        var w = Run(new SGD(1.0, clipNorm: 1.0), [0, 0], 1, (_, _) => [3, 4], DType.Float64);
        AssertClose([-0.6, -0.8], w, 1e-15);
    }

    [Fact]
    public void ClipValue_LargeComponents_ClippedElementwise()
    {
        var w = Run(new SGD(1.0, clipValue: 0.5), [0, 0, 0], 1, (_, _) => [3, -0.2, -7], DType.Float64);
        AssertClose([-0.5, 0.2, 0.5], w, 1e-15);
    }

    [Fact]
    public void GlobalClipNorm_TwoVariables_ScaledTogether()
    {
        // ‖[3, 0, 0, 4]‖ = 5 → every gradient × 1/5
        var a = ParameterHolder.Create(DType.Float64, 0, 0);
        var b = ParameterHolder.Create(DType.Float64, 0, 0);
        a.Value.Grad = Tensor.FromArray(new double[] { 3, 0 }, 2);
        b.Value.Grad = Tensor.FromArray(new double[] { 0, 4 }, 2);
        new SGD(1.0, globalClipNorm: 1.0).Apply([a, b]);
        AssertClose([-0.6, 0], a.Value.ToDoubleArray(), 1e-15);
        AssertClose([0, -0.8], b.Value.ToDoubleArray(), 1e-15);
    }

    [Fact]
    public void WeightDecay_ZeroGradient_ShrinksByLearningRateTimesDecay()
    {
        // w ← w − w·wd·lr = w·(1 − 0.05) per step
        var w = Run(new SGD(0.1, weightDecay: 0.5), W0, 2, (_, _) => [0, 0, 0], DType.Float64);
        AssertClose(W0.Select(x => x * 0.95 * 0.95).ToArray(), w, 1e-15);
    }

    [Fact]
    public void Optimizer_TwoClipOptions_Throws() =>
        Assert.Throws<ArgumentException>(() => new Adam(clipNorm: 1, clipValue: 1));

    [Fact]
    public void Optimizers_KerasDefaults_MatchKeras3()
    {
        Assert.Equal(0.01, new SGD().LearningRate);
        var adam = new Adam();
        Assert.Equal((0.001, 0.9, 0.999, 1e-7, false), (adam.LearningRate, adam.Beta1, adam.Beta2, adam.Epsilon, adam.Amsgrad));
        var rms = new RMSprop();
        Assert.Equal((0.001, 0.9, 0.0, 1e-7, false), (rms.LearningRate, rms.Rho, rms.Momentum, rms.Epsilon, rms.Centered));
        Assert.Equal(0.1, new Adagrad().InitialAccumulatorValue);
        Assert.Equal(0.95, new Adadelta().Rho);
        Assert.Equal("nadam", new Nadam().KerasName);
        Assert.Equal(0.9, new Adam().GetConfig()["beta_1"]);
    }

    [Theory]
    [MemberData(nameof(AllOptimizers))]
    public void Optimizer_LargeVariable_ChunkedUpdateEqualsElementwiseUpdate(string name)
    {
        // a weight of ≥ 64K elements is updated in parallel chunks; every update is elementwise, so each element must
        // end where a small weight holding just its values ends (windows at the start, around the middle — where two
        // chunks meet — and at the odd end; as above, SIMD blocks and scalar tails agree to float rounding)
        const int n = 100_003;
        var rng = new Random(4);
        var w0 = new double[n];
        for (int i = 0; i < n; i++) w0[i] = (float)(rng.NextDouble() * 4 - 2);
        static double[] Grad(int k, double[] w) => w.Select(v => v * k - 0.3).ToArray();
        var big = Run(Make(name), w0, 3, Grad);
        foreach (int start in new[] { 0, n / 2 - 40, n - 37 })
        {
            var window = w0[start..Math.Min(n, start + 80)];
            var small = Run(Make(name), window, 3, Grad);
            for (int i = 0; i < window.Length; i++) Assert.Equal(small[i], big[start + i], 1e-6);
        }
    }

    [Fact]
    public void Optimizer_Iterations_CountsSteps()
    {
        var opt = new Adam();
        Run(opt, W0, 3, Quadratic);
        Assert.Equal(3, opt.Iterations);
    }
}
