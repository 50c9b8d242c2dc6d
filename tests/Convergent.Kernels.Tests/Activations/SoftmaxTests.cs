using System.Numerics;
using Convergent.Kernels.Tests.Common;

namespace Convergent.Kernels.Tests.Activations;

public sealed class SoftmaxTests
{
    // e^(x − m) has condition number |x − m|, up to 24 for logits in ±12, applied to the rounding of x − m: 24ε.
    // On top: the exponential (≤ 1 ulp), the row sum (8-lane partial sums; a few ε even at 4099 columns), the division.
    private static readonly Tolerance FloatRow = new(3e-6, 1e-30);

    // The double counterpart, 24ε + a few ε.
    private static readonly Tolerance DoubleRow = new(6e-15, 1e-300);

    // Log-softmax values are O(1)–O(10) differences; their absolute error is what the rounding of x − m and of the
    // log-sum set, an ulp or two of the largest term involved (|x − m| ≤ 12 here).
    private static readonly Tolerance FloatLog = new(4e-7, 4e-6);
    private static readonly Tolerance DoubleLog = new(4e-15, 8e-15);

    // Backward against a double twin: the relative size of the terms dx₀ and y(dy − ⟨dy, y⟩) that are summed.
    private static readonly Tolerance FloatGradient = new(1e-6, 1e-7);
    private static readonly Tolerance DoubleGradient = new(4e-15, 1e-16);

    public static TheoryData<int> Rows => new() { 1, 3 };

    [Theory]
    [MemberData(nameof(Rows))]
    public void Softmax_FloatAllRowLengths_MatchesTwin(int rows) => ForwardMatchesTwin<float>(rows, SoftmaxTwin, Softmax.Forward, FloatRow);

    [Theory]
    [MemberData(nameof(Rows))]
    public void Softmax_DoubleAllRowLengths_MatchesTwin(int rows) => ForwardMatchesTwin<double>(rows, SoftmaxTwin, Softmax.Forward, DoubleRow);

    [Theory]
    [MemberData(nameof(Rows))]
    public void LogSoftmax_FloatAllRowLengths_MatchesTwin(int rows) => ForwardMatchesTwin<float>(rows, LogSoftmaxTwin, LogSoftmax.Forward, FloatLog);

    [Theory]
    [MemberData(nameof(Rows))]
    public void LogSoftmax_DoubleAllRowLengths_MatchesTwin(int rows) => ForwardMatchesTwin<double>(rows, LogSoftmaxTwin, LogSoftmax.Forward, DoubleLog);

    [Theory]
    [MemberData(nameof(Rows))]
    public void Softmax_FloatBackwardAllRowLengths_MatchesTwin(int rows) => BackwardMatchesTwin<float>(rows, softmax: true, FloatGradient);

    [Theory]
    [MemberData(nameof(Rows))]
    public void Softmax_DoubleBackwardAllRowLengths_MatchesTwin(int rows) => BackwardMatchesTwin<double>(rows, softmax: true, DoubleGradient);

    [Theory]
    [MemberData(nameof(Rows))]
    public void LogSoftmax_FloatBackwardAllRowLengths_MatchesTwin(int rows) => BackwardMatchesTwin<float>(rows, softmax: false, FloatGradient);

    [Theory]
    [MemberData(nameof(Rows))]
    public void LogSoftmax_DoubleBackwardAllRowLengths_MatchesTwin(int rows) => BackwardMatchesTwin<double>(rows, softmax: false, DoubleGradient);

    [Theory]
    [InlineData(1, 7)]
    [InlineData(3, 5)]
    [InlineData(2, 19)]
    public void Softmax_Backward_MatchesFiniteDifferences(int rows, int cols) =>
        BackwardMatchesFiniteDifferences(rows, cols, Softmax.Forward, Softmax.Backward, seed: 1);

    [Theory]
    [InlineData(1, 7)]
    [InlineData(3, 5)]
    [InlineData(2, 19)]
    public void LogSoftmax_Backward_MatchesFiniteDifferences(int rows, int cols) =>
        BackwardMatchesFiniteDifferences(rows, cols, LogSoftmax.Forward, LogSoftmax.Backward, seed: 2);

