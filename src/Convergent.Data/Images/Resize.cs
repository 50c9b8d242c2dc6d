namespace Convergent.Data;

/// <summary>Image resampling to float samples, matching <c>tf.image.resize</c> (half-pixel centres, no antialias)
/// so that Keras pipelines and ours see the same pixels.</summary>
internal static class Resize
{
    /// <summary>Writes <paramref name="img"/> resized to <paramref name="h"/> × <paramref name="w"/> into
    /// <paramref name="dst"/> (HWC float 0–255); a same-size copy is exact.</summary>
    public static void Into(Image img, int h, int w, Interpolation mode, Span<float> dst)
    {
        int c = img.Channels, ih = img.Height, iw = img.Width;
        var src = img.Pixels;
        if (ih == h && iw == w)
        {
            for (int i = 0; i < src.Length; i++) dst[i] = src[i];
            return;
        }
        double sy = (double)ih / h, sx = (double)iw / w;
        for (int y = 0; y < h; y++)
        {
            double fy = (y + 0.5) * sy - 0.5;
            for (int x = 0; x < w; x++)
            {
                double fx = (x + 0.5) * sx - 0.5;
                int o = (y * w + x) * c;
                if (mode == Interpolation.Nearest)
                {
                    int ny = Math.Min((int)Math.Floor((y + 0.5) * sy), ih - 1), nx = Math.Min((int)Math.Floor((x + 0.5) * sx), iw - 1);
                    for (int k = 0; k < c; k++) dst[o + k] = src[(ny * iw + nx) * c + k];
                    continue;
                }
                int y0 = (int)Math.Floor(fy), x0 = (int)Math.Floor(fx);
                double ly = fy - y0, lx = fx - x0;
                int ya = Math.Clamp(y0, 0, ih - 1), yb = Math.Clamp(y0 + 1, 0, ih - 1);
                int xa = Math.Clamp(x0, 0, iw - 1), xb = Math.Clamp(x0 + 1, 0, iw - 1);
                for (int k = 0; k < c; k++)
                {
                    double top = src[(ya * iw + xa) * c + k] * (1 - lx) + src[(ya * iw + xb) * c + k] * lx;
                    double bottom = src[(yb * iw + xa) * c + k] * (1 - lx) + src[(yb * iw + xb) * c + k] * lx;
                    dst[o + k] = (float)(top * (1 - ly) + bottom * ly);
                }
            }
        }
    }
}
