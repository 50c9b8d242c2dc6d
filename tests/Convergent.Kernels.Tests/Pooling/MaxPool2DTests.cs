using System.Numerics;
using Convergent.Kernels.Tests.Common;

namespace Convergent.Kernels.Tests.Pooling;

public sealed class MaxPool2DTests
{
    // A max selects one input, and routing adds dy once per window into dx₀: exact in any precision, except that
    // overlapping windows add several dy into one dx, rounded in a different order than the twin's.
    private static readonly Tolerance FloatRouted = new(4e-7, 1e-7);
    private static readonly Tolerance DoubleRouted = new(1e-15, 1e-16);

    public static TheoryData<bool, bool> Layouts => PoolingCases.Layouts;

    [Theory]
    [MemberData(nameof(Layouts))]
    public void MaxPool2D_Forward_MatchesTwin(bool same, bool channelsLast)
    {
        foreach (PoolingTwin twin in PoolingCases.All(same, channelsLast))
        {
            Forward<float>(twin);
            Forward<double>(twin);
        }
    }

    [Theory]
    [MemberData(nameof(Layouts))]
    public void MaxPool2D_Backward_RoutesToWindowMaxLikeTwin(bool same, bool channelsLast)
    {
        foreach (PoolingTwin twin in PoolingCases.All(same, channelsLast))
        {
            Backward<float>(twin, FloatRouted);
            Backward<double>(twin, DoubleRouted);
        }
    }

    [Theory]
    [MemberData(nameof(Layouts))]
    public void MaxPool2D_Backward_MatchesFiniteDifferences(bool same, bool channelsLast)
    {
        PoolingTwin[] twins =
        [
            new(2, 5, 7, 3, 3, 3, 2, 2, same, channelsLast),
            new(1, 4, 6, 9, 2, 3, 1, 2, same, channelsLast),
        ];
        foreach (PoolingTwin twin in twins)
        {
            Pool2DGeometry g = twin.Geometry();
            // Distinct inputs spaced ≥ 2/N apart (≫ the stencil's 4e−3 reach): no ties, no argmax change.
            double[] x = SeededData.Distinct(twin.InputLength, -1, 1, seed: 31);
            double[] w = SeededData.Uniform(twin.OutputLength, -1, 1, seed: 32);
            double[] numeric = FiniteDifference.Gradient(x, w, (input, output) => MaxPool2D.Forward<double>(g, input, output));
            var dx = new double[x.Length];
            MaxPool2D.Backward<double>(g, x, w, dx);
            KernelAssert.Close<double>(numeric, dx, FiniteDifference.GradientTolerance, twin.ToString());
        }
    }

    [Theory]
    [MemberData(nameof(Layouts))]
    public void MaxPool2D_AllEqualInputs_GradientGoesToFirstCellOfEachWindow(bool same, bool channelsLast)
    {
        // 4×4 of zeros, pool 3×3 stride 1: windows overlap and every cell ties; each window sends its dy to its own
        // first (top-left, inside the input) cell.
        var twin = new PoolingTwin(1, 4, 4, 19, 3, 3, 1, 1, same, channelsLast);
        Pool2DGeometry g = twin.Geometry();
        var x = new double[twin.InputLength];
        double[] dy = SeededData.Uniform(twin.OutputLength, 1, 2, seed: 33);
        var dx = new double[x.Length];

        MaxPool2D.Backward<double>(g, x, dy, dx);

        KernelAssert.Close<double>(twin.MaxBackward(x, dy, new double[x.Length]), dx, DoubleRouted, twin.ToString());
        Assert.Equal(dy.Sum(), dx.Sum(), 1e-12); // every window routed its dy exactly once
    }

    [Theory]
    [MemberData(nameof(Layouts))]
    public void MaxPool2D_AllNegativeWithSamePadding_PaddingNeverWins(bool same, bool channelsLast)
    {
        var twin = new PoolingTwin(1, 3, 3, 5, 3, 3, 2, 2, same, channelsLast);
        Pool2DGeometry g = twin.Geometry();
        double[] x = SeededData.Distinct(twin.InputLength, -10, -1, seed: 34);
        var y = new double[twin.OutputLength];
        MaxPool2D.Forward<double>(g, x, y);
        Assert.All(y, v => Assert.True(v < -1 + 1e-9));
    }

    [Theory]
    [InlineData(3, 0)]     // channels on the scalar path only
    [InlineData(19, 0)]    // vector blocks and a scalar tail: NaN in the first window cell...
    [InlineData(19, 3)]    // ...and in the last one
    public void MaxPool2D_ChannelsLastNaNInWindow_GivesNaNAndNoGradient(int channels, int cell)
    {
        // 2×2 input, one 2×2 window: the NaN sits at window cell `cell` (row-major) in every channel
        var g = Pool2DGeometry.Create(1, 2, 2, channels, 2, 2, 2, 2, samePadding: false, channelsLast: true);
        var x = new float[4 * channels];
        for (int i = 0; i < x.Length; i++) x[i] = i / channels == cell ? float.NaN : i;
        var y = new float[channels];
        MaxPool2D.Forward<float>(g, x, y);
        Assert.All(y, v => Assert.True(float.IsNaN(v)));
        var dx = new float[x.Length];
        MaxPool2D.Backward<float>(g, x, Enumerable.Repeat(1f, channels).ToArray(), dx);
        Assert.All(dx, v => Assert.Equal(0f, v));
    }

    private static void Forward<T>(PoolingTwin twin) where T : unmanaged, IFloatingPointIeee754<T>
    {
        double[] x = SeededData.UniformFloatRepresentable(twin.InputLength, -1, 1, seed: twin.InputLength);
        var y = new T[twin.OutputLength];
        MaxPool2D.Forward<T>(twin.Geometry(), SeededData.Convert<T>(x), y);
        Assert.Equal(twin.MaxForward(x), SeededData.ToDouble<T>(y));
    }

    private static void Backward<T>(PoolingTwin twin, Tolerance tolerance) where T : unmanaged, IFloatingPointIeee754<T>
    {
        double[] x = SeededData.Convert<float>(SeededData.Distinct(twin.InputLength, -1, 1, seed: 35)).Select(v => (double)v).ToArray();
        double[] dy = SeededData.UniformFloatRepresentable(twin.OutputLength, -1, 1, seed: 36);
        double[] dx0 = SeededData.UniformFloatRepresentable(twin.InputLength, -1, 1, seed: 37);
        T[] dx = SeededData.Convert<T>(dx0);
        MaxPool2D.Backward<T>(twin.Geometry(), SeededData.Convert<T>(x), SeededData.Convert<T>(dy), dx);
        KernelAssert.Close<T>(twin.MaxBackward(x, dy, dx0), dx, tolerance, twin.ToString(), x);
    }
}
