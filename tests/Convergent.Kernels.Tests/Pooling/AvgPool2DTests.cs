using System.Numerics;
using Convergent.Kernels.Tests.Common;

namespace Convergent.Kernels.Tests.Pooling;

public sealed class AvgPool2DTests
{
    // A mean of ≤ 12 float values: the kernel and the double twin sum in the same order but the kernel rounds each
    // partial sum and the division (a few ulp of the window's Σ|x|, which is ≤ count·max|x|).
    private static readonly Tolerance FloatMean = new(1e-6, 1e-7);
    private static readonly Tolerance DoubleMean = new(2e-15, 1e-16);

    public static TheoryData<bool, bool> Layouts => PoolingCases.Layouts;

    [Theory]
    [MemberData(nameof(Layouts))]
    public void AvgPool2D_Forward_MatchesTwin(bool same, bool channelsLast)
    {
        foreach (PoolingTwin twin in PoolingCases.All(same, channelsLast))
        {
            Forward<float>(twin, FloatMean);
            Forward<double>(twin, DoubleMean);
        }
    }

    [Theory]
    [MemberData(nameof(Layouts))]
    public void AvgPool2D_Backward_MatchesTwin(bool same, bool channelsLast)
    {
        foreach (PoolingTwin twin in PoolingCases.All(same, channelsLast))
        {
            Backward<float>(twin, FloatMean);
            Backward<double>(twin, DoubleMean);
        }
    }

    [Theory]
    [MemberData(nameof(Layouts))]
    public void AvgPool2D_Backward_MatchesFiniteDifferences(bool same, bool channelsLast)
    {
        var twin = new PoolingTwin(2, 5, 7, 3, 3, 3, 2, 2, same, channelsLast);
        Pool2DGeometry g = twin.Geometry();
        double[] x = SeededData.Uniform(twin.InputLength, -1, 1, seed: 41);
        double[] w = SeededData.Uniform(twin.OutputLength, -1, 1, seed: 42);
        double[] numeric = FiniteDifference.Gradient(x, w, (input, output) => AvgPool2D.Forward<double>(g, input, output));
        var dx = new double[x.Length];
        AvgPool2D.Backward<double>(g, x, w, dx);
        KernelAssert.Close<double>(numeric, dx, FiniteDifference.GradientTolerance, twin.ToString());
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void AvgPool2D_SameThreeByThree_ExcludesPaddingFromCounts(bool channelsLast)
    {
        // x = 1…9 on a 3×3 grid, pool 3×3, stride 1, 'same': one cell of padding all round. Each window averages the
        // cells inside the input only: corners 4 cells, edges 6, the centre all 9.
        //   1 2 3      (1+2+4+5)/4 = 3     (1+…+6)/6 = 3.5          (2+3+5+6)/4 = 4
        //   4 5 6  →   (1+2+4+5+7+8)/6 = 4.5   45/9 = 5     (2+3+5+6+8+9)/6 = 5.5
        //   7 8 9      (4+5+7+8)/4 = 6     (4+…+9)/6 = 6.5          (5+6+8+9)/4 = 7
        var g = Pool2DGeometry.Create(1, 3, 3, 1, 3, 3, 1, 1, samePadding: true, channelsLast);
        var y = new double[9];
        AvgPool2D.Forward<double>(g, [1, 2, 3, 4, 5, 6, 7, 8, 9], y);
        Assert.Equal([3, 3.5, 4, 4.5, 5, 5.5, 6, 6.5, 7], y);

        // Backward with dy = 1: a cell receives 1/count from every window that holds it. The corner (0, 0) is in the
        // windows of outputs (0,0), (0,1), (1,0), (1,1), counts 4, 6, 6, 9: 25/36. The edge (0, 1) is in the six
        // windows of output rows 0–1, counts 4, 6, 4, 6, 9, 6: 10/9. The centre is in all nine: 4/4 + 4/6 + 1/9 = 16/9.
        // Together 4·25/36 + 4·10/9 + 16/9 = 9, the total dy.
        double corner = 1.0 / 4 + 1.0 / 6 + 1.0 / 6 + 1.0 / 9;
        double edge = 1.0 / 4 + 1.0 / 6 + 1.0 / 4 + 1.0 / 6 + 1.0 / 9 + 1.0 / 6;
        double centre = 4 * (1.0 / 4) + 4 * (1.0 / 6) + 1.0 / 9;
        var dx = new double[9];
        AvgPool2D.Backward<double>(g, new double[9], [1, 1, 1, 1, 1, 1, 1, 1, 1], dx);
        KernelAssert.Close<double>([corner, edge, corner, edge, centre, edge, corner, edge, corner], dx, DoubleMean, "3×3 same backward");
        Assert.Equal(9.0, dx.Sum(), 1e-14); // every window hands out exactly its dy
    }

    private static void Forward<T>(PoolingTwin twin, Tolerance tolerance) where T : unmanaged, IFloatingPointIeee754<T>
    {
        double[] x = SeededData.UniformFloatRepresentable(twin.InputLength, -1, 1, seed: twin.InputLength);
        var y = new T[twin.OutputLength];
        AvgPool2D.Forward<T>(twin.Geometry(), SeededData.Convert<T>(x), y);
        KernelAssert.Close<T>(twin.AvgForward(x), y, tolerance, twin.ToString());
    }

    private static void Backward<T>(PoolingTwin twin, Tolerance tolerance) where T : unmanaged, IFloatingPointIeee754<T>
    {
        double[] dy = SeededData.UniformFloatRepresentable(twin.OutputLength, -1, 1, seed: 43);
        double[] dx0 = SeededData.UniformFloatRepresentable(twin.InputLength, -1, 1, seed: 44);
        T[] dx = SeededData.Convert<T>(dx0);
        AvgPool2D.Backward<T>(twin.Geometry(), new T[twin.InputLength], SeededData.Convert<T>(dy), dx);
        KernelAssert.Close<T>(twin.AvgBackward(dy, dx0), dx, tolerance, twin.ToString());
    }
}
