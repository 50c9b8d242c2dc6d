using System.Numerics;

namespace Convergent.Kernels;

// Shape letters: N batch, H/W height/width, C channels. x, dx are (N, H, W, C) when channelsLast, else (N, C, H, W);
// y, dy are (N, C) in both layouts.

/// <summary>
/// Global max pooling: y[n, c] = max of x[n, ·, ·, c] over H·W. Keras: <c>GlobalMaxPooling2D(data_format)</c> with
/// <c>keepdims=False</c>.
/// </summary>
public static class GlobalMaxPool2D
{
    /// <summary>y = the per-(n, c) maximum of x over H and W; y is overwritten. NaN if the plane holds NaN.</summary>
    public static void Forward<T>(ReadOnlySpan<T> x, Span<T> y, int batch, int height, int width, int channels, bool channelsLast)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        GlobalPoolGuard.Require(x.Length, y.Length, nameof(x), nameof(y), batch, height, width, channels);
        if (channelsLast)
            Reduce.MaxAxes(x, [batch, height * width, channels], [1], y);
        else
            Reduce.MaxAxes(x, [batch * channels, height * width], [1], y);
    }

    /// <summary>dx += dy[n, c] at the first (h, w), in row-major order, where x[n, ·, ·, c] reaches its maximum
    /// (the same tie rule as <see cref="MaxPool2D.Backward{T}"/>, which it is, with one window covering the input).</summary>
    public static void Backward<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> dy, Span<T> dx, int batch, int height, int width, int channels,
        bool channelsLast) where T : unmanaged, IFloatingPointIeee754<T>
    {
        GlobalPoolGuard.Require(x.Length, dy.Length, nameof(x), nameof(dy), batch, height, width, channels);
        var g = Pool2DGeometry.Create(batch, height, width, channels, height, width, height, width, samePadding: false, channelsLast);
        MaxPool2D.Backward(g, x, dy, dx);
    }
}
