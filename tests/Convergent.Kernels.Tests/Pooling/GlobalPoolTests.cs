using System.Numerics;
using Convergent.Kernels.Tests.Common;

namespace Convergent.Kernels.Tests.Pooling;

/// <summary>GlobalMaxPool2D and GlobalAvgPool2D against the window twin with one window covering the input.</summary>
public sealed class GlobalPoolTests
{
    // Means of up to 7·9 = 63 values (a few ulp of Σ|x|/count); max is exact.
    private static readonly Tolerance FloatMean = new(2e-6, 1e-7);
    private static readonly Tolerance DoubleMean = new(4e-15, 1e-16);
    private static readonly Tolerance Exact = new(0, 0);

    public static TheoryData<int, bool> Cases => new()
    {
        { 1, true }, { 3, true }, { 17, true }, { 300, true }, { 1, false }, { 3, false }, { 17, false },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void GlobalPools_ForwardAndBackward_MatchWindowTwin(int channels, bool channelsLast)
    {
        const int batch = 2, height = 7, width = 9;
        var twin = new PoolingTwin(batch, height, width, channels, height, width, height, width, false, channelsLast);
        Check<float>(twin, batch, height, width, channels, channelsLast, FloatMean);
        Check<double>(twin, batch, height, width, channels, channelsLast, DoubleMean);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void GlobalMaxPool2D_Backward_MatchesFiniteDifferencesAndBreaksTiesFirst(bool channelsLast)
    {
        double[] x = SeededData.Distinct(2 * 3 * 4 * 5, -1, 1, seed: 51);
        double[] w = SeededData.Uniform(2 * 5, -1, 1, seed: 52);
        double[] numeric = FiniteDifference.Gradient(x, w, (input, output) => GlobalMaxPool2D.Forward<double>(input, output, 2, 3, 4, 5, channelsLast));
        var dx = new double[x.Length];
        GlobalMaxPool2D.Backward<double>(x, w, dx, 2, 3, 4, 5, channelsLast);
        KernelAssert.Close<double>(numeric, dx, FiniteDifference.GradientTolerance, "global max backward");

        // All equal: each (n, c) sends dy to its (h, w) = (0, 0).
        var tie = new double[2 * 3 * 4 * 5];
        Array.Clear(dx);
        GlobalMaxPool2D.Backward<double>(tie, w, dx, 2, 3, 4, 5, channelsLast);
        var twin = new PoolingTwin(2, 3, 4, 5, 3, 4, 3, 4, false, channelsLast);
        for (int n = 0; n < 2; n++)
            for (int c = 0; c < 5; c++)
                Assert.Equal(w[n * 5 + c], dx[twin.In(n, 0, 0, c)]);
        Assert.Equal(w.Sum(), dx.Sum(), 1e-12);
    }

    [Fact]
    public void GlobalAvgPool2D_Backward_MatchesFiniteDifferences()
    {
        double[] x = SeededData.Uniform(2 * 3 * 4 * 5, -1, 1, seed: 53);
        double[] w = SeededData.Uniform(2 * 5, -1, 1, seed: 54);
        foreach (bool channelsLast in new[] { true, false })
        {
            double[] numeric = FiniteDifference.Gradient(x, w, (input, output) => GlobalAvgPool2D.Forward<double>(input, output, 2, 3, 4, 5, channelsLast));
            var dx = new double[x.Length];
            GlobalAvgPool2D.Backward<double>(x, w, dx, 2, 3, 4, 5, channelsLast);
            KernelAssert.Close<double>(numeric, dx, FiniteDifference.GradientTolerance, "global avg backward");
        }
    }

    [Fact]
    public void GlobalPools_WrongLengths_ThrowNamingSpan()
    {
        Assert.Equal("y", Assert.Throws<ArgumentException>(() => GlobalAvgPool2D.Forward<float>(new float[24], new float[3], 2, 3, 4, 1, true)).ParamName);
        Assert.Equal("x", Assert.Throws<ArgumentException>(() => GlobalMaxPool2D.Forward<float>(new float[23], new float[2], 2, 3, 4, 1, true)).ParamName);
        Assert.Equal("dx", Assert.Throws<ArgumentException>(() => GlobalAvgPool2D.Backward<float>(new float[24], new float[2], new float[2], 2, 3, 4, 1, false)).ParamName);
        Assert.Equal("height", Assert.Throws<ArgumentException>(() => GlobalMaxPool2D.Forward<float>([], [], 2, 0, 4, 1, true)).ParamName);
    }

    private static void Check<T>(PoolingTwin twin, int batch, int height, int width, int channels, bool channelsLast, Tolerance mean)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        double[] x = SeededData.Convert<float>(SeededData.Distinct(twin.InputLength, -1, 1, seed: channels)).Select(v => (double)v).ToArray();
        T[] xt = SeededData.Convert<T>(x);
        var y = new T[batch * channels];

        GlobalMaxPool2D.Forward<T>(xt, y, batch, height, width, channels, channelsLast);
        KernelAssert.Close<T>(twin.MaxForward(x), y, Exact, $"global max {twin}");
        GlobalAvgPool2D.Forward<T>(xt, y, batch, height, width, channels, channelsLast);
        KernelAssert.Close<T>(twin.AvgForward(x), y, mean, $"global avg {twin}");

        double[] dy = SeededData.UniformFloatRepresentable(y.Length, -1, 1, seed: 55);
        double[] dx0 = SeededData.UniformFloatRepresentable(x.Length, -1, 1, seed: 56);
        T[] dx = SeededData.Convert<T>(dx0);
        GlobalMaxPool2D.Backward<T>(xt, SeededData.Convert<T>(dy), dx, batch, height, width, channels, channelsLast);
        KernelAssert.Close<T>(twin.MaxBackward(x, dy, dx0), dx, mean, $"global max backward {twin}");
        dx = SeededData.Convert<T>(dx0);
        GlobalAvgPool2D.Backward<T>(xt, SeededData.Convert<T>(dy), dx, batch, height, width, channels, channelsLast);
        KernelAssert.Close<T>(twin.AvgBackward(dy, dx0), dx, mean, $"global avg backward {twin}");
    }
}
