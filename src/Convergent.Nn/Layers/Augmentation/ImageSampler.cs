using Convergent.Tensors;

namespace Convergent.Nn;

/// <summary>
/// Builds the tables of <see cref="Ops.WeightedGather"/> for image transforms: every output pixel (b, oy, ox) reads up
/// to four input pixels with weights, the same for every channel. The transforms stay differentiable with respect to
/// their input.
/// </summary>
internal static class ImageSampler
{
    /// <summary>Writes the taps of output pixel (b, oy, ox) as input (row, column, weight); returns how many.</summary>
    public delegate int TapSource(int b, int oy, int ox, Span<int> rows, Span<int> cols, Span<double> weights);

    /// <summary>
    /// Resamples the (N, H, W, C) or (N, C, H, W) tensor <paramref name="x"/> to (outH, outW). Taps outside the input
    /// read <paramref name="fillValue"/> (their weight times it is added as a constant, which has no gradient).
    /// </summary>
    public static Tensor Sample(Tensor x, bool channelsLast, int outH, int outW, int maxTaps, double fillValue, TapSource source)
    {
        int n = x.Shape[0];
        int h = channelsLast ? x.Shape[1] : x.Shape[2], w = channelsLast ? x.Shape[2] : x.Shape[3];
        int c = channelsLast ? x.Shape[3] : x.Shape[1];
        var outShape = channelsLast ? new Shape(n, outH, outW, c) : new Shape(n, c, outH, outW);
        var index = new int[outShape.Size * maxTaps];
        var weight = new double[index.Length];
        double[]? constant = null;
        Span<int> rows = stackalloc int[maxTaps];
        Span<int> cols = stackalloc int[maxTaps];
        Span<double> ws = stackalloc double[maxTaps];
        for (int b = 0; b < n; b++)
            for (int oy = 0; oy < outH; oy++)
                for (int ox = 0; ox < outW; ox++)
                {
                    int count = source(b, oy, ox, rows, cols, ws);
                    double outside = 0;
                    for (int ch = 0; ch < c; ch++)
                    {
                        int o = channelsLast ? ((b * outH + oy) * outW + ox) * c + ch : ((b * c + ch) * outH + oy) * outW + ox;
                        for (int t = 0; t < maxTaps; t++)
                        {
                            int k = o * maxTaps + t;
                            if (t < count && rows[t] >= 0 && rows[t] < h && cols[t] >= 0 && cols[t] < w)
                            {
                                index[k] = channelsLast ? ((b * h + rows[t]) * w + cols[t]) * c + ch : ((b * c + ch) * h + rows[t]) * w + cols[t];
                                weight[k] = ws[t];
                            }
                            else
                            {
                                index[k] = -1;
                                if (t < count && ch == 0) outside += ws[t];
                            }
                        }
                    }
                    if (outside != 0 && fillValue != 0)
                    {
                        constant ??= new double[outShape.Size];
                        for (int ch = 0; ch < c; ch++)
                        {
                            int o = channelsLast ? ((b * outH + oy) * outW + ox) * c + ch : ((b * c + ch) * outH + oy) * outW + ox;
                            constant[o] = outside * fillValue;
                        }
                    }
                }
        var y = Ops.WeightedGather(x, index, weight, maxTaps, outShape);
        if (constant is null) return y;
        var fill = Tensor.FromArray(constant, outShape);
        return Ops.Add(y, x.DType == DType.Float64 ? fill : fill.Cast(x.DType));
    }

    /// <summary>Maps a coordinate outside [0, len − 1] back inside per the fill mode (TensorFlow's
    /// ImageProjectiveTransform rules, with reflection and wrapping periodic at any distance); constant mode leaves
    /// it where it is, to read the fill value.</summary>
    public static double MapCoordinate(double v, int len, FillMode mode)
    {
        if (mode == FillMode.Constant) return v;
        if (len <= 1) return 0;
        switch (mode)
        {
            case FillMode.Reflect:
                // period 2·len: a b c d | d c b a
                double p = 2.0 * len;
                v %= p;
                if (v < 0) v += p;
                if (v > len - 1) v = p - 1 - v;
                break;
            case FillMode.Wrap:
                v %= len;
                if (v < 0) v += len;
                break;
        }
        return Math.Clamp(v, 0, len - 1);
    }

    /// <summary>The taps reading input point (sy, sx) with the given interpolation; returns the tap count.</summary>
    public static int Taps(double sy, double sx, Interpolation interpolation, Span<int> rows, Span<int> cols, Span<double> weights)
    {
        if (interpolation == Interpolation.Nearest)
        {
            rows[0] = (int)Math.Round(sy, MidpointRounding.AwayFromZero);
            cols[0] = (int)Math.Round(sx, MidpointRounding.AwayFromZero);
            weights[0] = 1;
            return 1;
        }
        int y0 = (int)Math.Floor(sy), x0 = (int)Math.Floor(sx);
        double fy = sy - y0, fx = sx - x0;
        rows[0] = y0; cols[0] = x0; weights[0] = (1 - fy) * (1 - fx);
        rows[1] = y0; cols[1] = x0 + 1; weights[1] = (1 - fy) * fx;
        rows[2] = y0 + 1; cols[2] = x0; weights[2] = fy * (1 - fx);
        rows[3] = y0 + 1; cols[3] = x0 + 1; weights[3] = fy * fx;
        return 4;
    }

    /// <summary>The Keras string of a fill mode.</summary>
    public static string ToKeras(this FillMode m) => m switch
    {
        FillMode.Reflect => "reflect", FillMode.Constant => "constant", FillMode.Nearest => "nearest", _ => "wrap",
    };

    /// <summary>The Keras string of an interpolation.</summary>
    public static string ToKeras(this Interpolation i) => i == Interpolation.Bilinear ? "bilinear" : "nearest";
}
