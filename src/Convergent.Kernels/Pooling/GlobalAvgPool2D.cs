using System.Numerics;
using System.Numerics.Tensors;

namespace Convergent.Kernels;

// Shape letters: N batch, H/W height/width, C channels. x, dx are (N, H, W, C) when channelsLast, else (N, C, H, W);
// y, dy are (N, C) in both layouts.

/// <summary>
/// Global average pooling: y[n, c] = mean of x[n, ·, ·, c] over H·W. Keras: <c>GlobalAveragePooling2D(data_format)</c>
/// with <c>keepdims=False</c>.
/// </summary>
/// <remarks>The forward pass is one <see cref="Reduce.MeanAxes{T}"/> call: the H·W axis of (N, H·W, C) or of
/// (N·C, H·W), so channels-last sums contiguous rows of C and channels-first sums contiguous planes.</remarks>
public static class GlobalAvgPool2D
{
    /// <summary>y = the per-(n, c) mean of x over H and W; y is overwritten.</summary>
    public static void Forward<T>(ReadOnlySpan<T> x, Span<T> y, int batch, int height, int width, int channels, bool channelsLast)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        GlobalPoolGuard.Require(x.Length, y.Length, nameof(x), nameof(y), batch, height, width, channels);
        if (channelsLast)
            Reduce.MeanAxes(x, [batch, height * width, channels], [1], y);
        else
            Reduce.MeanAxes(x, [batch * channels, height * width], [1], y);
    }

    /// <summary>dx += dy[n, c]/(H·W) at every (h, w) (x is not read; it is in the signature for symmetry with
    /// <see cref="GlobalMaxPool2D.Backward{T}"/>, and its length is checked).</summary>
    public static void Backward<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> dy, Span<T> dx, int batch, int height, int width, int channels,
        bool channelsLast) where T : unmanaged, IFloatingPointIeee754<T>
    {
        GlobalPoolGuard.Require(x.Length, dy.Length, nameof(x), nameof(dy), batch, height, width, channels);
        ElementwiseDriver.RequireSameLength(x.Length, dx.Length, nameof(dx));
        int plane = height * width;
        T share = T.One / T.CreateTruncating(plane);
        if (channelsLast)
        {
            for (int n = 0; n < batch; n++)
            {
                ReadOnlySpan<T> dyRow = dy.Slice(n * channels, channels);
                for (int p = 0; p < plane; p++)
                {
                    Span<T> dxRow = dx.Slice((n * plane + p) * channels, channels);
                    TensorPrimitives.MultiplyAdd(dyRow, share, dxRow, dxRow);
                }
            }
        }
        else
        {
            for (int i = 0; i < batch * channels; i++)
            {
                Span<T> dxPlane = dx.Slice(i * plane, plane);
                TensorPrimitives.Add(dxPlane, dy[i] * share, dxPlane);
            }
        }
    }
}
