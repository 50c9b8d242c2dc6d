using Convergent.Tensors;

namespace Convergent.Nn.Tests;

public class InitializerTests
{
    // Samples from a 400×300 weight: n = 120,000. The sample variance's relative standard error is √((κ − 1)/n),
    // κ the kurtosis: 3 for a normal (0.41 %), ≈ 2.4 for a normal truncated at 2σ, 1.8 for a uniform. A 3 % band is
    // more than 7 standard errors for all of them. The mean's standard error is σ/√n; 6 of those bound it.
    private const int Rows = 400, Cols = 300, N = Rows * Cols;
    private const double VarianceTolerance = 0.03;

    private static double[] Draw(Initializer init, int seed = 11) =>
        init.Create(new Shape(Rows, Cols), DType.Float64, new Random(seed)).ToDoubleArray();

    private static void AssertMoments(double[] w, double mean, double variance)
    {
        double m = w.Average(), v = w.Select(x => (x - m) * (x - m)).Average();
        Assert.True(Math.Abs(m - mean) < 6 * Math.Sqrt(variance / N), $"mean {m}, expected {mean}");
        Assert.True(Math.Abs(v / variance - 1) < VarianceTolerance, $"variance {v}, expected {variance}");
    }

    public static TheoryData<string, double, double> VarianceScalingCases => new()
    {
        // name, expected variance, bound on |w| (∞ for normals)
        { "glorot_uniform", 2.0 / (Rows + Cols), Math.Sqrt(6.0 / (Rows + Cols)) },
        { "glorot_normal", 2.0 / (Rows + Cols), 2 * Math.Sqrt(2.0 / (Rows + Cols)) / VarianceScaling.TruncatedStddevCorrection },
        { "he_normal", 2.0 / Rows, 2 * Math.Sqrt(2.0 / Rows) / VarianceScaling.TruncatedStddevCorrection },
        { "he_uniform", 2.0 / Rows, Math.Sqrt(6.0 / Rows) },
        { "lecun_normal", 1.0 / Rows, 2 * Math.Sqrt(1.0 / Rows) / VarianceScaling.TruncatedStddevCorrection },
        { "lecun_uniform", 1.0 / Rows, Math.Sqrt(3.0 / Rows) },
    };

    private static Initializer Named(string name) => name switch
    {
        "glorot_uniform" => new GlorotUniform(),
        "glorot_normal" => new GlorotNormal(),
        "he_normal" => new HeNormal(),
        "he_uniform" => new HeUniform(),
        "lecun_normal" => new LecunNormal(),
        "lecun_uniform" => new LecunUniform(),
        _ => throw new ArgumentException(name),
    };

    [Theory]
    [MemberData(nameof(VarianceScalingCases))]
    public void VarianceScalingFamily_LargeTensor_HasFormulaVarianceAndBounds(string name, double variance, double bound)
    {
        var w = Draw(Named(name));
        AssertMoments(w, 0, variance);
        Assert.True(w.Max(Math.Abs) <= bound, $"max |w| {w.Max(Math.Abs)} exceeds {bound}");
    }

    [Fact]
    public void VarianceScaling_ConvKernelFanOut_UsesReceptiveField()
    {
        // (3, 3, 16, 32): fan_out = 32·9 = 288, so Var = 2/288 with scale 2
        var shape = new Shape(3, 3, 16, 32);
        Assert.Equal((144.0, 288.0), Initializer.ComputeFans(shape));
        var init = new VarianceScaling(2.0, FanMode.FanOut, VarianceDistribution.UntruncatedNormal);
        Assert.Equal(2.0 / 288, init.TargetVariance(shape), 15);
    }

    [Fact]
    public void VarianceScaling_NonPositiveScale_NamesArgument()
    {
        Assert.Contains("scale=0", Assert.Throws<ArgumentException>(() => new VarianceScaling(0)).Message);
    }

