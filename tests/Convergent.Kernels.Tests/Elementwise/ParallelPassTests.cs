using Convergent.Kernels.Tests.Common;

namespace Convergent.Kernels.Tests.Elementwise;

/// <summary>
/// The memory-bound passes that run in parallel chunks (elementwise arithmetic, activations, bias add, pooling): each
/// against a plain scalar twin, and bit-identical for every thread count. Sizes are chosen above
/// <see cref="ParallelChunks.MinParallelWork"/> (so the passes really split) and odd (so chunks end mid-vector).
/// </summary>
[Collection(ParallelismCollection.Name)]
public sealed class ParallelPassTests
{
    private const int Large = 3 * (1 << 17) + 13;   // 393,229 elements: three-plus chunks' worth, odd

    private static T[] WithThreads<T>(int threads, Func<T[]> run)
    {
        int saved = Parallelism.MaxThreads;
        try
        {
            Parallelism.MaxThreads = threads;
            return run();
        }
        finally
        {
            Parallelism.MaxThreads = saved;
        }
    }

    /// <summary>Runs <paramref name="run"/> with 1, 2, 3 and 7 threads and asserts the results are bit-identical.</summary>
    private static float[] SameForEveryThreadCount(Func<float[]> run)
    {
        var one = WithThreads(1, run);
        foreach (int t in new[] { 2, 3, 7 })
            Assert.Equal(one, WithThreads(t, run));
        return one;
    }

    private static float[] Data(int length, int seed) =>
        SeededData.Convert<float>(SeededData.Uniform(length, -2, 2, seed));

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Arithmetic_LargeSpans_MatchScalarTwinForEveryThreadCount(int op)
    {
        var x = Data(Large, 1);
        var y = Data(Large, 2);
        for (int i = 0; i < y.Length; i++) if (y[i] == 0) y[i] = 1;   // no division by zero
        var result = SameForEveryThreadCount(() =>
        {
            var d = new float[Large];
            switch (op)
            {
                case 0: Arithmetic.Add<float>(x, y, d); break;
                case 1: Arithmetic.Subtract<float>(x, y, d); break;
                case 2: Arithmetic.Multiply<float>(x, y, d); break;
                default: Arithmetic.Divide<float>(x, y, d); break;
            }
            return d;
        });
        for (int i = 0; i < Large; i++)
        {
            float twin = op switch { 0 => x[i] + y[i], 1 => x[i] - y[i], 2 => x[i] * y[i], _ => x[i] / y[i] };
            Assert.Equal(twin, result[i]);
        }
    }

    [Fact]
    public void Arithmetic_InPlace_OverwritesFirstOperand()
    {
        var x = Data(Large, 3);
        var y = Data(Large, 4);
        var expected = x.Zip(y, (a, b) => a + b).ToArray();
        Arithmetic.Add<float>(x, y, x);
        Assert.Equal(expected, x);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(17)]
    [InlineData(Large)]
    public void Clear_AnyLength_ZeroesEverything(int length)
    {
        var d = SameForEveryThreadCount(() =>
        {
            var a = Data(length, 13);
            Arithmetic.Clear<float>(a);
            return a;
        });
        Assert.All(d, v => Assert.Equal(0f, v));
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(7, 3)]
    [InlineData(300, 17)]
    [InlineData(4099, 32)]     // 131,168 values: parallel, more than one 256-row block
    [InlineData(1025, 512)]
    public void BiasAdd_Forward_MatchesScalarTwinForEveryThreadCount(int rows, int cols)
    {
        var x = Data(rows * cols, 5);
        var bias = Data(cols, 6);
        var y = SameForEveryThreadCount(() =>
        {
            var d = new float[rows * cols];
            BiasAdd.Forward<float>(x, bias, d);
            return d;
        });
        for (int r = 0; r < rows; r++)
            for (int c = 0; c < cols; c++)
                Assert.Equal(x[r * cols + c] + bias[c], y[r * cols + c]);
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(7, 3)]
    [InlineData(300, 17)]
    [InlineData(4099, 32)]
    [InlineData(1025, 512)]
    public void BiasAdd_Backward_AccumulatesColumnSumsForEveryThreadCount(int rows, int cols)
    {
        var dy = Data(rows * cols, 7);
        var start = Data(cols, 8);
        var db = SameForEveryThreadCount(() =>
        {
            var d = (float[])start.Clone();
            BiasAdd.Backward<float>(dy, d);
            return d;
        });
        for (int c = 0; c < cols; c++)
        {
            double sum = start[c];
            for (int r = 0; r < rows; r++) sum += dy[r * cols + c];
            // float sums of up to 4099 values in [−2, 2]: blocked summation keeps the error near √rows·ulp of the sum
            Assert.Equal(sum, db[c], 2e-3);
        }
    }