    [Fact]
    public void Softmax_OneHugeLogit_IsOneHotWithZeroGradient()
    {
        float[] x = [1000f, 0f, -5f, 3f, 1e30f, 2f, 7f, -1e30f, 0.5f];
        var y = new float[x.Length];
        Softmax.Forward<float>(x, y, 1, x.Length);
        for (int i = 0; i < x.Length; i++)
            Assert.Equal(i == 4 ? 1f : 0f, y[i]);

        var dx = new float[x.Length];
        Softmax.Backward<float>(y, SeededData.Convert<float>(SeededData.Uniform(x.Length, -1, 1, 3)), dx, 1, x.Length);
        Assert.All(dx, v => Assert.Equal(0f, v));
    }

    [Fact]
    public void Softmax_HugeLogitInDouble_GradientMatchesFiniteDifferences()
    {
        // One logit 800 above the rest (e⁸⁰⁰ overflows double without the max shift); the others sit in its shadow.
        double[] x = [800, 1, 2, 799, -3];
        BackwardMatchesFiniteDifferences(1, x.Length, Softmax.Forward, Softmax.Backward, seed: 4, inputs: x);
    }

    [Fact]
    public void LogSoftmax_FarApartLogits_StayFiniteAndExact()
    {
        float[] x = [0f, -1e4f, 1e6f, 1e6f + 0.5f];
        var y = new float[4];
        LogSoftmax.Forward<float>(x.AsSpan(0, 2), y.AsSpan(0, 2), 1, 2);
        Assert.Equal([0f, -1e4f], y[..2]);

        LogSoftmax.Forward<float>(x.AsSpan(2, 2), y.AsSpan(2, 2), 1, 2);
        // x − m is exact at 1e6 (Sterbenz), so only log(1 + e^−½) rounds.
        double lse = Math.Log(1 + Math.Exp(-0.5));
        KernelAssert.Close<float>([-0.5 - lse, -lse], y.AsSpan(2, 2), FloatLog, "log_softmax near 1e6");
    }

    [Fact]
    public void SoftmaxAndLogSoftmax_InPlace_MatchOutOfPlace()
    {
        float[] x = SeededData.Convert<float>(SeededData.Uniform(3 * 37, -5, 5, 5));
        var y = new float[x.Length];
        var z = new float[x.Length];
        Softmax.Forward<float>(x, y, 3, 37);
        LogSoftmax.Forward<float>(x, z, 3, 37);

        float[] a = (float[])x.Clone(), b = (float[])x.Clone();
        Softmax.Forward<float>(a, a, 3, 37);
        LogSoftmax.Forward<float>(b, b, 3, 37);

        Assert.Equal(y, a);
        Assert.Equal(z, b);
    }

    [Fact]
    public void Softmax_RowsSumToOne()
    {
        double[] x = SeededData.Uniform(5 * 300, -30, 30, 6);
        var y = new double[x.Length];
        Softmax.Forward<double>(x, y, 5, 300);
        for (int r = 0; r < 5; r++)
            Assert.Equal(1.0, y.AsSpan(r * 300, 300).ToArray().Sum(), 1e-14);
    }

    [Fact]
    public void Softmax_WrongLengths_ThrowArgumentExceptionNamingSpan()
    {
        var e = Assert.Throws<ArgumentException>(() => Softmax.Forward<float>(new float[6], new float[5], 2, 3));
        Assert.Equal("y", e.ParamName);
        e = Assert.Throws<ArgumentException>(() => LogSoftmax.Forward<float>(new float[5], new float[6], 2, 3));
        Assert.Equal("x", e.ParamName);
        e = Assert.Throws<ArgumentException>(() => Softmax.Backward<float>(new float[6], new float[6], new float[7], 2, 3));
        Assert.Equal("dx", e.ParamName);
        Assert.Throws<ArgumentOutOfRangeException>(() => Softmax.Forward<float>([], [], -1, 0));
    }

    private delegate void RowKernel<T>(ReadOnlySpan<T> x, Span<T> y, int rows, int cols);

    private delegate void RowBackward<T>(ReadOnlySpan<T> y, ReadOnlySpan<T> dy, Span<T> dx, int rows, int cols);

    /// <summary>Every row length for a single row; for several rows (which only adds the row offsets) a few lengths
    /// around the vector widths and two long rows.</summary>
    private static IEnumerable<int> Columns(int rows) => rows == 1 ? KernelLengths.All() : [0, 1, 3, 4, 7, 8, 9, 16, 17, 33, 255, 1023];

