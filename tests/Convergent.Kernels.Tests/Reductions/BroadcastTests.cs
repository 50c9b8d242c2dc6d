using Convergent.Kernels.Tests.Common;

namespace Convergent.Kernels.Tests.Reductions;

public sealed class BroadcastTests
{
    [Fact]
    public void To_BiasOverLastAxis_RepeatsRows()
    {
        var y = new float[6];
        Broadcast.To<float>([1, 2, 3], [3], y, [2, 3]);
        Assert.Equal([1f, 2f, 3f, 1f, 2f, 3f], y);

        Broadcast.To<float>([1, 2], [2, 1], y, [2, 3]);
        Assert.Equal([1f, 1f, 1f, 2f, 2f, 2f], y);

        Broadcast.To<float>([5], [], y, [3, 2]);
        Assert.All(y, v => Assert.Equal(5f, v));
    }

    [Fact]
    public void AddTo_BiasEveryWidth_AddsToEachRow()
    {
        foreach (int f in KernelLengths.All())
        {
            float[] bias = SeededData.Convert<float>(SeededData.Uniform(f, -1, 1, f));
            float[] y0 = SeededData.Convert<float>(SeededData.Uniform(3 * f, -1, 1, f + 1));
            float[] y = (float[])y0.Clone();
            Broadcast.AddTo<float>(bias, [f], y, [3, f]);
            Assert.Equal(y0.Select((v, i) => v + bias[i % f]).ToArray(), y);
        }
    }

    [Fact]
    public void ToAndAddTo_RandomCompatibleShapes_MatchTwin()
    {
        var random = new Random(21);
        for (int trial = 0; trial < 400; trial++)
        {
            (int[] xShape, int[] yShape) = RandomCompatibleShapes(random);
            double[] x = SeededData.Uniform(ShapeTwins.Count(xShape), -1, 1, trial);
            double[] expected = ShapeTwins.BroadcastTo(x, xShape, yShape);

            var y = new double[expected.Length];
            Broadcast.To<double>(x, xShape, y, yShape);
            Assert.Equal(expected, y);

            double[] y0 = SeededData.Uniform(expected.Length, -1, 1, trial + 500);
            double[] sum = (double[])y0.Clone();
            Broadcast.AddTo<double>(x, xShape, sum, yShape);
            Assert.Equal(y0.Zip(expected, (a, b) => a + b).ToArray(), sum);
        }
    }

    [Fact]
    public void To_IncompatibleShapes_ThrowArgumentExceptionNamingXShape()
    {
        Assert.Equal("xShape", Assert.Throws<ArgumentException>(() => Broadcast.To<float>(new float[2], [2], new float[6], [2, 3])).ParamName);
        Assert.Equal("xShape", Assert.Throws<ArgumentException>(() => Broadcast.To<float>(new float[6], [1, 2, 3], new float[6], [2, 3])).ParamName);
        Assert.Equal("y", Assert.Throws<ArgumentException>(() => Broadcast.To<float>(new float[3], [3], new float[5], [2, 3])).ParamName);
    }

    /// <summary>A random y shape (rank 0…5, sizes 0…4) and an x shape that broadcasts to it: a suffix of it with
    /// some axes set to 1.</summary>
    internal static (int[] Small, int[] Large) RandomCompatibleShapes(Random random)
    {
        int rank = random.Next(0, 6);
        int[] large = Enumerable.Range(0, rank).Select(_ => random.Next(0, 5)).ToArray();
        int[] small = large[random.Next(0, rank + 1)..].Select(s => random.Next(3) == 0 ? 1 : s).ToArray();
        return (small, large);
    }
}