    [Fact]
    public void RandomNormal_Defaults_Mean0Stddev005()
    {
        AssertMoments(Draw(new RandomNormal()), 0, 0.0025);
        AssertMoments(Draw(new RandomNormal(mean: 1, stddev: 0.5)), 1, 0.25);
    }

    [Fact]
    public void RandomUniform_Defaults_WithinPlusMinus005()
    {
        var w = Draw(new RandomUniform());
        AssertMoments(w, 0, 0.1 * 0.1 / 12);   // a uniform on [a, b] has variance (b − a)²/12
        Assert.True(w.All(v => v >= -0.05 && v < 0.05));
    }

    [Fact]
    public void TruncatedNormal_Defaults_CutAtTwoStddevWithReducedVariance()
    {
        // variance of N(0, σ²) conditioned on |x| ≤ 2σ: σ²·(1 − 4φ(2)/(2Φ(2) − 1)) = σ²·0.87962566²
        var w = Draw(new TruncatedNormal());
        AssertMoments(w, 0, 0.0025 * VarianceScaling.TruncatedStddevCorrection * VarianceScaling.TruncatedStddevCorrection);
        Assert.True(w.All(v => Math.Abs(v) <= 0.1));
    }

    [Fact]
    public void ConstantFamily_FillsValue()
    {
        Assert.All(Draw(new Zeros()), v => Assert.Equal(0, v));
        Assert.All(Draw(new Ones()), v => Assert.Equal(1, v));
        Assert.All(Draw(new Constant(0.3)), v => Assert.Equal(0.3, v));
    }

    [Theory]
    [InlineData(new[] { 400, 300 }, 1.0)]
    [InlineData(new[] { 3, 3, 4, 8 }, 1.0)]
    [InlineData(new[] { 5, 10 }, 2.0)]
    public void Orthogonal_AnyShape_HasOrthonormalRowsOrColumns(int[] dims, double gain)
    {
        var shape = new Shape(dims);
        var w = new Orthogonal(gain).Create(shape, DType.Float64, new Random(2)).ToDoubleArray();
        int cols = dims[^1], rows = shape.Size / cols;
        bool tall = rows >= cols;
        int k = Math.Min(rows, cols), len = Math.Max(rows, cols);
        // Gram matrix of the shorter side: WᵀW (tall) or WWᵀ (wide) = gain²·I
        for (int a = 0; a < k; a++)
            for (int b = 0; b < k; b++)
            {
                double dot = 0;
                for (int i = 0; i < len; i++)
                    dot += tall ? w[i * cols + a] * w[i * cols + b] : w[a * cols + i] * w[b * cols + i];
                Assert.Equal(a == b ? gain * gain : 0, dot, 10);
            }
    }

    [Fact]
    public void Orthogonal_Rank1_Throws()
    {
        Assert.Throws<ArgumentException>(() => new Orthogonal().Create(new Shape(5), DType.Float32, new Random(1)));
    }

    [Fact]
    public void Initializers_SameSeed_SameValues_DifferentSeed_Different()
    {
        foreach (var init in new Initializer[] { new GlorotUniform(), new HeNormal(), new RandomNormal(), new Orthogonal(), new TruncatedNormal() })
        {
            Assert.Equal(Draw(init, 5), Draw(init, 5));
            Assert.NotEqual(Draw(init, 5), Draw(init, 6));
        }
    }

    [Fact]
    public void Initializer_OwnSeed_RepeatsRegardlessOfStream()
    {
        var init = new GlorotUniform(seed: 9);
        Assert.Equal(Draw(init, 1), Draw(init, 2));
        Assert.Equal(9, init.GetConfig()["seed"]);
    }

    [Fact]
    public void Initializer_Float32_MatchesFloat64Draws()
    {
        var a = new HeUniform().Create(new Shape(20, 10), DType.Float32, new Random(4)).ToDoubleArray();
        var b = new HeUniform().Create(new Shape(20, 10), DType.Float64, new Random(4)).ToDoubleArray();
        for (int i = 0; i < a.Length; i++) Assert.Equal(b[i], a[i], 1e-7);   // float rounding: ≤ 6e-8 relative
    }
}