    private static void ForwardMatchesTwin<T>(int rows, Func<double[], double[]> twin, RowKernel<T> kernel, Tolerance tolerance)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        foreach (int cols in Columns(rows))
        {
            double[] inputs = SeededData.UniformFloatRepresentable(rows * cols, -12, 12, seed: cols);
            var y = new T[inputs.Length];
            kernel(SeededData.Convert<T>(inputs), y, rows, cols);
            KernelAssert.Close<T>(RowWise(inputs, rows, cols, twin), y, tolerance, $"{rows}×{cols}", inputs);
        }
    }

    private static void BackwardMatchesTwin<T>(int rows, bool softmax, Tolerance tolerance) where T : unmanaged, IFloatingPointIeee754<T>
    {
        foreach (int cols in Columns(rows))
        {
            int n = rows * cols;
            double[] inputs = SeededData.UniformFloatRepresentable(n, -6, 6, seed: cols);
            double[] dy = SeededData.UniformFloatRepresentable(n, -1, 1, seed: cols + 1000);
            double[] dx0 = SeededData.UniformFloatRepresentable(n, -1, 1, seed: cols + 2000);
            var y = new T[n];
            T[] dx = SeededData.Convert<T>(dx0);
            if (softmax)
            {
                Softmax.Forward<T>(SeededData.Convert<T>(inputs), y, rows, cols);
                Softmax.Backward<T>(y, SeededData.Convert<T>(dy), dx, rows, cols);
            }
            else
            {
                LogSoftmax.Forward<T>(SeededData.Convert<T>(inputs), y, rows, cols);
                LogSoftmax.Backward<T>(y, SeededData.Convert<T>(dy), dx, rows, cols);
            }

            double[] p = RowWise(inputs, rows, cols, SoftmaxTwin);
            var expected = new double[n];
            var scales = new double[n];
            for (int r = 0; r < rows; r++)
            {
                double dot = 0, sum = 0;
                for (int c = 0; c < cols; c++)
                {
                    dot += dy[r * cols + c] * p[r * cols + c];
                    sum += dy[r * cols + c];
                }
                for (int c = 0; c < cols; c++)
                {
                    int i = r * cols + c;
                    double increment = softmax ? p[i] * (dy[i] - dot) : dy[i] - p[i] * sum;
                    expected[i] = dx0[i] + increment;
                    scales[i] = Math.Abs(dx0[i]) + Math.Abs(increment) + (softmax ? p[i] * Math.Abs(dot) : p[i] * Math.Abs(sum));
                }
            }
            KernelAssert.Close<T>(expected, dx, tolerance, $"{(softmax ? "softmax" : "log_softmax")} backward {rows}×{cols}", inputs, scales);
        }
    }

    private static void BackwardMatchesFiniteDifferences(int rows, int cols, RowKernel<double> forward, RowBackward<double> backward,
        int seed, double[]? inputs = null)
    {
        double[] x = inputs ?? SeededData.Uniform(rows * cols, -4, 4, seed);
        double[] w = SeededData.Uniform(x.Length, -1, 1, seed + 100);
        double[] dx0 = SeededData.Uniform(x.Length, -1, 1, seed + 200);
        double[] numeric = FiniteDifference.Gradient(x, w, (input, output) => forward(input, output, rows, cols));
        var y = new double[x.Length];
        forward(x, y, rows, cols);
        double[] dx = (double[])dx0.Clone();

        backward(y, w, dx, rows, cols);

        KernelAssert.Close<double>(numeric.Select((g, i) => dx0[i] + g).ToArray(), dx, FiniteDifference.GradientTolerance,
            "backward vs finite differences", x);
    }

    private static double[] RowWise(double[] x, int rows, int cols, Func<double[], double[]> twin)
    {
        var result = new double[x.Length];
        for (int r = 0; r < rows; r++)
            twin(x[(r * cols)..((r + 1) * cols)]).CopyTo(result, r * cols);
        return result;
    }

    private static double[] SoftmaxTwin(double[] row)
    {
        if (row.Length == 0)
            return row;
        double max = row.Max();
        double[] e = row.Select(v => Math.Exp(v - max)).ToArray();
        double sum = e.Sum();
        return e.Select(v => v / sum).ToArray();
    }

    private static double[] LogSoftmaxTwin(double[] row)
    {
        if (row.Length == 0)
            return row;
        double max = row.Max();
        double logSum = Math.Log(row.Sum(v => Math.Exp(v - max)));
        return row.Select(v => v - max - logSum).ToArray();
    }
}