    [Fact]
    public void BiasAdd_LengthNotAWholeNumberOfRows_Throws()
    {
        Assert.Throws<ArgumentException>(() => BiasAdd.Forward<float>(new float[10], new float[3], new float[10]));
        Assert.Throws<ArgumentException>(() => BiasAdd.Backward<float>(new float[10], new float[3]));
    }

    [Fact]
    public void Activations_LargeSpans_SameForEveryThreadCount()
    {
        var x = Data(Large, 9);
        var dy = Data(Large, 10);
        var relu = SameForEveryThreadCount(() => { var y = new float[Large]; Relu.Forward<float>(x, y); return y; });
        var tanhGrad = SameForEveryThreadCount(() =>
        {
            var y = new float[Large]; var dx = new float[Large];
            Tanh.Forward<float>(x, y);
            Tanh.Backward<float>(x, y, dy, dx);
            return dx;
        });
        var eluGrad = SameForEveryThreadCount(() =>
        {
            var y = new float[Large]; var dx = new float[Large];
            Elu.Forward<float>(x, y, 1f);
            Elu.Backward<float>(x, y, dy, dx, 1f);
            return y.Concat(dx).ToArray();
        });
        for (int i = 0; i < Large; i++) Assert.Equal(Math.Max(x[i], 0f), relu[i]);
        Assert.Equal(2 * Large, eluGrad.Length);
        Assert.Equal(Large, tanhGrad.Length);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Pooling_LargeBatch_SameForEveryThreadCount(bool channelsLast)
    {
        // 37 images of 24 × 10 × 24: 213,120 input values, so the sweep splits over images
        var g = Pool2DGeometry.Create(37, 24, 10, 24, 2, 2, 2, 2, samePadding: true, channelsLast);
        var x = Data(g.InputLength, 11);
        var dy = Data(g.OutputLength, 12);
        var serialMax = WithThreads(1, () => MaxBoth(g, x, dy));
        foreach (int t in new[] { 2, 3, 7 })
            Assert.Equal(serialMax, WithThreads(t, () => MaxBoth(g, x, dy)));
        var serialAvg = WithThreads(1, () => AvgBoth(g, x, dy));
        foreach (int t in new[] { 2, 3, 7 })
            Assert.Equal(serialAvg, WithThreads(t, () => AvgBoth(g, x, dy)));
    }

    private static float[] MaxBoth(Pool2DGeometry g, float[] x, float[] dy)
    {
        var y = new float[g.OutputLength]; var dx = new float[g.InputLength];
        MaxPool2D.Forward<float>(g, x, y);
        MaxPool2D.Backward<float>(g, x, dy, dx);
        return y.Concat(dx).ToArray();
    }

    private static float[] AvgBoth(Pool2DGeometry g, float[] x, float[] dy)
    {
        var y = new float[g.OutputLength]; var dx = new float[g.InputLength];
        AvgPool2D.Forward<float>(g, x, y);
        AvgPool2D.Backward<float>(g, x, dy, dx);
        return y.Concat(dx).ToArray();
    }
}
