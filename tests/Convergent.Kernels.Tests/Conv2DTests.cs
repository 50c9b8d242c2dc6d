using System.Numerics;
using System.Runtime.InteropServices;

namespace Convergent.Kernels.Tests;

// Shape letters: N batch, H/W input height/width, C input channels, K output channels, KH/KW kernel size,
// OH/OW output size. The twins below work on an explicitly zero-padded (N, Hp, Wp, C) copy of x, a different
// route from the kernels' im2col + GEMM, so a shared indexing mistake cannot hide.

[Collection(ParallelismCollection.Name)] // the determinism test pins MaxThreads
public sealed class Conv2DTests
{
    // A convolution output is a dot product of length L (KH·KW·C forward, KH·KW·K for dx, N·OH·OW for dK).
    // Higham's bound |fl(Σ) − Σ| ≤ γ_L Σ|terms|, γ_L ≈ L·eps/2, with 2× slack; Σ|terms| is computed exactly
    // by running the double twin on |x| and |w|.
    private const double BoundSlack = 2.0;

    // Central differences of a loss that is linear in the perturbed input are exact in real arithmetic, so
    // the only error is cancellation: ≈ eps·|L|/h with h = 1e-3 → ~1e-13·|L|. 1e-8 relative leaves ample room
    // while any indexing error shows up as O(1).
    private const double FiniteDifferenceStep = 1e-3;
    private const double FiniteDifferenceRelativeTolerance = 1e-8;

    /// <summary>Each case is "N H W C K KH KW SH SW DH DW padding", spelled out so a failing case reads in the test name.</summary>
    public static TheoryData<string, bool> Cases()
    {
        var data = new TheoryData<string, bool>();
        foreach (bool channelsLast in new[] { true, false })
        {
            data.Add("2 7 9 3 4 3 3 1 1 1 1 same", channelsLast);
            data.Add("1 8 6 2 5 3 2 2 1 1 1 same", channelsLast);      // stride on one axis, even kernel width
            data.Add("2 9 9 3 2 3 3 2 2 2 2 valid", channelsLast);     // stride and dilation together
            data.Add("3 5 5 1 3 5 5 1 1 1 1 valid", channelsLast);     // kernel as large as the image
            data.Add("1 6 7 4 3 1 1 1 1 1 1 valid", channelsLast);     // 1×1, the im2col-free path
            data.Add("2 6 7 4 3 1 1 2 2 1 1 same", channelsLast);      // 1×1 strided
            data.Add("2 11 10 3 6 4 3 3 2 1 2 same", channelsLast);    // stride > kernel extent on H
            data.Add("1 3 3 2 2 5 5 1 1 1 1 same", channelsLast);      // kernel larger than the input, all padding
            data.Add("2 13 12 5 7 3 5 2 3 2 1 valid", channelsLast);
            data.Add("2 12 12 19 37 3 3 1 1 1 1 same", channelsLast);  // odd channel counts past a SIMD width
        }
        return data;
    }

