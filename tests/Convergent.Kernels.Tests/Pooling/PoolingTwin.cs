namespace Convergent.Kernels.Tests.Pooling;

/// <summary>
/// Reference pooling in double, written from the Keras definitions: it derives output sizes and padding itself and
/// walks every window cell by (ph, pw), skipping cells outside the input.
/// </summary>
internal sealed class PoolingTwin(int batch, int height, int width, int channels, int poolH, int poolW, int strideH, int strideW,
    bool same, bool channelsLast)
{
    public int OutHeight { get; } = same ? (height + strideH - 1) / strideH : (height - poolH) / strideH + 1;

    public int OutWidth { get; } = same ? (width + strideW - 1) / strideW : (width - poolW) / strideW + 1;

    public int PadTop => same ? Math.Max((OutHeight - 1) * strideH + poolH - height, 0) / 2 : 0;

    public int PadLeft => same ? Math.Max((OutWidth - 1) * strideW + poolW - width, 0) / 2 : 0;

    public int InputLength => batch * height * width * channels;

    public int OutputLength => batch * OutHeight * OutWidth * channels;

    public Pool2DGeometry Geometry() =>
        Pool2DGeometry.Create(batch, height, width, channels, poolH, poolW, strideH, strideW, same, channelsLast);

    public int In(int n, int h, int w, int c) =>
        channelsLast ? ((n * height + h) * width + w) * channels + c : ((n * channels + c) * height + h) * width + w;

    public int Out(int n, int oh, int ow, int c) =>
        channelsLast ? ((n * OutHeight + oh) * OutWidth + ow) * channels + c : ((n * channels + c) * OutHeight + oh) * OutWidth + ow;

    /// <summary>The input indices of the window of (n, oh, ow, c) in scan order (row by row), padding skipped.</summary>
    public IEnumerable<int> Window(int n, int oh, int ow, int c)
    {
        for (int ph = 0; ph < poolH; ph++)
        {
            for (int pw = 0; pw < poolW; pw++)
            {
                int h = oh * strideH - PadTop + ph, w = ow * strideW - PadLeft + pw;
                if (h >= 0 && h < height && w >= 0 && w < width)
                    yield return In(n, h, w, c);
            }
        }
    }

    private IEnumerable<(int N, int OH, int OW, int C)> Outputs()
    {
        for (int n = 0; n < batch; n++)
            for (int oh = 0; oh < OutHeight; oh++)
                for (int ow = 0; ow < OutWidth; ow++)
                    for (int c = 0; c < channels; c++)
                        yield return (n, oh, ow, c);
    }

    public double[] MaxForward(double[] x)
    {
        var y = new double[OutputLength];
        foreach (var (n, oh, ow, c) in Outputs())
            y[Out(n, oh, ow, c)] = Window(n, oh, ow, c).Max(i => x[i]);
        return y;
    }

    public double[] AvgForward(double[] x)
    {
        var y = new double[OutputLength];
        foreach (var (n, oh, ow, c) in Outputs())
            y[Out(n, oh, ow, c)] = Window(n, oh, ow, c).Average(i => x[i]);
        return y;
    }

    /// <summary>dx₀ + dy routed to the first maximal cell of each window.</summary>
    public double[] MaxBackward(double[] x, double[] dy, double[] dx0)
    {
        double[] dx = (double[])dx0.Clone();
        foreach (var (n, oh, ow, c) in Outputs())
        {
            int[] window = Window(n, oh, ow, c).ToArray();
            double max = window.Max(i => x[i]);
            dx[window.First(i => x[i] == max)] += dy[Out(n, oh, ow, c)];
        }
        return dx;
    }

    /// <summary>dx₀ + dy/count spread over each window.</summary>
    public double[] AvgBackward(double[] dy, double[] dx0)
    {
        double[] dx = (double[])dx0.Clone();
        foreach (var (n, oh, ow, c) in Outputs())
        {
            int[] window = Window(n, oh, ow, c).ToArray();
            foreach (int i in window)
                dx[i] += dy[Out(n, oh, ow, c)] / window.Length;
        }
        return dx;
    }

    public override string ToString() =>
        $"{batch}×{height}×{width}×{channels} pool {poolH}×{poolW} stride {strideH}×{strideW} {(same ? "same" : "valid")} " +
        $"{(channelsLast ? "channels_last" : "channels_first")}";
}