    private static Conv2DGeometry Parse(string spec, bool channelsLast)
    {
        var p = spec.Split(' ');
        int I(int i) => int.Parse(p[i], System.Globalization.CultureInfo.InvariantCulture);
        return Conv2DGeometry.Create(I(0), I(1), I(2), I(3), I(4), I(5), I(6), I(7), I(8), I(9), I(10), p[11] == "same", channelsLast);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Forward_Float_MatchesDirectTwin(string spec, bool channelsLast) =>
        CheckForward(Parse(spec, channelsLast), seed: spec.Length * 31 + (channelsLast ? 1 : 0));

    [Theory]
    [MemberData(nameof(Cases))]
    public void BackwardInput_Float_MatchesDirectTwin(string spec, bool channelsLast) =>
        CheckBackwardInput(Parse(spec, channelsLast), seed: spec.Length * 37 + (channelsLast ? 1 : 0));

    [Theory]
    [MemberData(nameof(Cases))]
    public void BackwardKernel_Float_MatchesDirectTwin(string spec, bool channelsLast) =>
        CheckBackwardKernel(Parse(spec, channelsLast), seed: spec.Length * 41 + (channelsLast ? 1 : 0));

    [Theory]
    [InlineData(true, 32, 40, 5, true)]
    [InlineData(false, 32, 40, 5, true)]
    [InlineData(true, 32, 64, 3, false)]
    [InlineData(false, 3, 32, 5, true)]
    public void AllDirections_TrainingSizedLayer_MatchDirectTwin(bool channelsLast, int c, int k, int kernel, bool same)
    {
        // Big enough in C·KH·KW (800 > one 384-deep K block) and K (40: a full and a partial tile) to run the
        // blocked, packed GEMM paths rather than the small-matrix one; small enough in pixels to keep the twins quick.
        var g = Conv2DGeometry.Create(2, 9, 11, c, k, kernel, kernel, 1, 1, 1, 1, same, channelsLast);
        CheckForward(g, seed: 1);
        CheckBackwardInput(g, seed: 2);
        CheckBackwardKernel(g, seed: 3);
    }

    [Theory]
    [InlineData(true, true)]
    [InlineData(false, true)]
    [InlineData(true, false)]
    [InlineData(false, false)]
    public void Backward_Double_MatchesCentralDifferences(bool channelsLast, bool same)
    {
        var g = Conv2DGeometry.Create(2, 7, 6, 3, 4, 3, 2, 2, 1, 1, 2, same, channelsLast);
        var rng = new Random(channelsLast ? 17 : 18);
        var x = Random<double>(rng, g.InputLength);
        var kernel = Random<double>(rng, g.KernelLength);
        var r = Random<double>(rng, g.OutputLength);

        // Backward accumulates, so start from non-zero gradients and subtract them afterwards.
        var dx0 = Random<double>(rng, g.InputLength);
        var dk0 = Random<double>(rng, g.KernelLength);
        var dx = (double[])dx0.Clone();
        var dk = (double[])dk0.Clone();
        Conv2D.BackwardInput<double>(g, r, kernel, dx);
        Conv2D.BackwardKernel<double>(g, x, r, dk);

        for (int i = 0; i < x.Length; i++)
        {
            double numeric = CentralDifference(x, i, () => Loss(g, x, kernel, r));
            AssertClose(numeric, dx[i] - dx0[i], $"dx[{i}]");
        }
        for (int i = 0; i < kernel.Length; i++)
        {
            double numeric = CentralDifference(kernel, i, () => Loss(g, x, kernel, r));
            AssertClose(numeric, dk[i] - dk0[i], $"dKernel[{i}]");
        }

        static void AssertClose(double numeric, double analytic, string what) =>
            Assert.True(Math.Abs(numeric - analytic) <= FiniteDifferenceRelativeTolerance * Math.Max(1, Math.Abs(numeric)),
                $"{what}: finite difference {numeric}, backward {analytic}");
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void AllDirections_KernelAsLargeAsImage_GiveDotProducts(bool channelsLast)
    {
        // 400×400 valid kernel on a 400×400 image: a single output pixel per filter, i.e. a 160 000-term dot
        // product. Must run without an im2col matrix larger than the image itself.
        const int size = 400, filters = 2;
        var g = Conv2DGeometry.Create(1, size, size, 1, filters, size, size, 1, 1, 1, 1, samePadding: false, channelsLast);
        Assert.Equal((1, 1), (g.OutHeight, g.OutWidth));
        var rng = new Random(400);
        var x = Random<float>(rng, g.InputLength);
        var kernel = Random<float>(rng, g.KernelLength);
        var y = new float[g.OutputLength];
        Conv2D.Forward<float>(g, x, kernel, y);

        const int terms = size * size;
        double eps = MachineEpsilon<float>();
        for (int f = 0; f < filters; f++)
        {
            double dot = 0, abs = 0;
            for (int p = 0; p < terms; p++)
            {
                dot += (double)x[p] * kernel[p * filters + f];
                abs += Math.Abs((double)x[p] * kernel[p * filters + f]);
            }
            Assert.True(Math.Abs(y[f] - dot) <= BoundSlack * terms * eps * abs, $"y[{f}] = {y[f]}, expected {dot}");
        }

        // dy = (1, −2): dx = Σ_f dy_f·kernel[·, f], dKernel[·, f] = dy_f·x. Products of floats by 1 and −2 are exact.
        var dy = new float[] { 1f, -2f };
        var dx = new float[g.InputLength];
        var dk = new float[g.KernelLength];
        Conv2D.BackwardInput<float>(g, dy, kernel, dx);
        Conv2D.BackwardKernel<float>(g, x, dy, dk);
        for (int p = 0; p < terms; p++)
        {
            Assert.Equal(kernel[p * filters] - 2f * kernel[p * filters + 1], dx[p]);
            Assert.Equal(x[p], dk[p * filters]);
            Assert.Equal(-2f * x[p], dk[p * filters + 1]);
        }
    }

    [Fact]
    public void AllDirections_RepeatedCallsTwoThreads_BitIdentical()
    {
        int saved = Parallelism.MaxThreads;
        try
        {
            Parallelism.MaxThreads = 2;
            var g = Conv2DGeometry.Create(9, 12, 12, 8, 16, 3, 3, 1, 1, 1, 1, true, true);
            var rng = new Random(3);
            var x = Random<float>(rng, g.InputLength);
            var kernel = Random<float>(rng, g.KernelLength);
            var dy = Random<float>(rng, g.OutputLength);
            var (y1, dx1, dk1) = RunAll(g, x, kernel, dy);
            for (int repeat = 0; repeat < 3; repeat++)
            {
                var (y2, dx2, dk2) = RunAll(g, x, kernel, dy);
                Assert.True(BitEqual(y1, y2) && BitEqual(dx1, dx2) && BitEqual(dk1, dk2));
            }
        }
        finally
        {
            Parallelism.MaxThreads = saved;
        }

        static (float[] Y, float[] Dx, float[] Dk) RunAll(Conv2DGeometry g, float[] x, float[] kernel, float[] dy)
        {
            var y = new float[g.OutputLength];
            var dx = new float[g.InputLength];
            var dk = new float[g.KernelLength];
            Conv2D.Forward<float>(g, x, kernel, y);
            Conv2D.BackwardInput<float>(g, dy, kernel, dx);
            Conv2D.BackwardKernel<float>(g, x, dy, dk);
            return (y, dx, dk);
        }

        static bool BitEqual(float[] a, float[] b) => MemoryMarshal.AsBytes(a.AsSpan()).SequenceEqual(MemoryMarshal.AsBytes(b.AsSpan()));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void AllDirections_UnevenThreadCounts_MatchDirectTwin(int threads)
    {
        // 5 images over 3 threads: partitions of unequal size, and a dKernel reduction over 3 partials.
        int saved = Parallelism.MaxThreads;
        try
        {
            Parallelism.MaxThreads = threads;
            foreach (bool channelsLast in new[] { true, false })
            {
                var g = Conv2DGeometry.Create(5, 8, 7, 6, 9, 3, 3, 1, 2, 1, 1, true, channelsLast);
                CheckForward(g, seed: threads);
                CheckBackwardInput(g, seed: threads + 10);
                CheckBackwardKernel(g, seed: threads + 20);
            }
        }
        finally
        {
            Parallelism.MaxThreads = saved;
        }
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void AllDirections_SteadyStateOneThread_DoNotAllocate(bool channelsLast)
    {
        // Column matrices come from ArrayPool and GEMM packing buffers are per-thread, so repeated calls of
        // the same shape allocate nothing.
        int saved = Parallelism.MaxThreads;
        try
        {
            Parallelism.MaxThreads = 1;
            var g = Conv2DGeometry.Create(3, 10, 10, 4, 8, 3, 3, 1, 1, 1, 1, true, channelsLast);
            var x = new float[g.InputLength];
            var kernel = new float[g.KernelLength];
            var y = new float[g.OutputLength];
            void RunAll()
            {
                Conv2D.Forward<float>(g, x, kernel, y);
                Conv2D.BackwardInput<float>(g, y, kernel, x);
                Conv2D.BackwardKernel<float>(g, x, y, kernel);
            }
            RunAll();
            long before = GC.GetAllocatedBytesForCurrentThread();
            RunAll();
            RunAll();
            Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        }
        finally
        {
            Parallelism.MaxThreads = saved;
        }
    }

    [Fact]
    public void AllDirections_ShortSpan_ThrowsNamingIt()
    {
        var g = Conv2DGeometry.Create(1, 4, 4, 1, 1, 3, 3, 1, 1, 1, 1, true, true);
        Assert.Equal("y", Assert.Throws<ArgumentException>(() => Conv2D.Forward<float>(g, new float[16], new float[9], new float[15])).ParamName);
        Assert.Equal("x", Assert.Throws<ArgumentException>(() => Conv2D.Forward<float>(g, new float[15], new float[9], new float[16])).ParamName);
        Assert.Equal("dx", Assert.Throws<ArgumentException>(() => Conv2D.BackwardInput<float>(g, new float[16], new float[9], new float[15])).ParamName);
        Assert.Equal("kernel", Assert.Throws<ArgumentException>(() => Conv2D.BackwardInput<float>(g, new float[16], new float[8], new float[16])).ParamName);
        Assert.Equal("dKernel", Assert.Throws<ArgumentException>(() => Conv2D.BackwardKernel<float>(g, new float[16], new float[16], new float[8])).ParamName);
        Assert.Equal("dy", Assert.Throws<ArgumentException>(() => Conv2D.BackwardKernel<float>(g, new float[16], new float[15], new float[9])).ParamName);
    }

    [Fact]
    public void Forward_HandBuiltNegativePadding_Throws()
    {
        var g = Conv2DGeometry.Create(1, 4, 4, 1, 1, 3, 3, 1, 1, 1, 1, true, true) with { PadTop = -1 };
        Assert.Throws<ArgumentException>(() => Conv2D.Forward<float>(g, new float[16], new float[9], new float[16]));
    }

    private static void CheckForward(Conv2DGeometry g, int seed)
    {
        var rng = new Random(seed);
        var x = Random<float>(rng, g.InputLength);
        var kernel = Random<float>(rng, g.KernelLength);
        var y = new float[g.OutputLength];
        y.AsSpan().Fill(float.NaN); // Forward overwrites: nothing of the old y may survive.
        Conv2D.Forward<float>(g, x, kernel, y);

        var expected = TwinForward(g, ToDouble(x), ToDouble(kernel));
        var abs = TwinForward(g, Abs(x), Abs(kernel));
        AssertWithinBound(y, expected, abs, g.KernelHeight * g.KernelWidth * g.InChannels, "y");
    }

    private static void CheckBackwardInput(Conv2DGeometry g, int seed)
    {
        var rng = new Random(seed);
        var dy = Random<float>(rng, g.OutputLength);
        var kernel = Random<float>(rng, g.KernelLength);
        var dx0 = Random<float>(rng, g.InputLength);
        var dx = (float[])dx0.Clone();
        Conv2D.BackwardInput<float>(g, dy, kernel, dx);

        var expected = TwinBackwardInput(g, ToDouble(dy), ToDouble(kernel));
        var abs = TwinBackwardInput(g, Abs(dy), Abs(kernel));
        for (int i = 0; i < expected.Length; i++)
        {
            expected[i] += dx0[i];
            abs[i] += Math.Abs(dx0[i]);
        }
        AssertWithinBound(dx, expected, abs, g.KernelHeight * g.KernelWidth * g.OutChannels + 1, "dx");
    }

    private static void CheckBackwardKernel(Conv2DGeometry g, int seed)
    {
        var rng = new Random(seed);
        var x = Random<float>(rng, g.InputLength);
        var dy = Random<float>(rng, g.OutputLength);
        var dk0 = Random<float>(rng, g.KernelLength);
        var dk = (float[])dk0.Clone();
        Conv2D.BackwardKernel<float>(g, x, dy, dk);

        var expected = TwinBackwardKernel(g, ToDouble(x), ToDouble(dy));
        var abs = TwinBackwardKernel(g, Abs(x), Abs(dy));
        for (int i = 0; i < expected.Length; i++)
        {
            expected[i] += dk0[i];
            abs[i] += Math.Abs(dk0[i]);
        }
        AssertWithinBound(dk, expected, abs, g.Batch * g.OutHeight * g.OutWidth + 1, "dKernel");
    }

    private static void AssertWithinBound(float[] actual, double[] expected, double[] absTerms, int terms, string name)
    {
        double eps = MachineEpsilon<float>();
        for (int i = 0; i < expected.Length; i++)
        {
            double tolerance = BoundSlack * terms * eps * absTerms[i] + 1e-30;
            Assert.True(Math.Abs(actual[i] - expected[i]) <= tolerance, $"{name}[{i}] = {actual[i]}, expected {expected[i]} ± {tolerance}");
        }
    }

    private static double Loss(Conv2DGeometry g, double[] x, double[] kernel, double[] r)
    {
        var y = new double[g.OutputLength];
        Conv2D.Forward<double>(g, x, kernel, y);
        double loss = 0;
        for (int i = 0; i < y.Length; i++)
            loss += y[i] * r[i];
        return loss;
    }

    private static double CentralDifference(double[] values, int index, Func<double> loss)
    {
        double saved = values[index];
        values[index] = saved + FiniteDifferenceStep;
        double plus = loss();
        values[index] = saved - FiniteDifferenceStep;
        double minus = loss();
        values[index] = saved;
        return (plus - minus) / (2 * FiniteDifferenceStep);
    }

    // ---- Direct twins on a zero-padded NHWC copy ----

    private static int PaddedHeight(Conv2DGeometry g) => g.PadTop + g.InHeight + g.PadBottom + g.StrideHeight;
    private static int PaddedWidth(Conv2DGeometry g) => g.PadLeft + g.InWidth + g.PadRight + g.StrideWidth;

    private static int XIndex(Conv2DGeometry g, int n, int c, int h, int w) => g.ChannelsLast
        ? ((n * g.InHeight + h) * g.InWidth + w) * g.InChannels + c
        : ((n * g.InChannels + c) * g.InHeight + h) * g.InWidth + w;

    private static int YIndex(Conv2DGeometry g, int n, int k, int h, int w) => g.ChannelsLast
        ? ((n * g.OutHeight + h) * g.OutWidth + w) * g.OutChannels + k
        : ((n * g.OutChannels + k) * g.OutHeight + h) * g.OutWidth + w;

    /// <summary>Index into the zero-padded (N, Hp, Wp, C) copy.</summary>
    private static int PadIndex(Conv2DGeometry g, int n, int h, int w, int c) =>
        ((n * PaddedHeight(g) + h) * PaddedWidth(g) + w) * g.InChannels + c;

    private static int KIndex(Conv2DGeometry g, int kh, int kw, int c, int k) =>
        ((kh * g.KernelWidth + kw) * g.InChannels + c) * g.OutChannels + k;

    private static double[] Pad(Conv2DGeometry g, double[] x)
    {
        var padded = new double[g.Batch * PaddedHeight(g) * PaddedWidth(g) * g.InChannels];
        for (int n = 0; n < g.Batch; n++)
        for (int c = 0; c < g.InChannels; c++)
        for (int h = 0; h < g.InHeight; h++)
        for (int w = 0; w < g.InWidth; w++)
            padded[PadIndex(g, n, h + g.PadTop, w + g.PadLeft, c)] = x[XIndex(g, n, c, h, w)];
        return padded;
    }

    private static double[] TwinForward(Conv2DGeometry g, double[] x, double[] kernel)
    {
        var xp = Pad(g, x);
        var y = new double[g.OutputLength];
        for (int n = 0; n < g.Batch; n++)
        for (int k = 0; k < g.OutChannels; k++)
        for (int oh = 0; oh < g.OutHeight; oh++)
        for (int ow = 0; ow < g.OutWidth; ow++)
        {
            double sum = 0;
            for (int kh = 0; kh < g.KernelHeight; kh++)
            for (int kw = 0; kw < g.KernelWidth; kw++)
            {
                int at = PadIndex(g, n, oh * g.StrideHeight + kh * g.DilationHeight, ow * g.StrideWidth + kw * g.DilationWidth, 0);
                for (int c = 0; c < g.InChannels; c++)
                    sum += xp[at + c] * kernel[KIndex(g, kh, kw, c, k)];
            }
            y[YIndex(g, n, k, oh, ow)] = sum;
        }
        return y;
    }

    private static double[] TwinBackwardInput(Conv2DGeometry g, double[] dy, double[] kernel)
    {
        var dxp = new double[g.Batch * PaddedHeight(g) * PaddedWidth(g) * g.InChannels];
        for (int n = 0; n < g.Batch; n++)
        for (int k = 0; k < g.OutChannels; k++)
        for (int oh = 0; oh < g.OutHeight; oh++)
        for (int ow = 0; ow < g.OutWidth; ow++)
        {
            double d = dy[YIndex(g, n, k, oh, ow)];
            for (int kh = 0; kh < g.KernelHeight; kh++)
            for (int kw = 0; kw < g.KernelWidth; kw++)
            {
                int at = PadIndex(g, n, oh * g.StrideHeight + kh * g.DilationHeight, ow * g.StrideWidth + kw * g.DilationWidth, 0);
                for (int c = 0; c < g.InChannels; c++)
                    dxp[at + c] += d * kernel[KIndex(g, kh, kw, c, k)];
            }
        }

        var dx = new double[g.InputLength];
        for (int n = 0; n < g.Batch; n++)
        for (int c = 0; c < g.InChannels; c++)
        for (int h = 0; h < g.InHeight; h++)
        for (int w = 0; w < g.InWidth; w++)
            dx[XIndex(g, n, c, h, w)] = dxp[PadIndex(g, n, h + g.PadTop, w + g.PadLeft, c)];
        return dx;
    }

    private static double[] TwinBackwardKernel(Conv2DGeometry g, double[] x, double[] dy)
    {
        var xp = Pad(g, x);
        var dk = new double[g.KernelLength];
        for (int n = 0; n < g.Batch; n++)
        for (int oh = 0; oh < g.OutHeight; oh++)
        for (int ow = 0; ow < g.OutWidth; ow++)
        for (int kh = 0; kh < g.KernelHeight; kh++)
        for (int kw = 0; kw < g.KernelWidth; kw++)
        {
            int at = PadIndex(g, n, oh * g.StrideHeight + kh * g.DilationHeight, ow * g.StrideWidth + kw * g.DilationWidth, 0);
            for (int c = 0; c < g.InChannels; c++)
            for (int k = 0; k < g.OutChannels; k++)
                dk[KIndex(g, kh, kw, c, k)] += xp[at + c] * dy[YIndex(g, n, k, oh, ow)];
        }
        return dk;
    }

    // ---- data helpers ----

    private static double MachineEpsilon<T>() where T : IFloatingPointIeee754<T> => double.CreateChecked(T.BitIncrement(T.One) - T.One);

    private static double[] ToDouble(float[] values) => Array.ConvertAll(values, v => (double)v);

    private static double[] Abs(float[] values) => Array.ConvertAll(values, v => Math.Abs((double)v));

    private static T[] Random<T>(Random rng, int length) where T : IFloatingPointIeee754<T>
    {
        var data = new T[length];
        for (int i = 0; i < length; i++)
            data[i] = T.CreateChecked(rng.NextDouble() * 2 - 1);
        return data;
    }
}
