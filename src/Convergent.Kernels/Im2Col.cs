using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;

namespace Convergent.Kernels;

// Shape letters: N batch, H/W input height/width, C input channels, KH/KW kernel size, OH/OW output size,
// P = OH·OW output pixels of one image, KKC = KH·KW·C the length of one receptive field, ordered (kh, kw, c)
// like the rows of the Keras kernel (KH, KW, C, K) viewed as a KKC × K matrix.
//
// channels-last:  the column matrix has one ROW per output pixel:     col[r, (kh·KW + kw)·C + c]   (rows × KKC)
//                 for rows r of the flattened (n, oh, ow) index — consecutive rows may span images.
// channels-first: the column matrix has one COLUMN per output pixel:  col[(kh·KW + kw)·C + c, p]   (KKC × pixels)
//                 for pixels p of a single image.
// Col2Im is the adjoint: it adds each column-matrix entry back onto the input element it was copied from.

/// <summary>Im2col / col2im for both data formats, respecting padding, stride and dilation.</summary>
internal static unsafe class Im2Col
{
    /// <summary>Channels-last: fills rows [<paramref name="row0"/>, row0 + <paramref name="rows"/>) of the flattened (N·OH·OW) × KKC matrix.</summary>
    public static void ChannelsLast<T>(in Conv2DGeometry g, T* x, int row0, int rows, T* col) where T : unmanaged
    {
        int c = g.InChannels, kw = g.KernelWidth, kkc = g.KernelHeight * kw * c, pixels = g.OutHeight * g.OutWidth;
        // With unit dilation along W, the KW·C values a kernel row reads are contiguous in NHWC memory.
        bool contiguousRun = g.DilationWidth == 1;
        for (int r = 0; r < rows; r++)
        {
            int flat = row0 + r, n = flat / pixels, p = flat - n * pixels, oh = p / g.OutWidth, ow = p - oh * g.OutWidth;
            T* dst = col + (nint)r * kkc;
            T* image = x + (nint)n * g.InHeight * g.InWidth * c;
            int iw0 = ow * g.StrideWidth - g.PadLeft;
            for (int i = 0; i < g.KernelHeight; i++)
            {
                int ih = oh * g.StrideHeight - g.PadTop + i * g.DilationHeight;
                T* d = dst + (nint)i * kw * c;
                if ((uint)ih >= (uint)g.InHeight)
                {
                    Clear(d, kw * c);
                    continue;
                }
                T* rowStart = image + (nint)ih * g.InWidth * c;
                if (contiguousRun && iw0 >= 0 && iw0 + kw <= g.InWidth)
                {
                    Copy(rowStart + (nint)iw0 * c, d, kw * c);
                    continue;
                }
                for (int j = 0; j < kw; j++)
                {
                    int iw = iw0 + j * g.DilationWidth;
                    if ((uint)iw >= (uint)g.InWidth)
                        Clear(d + j * c, c);
                    else
                        Copy(rowStart + (nint)iw * c, d + j * c, c);
                }
            }
        }
    }

    /// <summary>Channels-last adjoint: x[...] += col[...] for the same rows.</summary>
    public static void ChannelsLastAdd<T>(in Conv2DGeometry g, T* col, int row0, int rows, T* x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int c = g.InChannels, kw = g.KernelWidth, kkc = g.KernelHeight * kw * c, pixels = g.OutHeight * g.OutWidth;
        bool contiguousRun = g.DilationWidth == 1;
        for (int r = 0; r < rows; r++)
        {
            int flat = row0 + r, n = flat / pixels, p = flat - n * pixels, oh = p / g.OutWidth, ow = p - oh * g.OutWidth;
            T* src = col + (nint)r * kkc;
            T* image = x + (nint)n * g.InHeight * g.InWidth * c;
            int iw0 = ow * g.StrideWidth - g.PadLeft;
            for (int i = 0; i < g.KernelHeight; i++)
            {
                int ih = oh * g.StrideHeight - g.PadTop + i * g.DilationHeight;
                if ((uint)ih >= (uint)g.InHeight)
                    continue;
                T* rowStart = image + (nint)ih * g.InWidth * c;
                T* s = src + (nint)i * kw * c;
                if (contiguousRun && iw0 >= 0 && iw0 + kw <= g.InWidth)
                {
                    AddTo(s, rowStart + (nint)iw0 * c, kw * c);
                    continue;
                }
                for (int j = 0; j < kw; j++)
                {
                    int iw = iw0 + j * g.DilationWidth;
                    if ((uint)iw >= (uint)g.InWidth)
                        continue;
                    AddTo(s + j * c, rowStart + (nint)iw * c, c);
                }
            }
        }
    }

    /// <summary>Channels-first: fills the KKC × <paramref name="count"/> matrix for pixels [p0, p0+count) of one image (C, H, W).</summary>
    public static void ChannelsFirst<T>(in Conv2DGeometry g, T* image, int p0, int count, T* col) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (count < ShortRun)
        {
            PixelwiseChannelsFirst(g, image, p0, count, col, accumulate: false);
            return;
        }
        int row = 0;
        for (int i = 0; i < g.KernelHeight; i++)
        for (int j = 0; j < g.KernelWidth; j++)
        for (int ch = 0; ch < g.InChannels; ch++, row++)
        {
            var op = new CopyRuns<T> { Plane = image + (nint)ch * g.InHeight * g.InWidth, Col = col + (nint)row * count };
            ForEachOutputRun(g, i, j, p0, count, ref op);
        }
    }

    /// <summary>Channels-first adjoint: image[...] += col[...] for the same pixels.</summary>
    public static void ChannelsFirstAdd<T>(in Conv2DGeometry g, T* col, int p0, int count, T* image) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (count < ShortRun)
        {
            PixelwiseChannelsFirst(g, image, p0, count, col, accumulate: true);
            return;
        }
        int row = 0;
        for (int i = 0; i < g.KernelHeight; i++)
        for (int j = 0; j < g.KernelWidth; j++)
        for (int ch = 0; ch < g.InChannels; ch++, row++)
        {
            var op = new AddRuns<T> { Plane = image + (nint)ch * g.InHeight * g.InWidth, Col = col + (nint)row * count };
            ForEachOutputRun(g, i, j, p0, count, ref op);
        }
    }

    /// <summary>
    /// Channels-first im2col (or col2im when <paramref name="accumulate"/>) one pixel at a time, for chunks of a few
    /// pixels with huge receptive fields (a 400×400 kernel has one output pixel), where splitting every
    /// column-matrix row into runs would cost more than the copy itself.
    /// </summary>
    private static void PixelwiseChannelsFirst<T>(in Conv2DGeometry g, T* image, int p0, int count, T* col, bool accumulate)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        nint plane = (nint)g.InHeight * g.InWidth;
        for (int q = 0; q < count; q++)
        {
            int oh = (p0 + q) / g.OutWidth, ow = p0 + q - oh * g.OutWidth;
            T* d = col + q;
            for (int i = 0; i < g.KernelHeight; i++)
            {
                int ih = oh * g.StrideHeight - g.PadTop + i * g.DilationHeight;
                for (int j = 0; j < g.KernelWidth; j++)
                {
                    int iw = ow * g.StrideWidth - g.PadLeft + j * g.DilationWidth;
                    bool inside = (uint)ih < (uint)g.InHeight && (uint)iw < (uint)g.InWidth;
                    T* s = image + (nint)ih * g.InWidth + iw;
                    for (int ch = 0; ch < g.InChannels; ch++, d += count, s += plane)
                    {
                        if (accumulate)
                        {
                            if (inside)
                                *s += *d;
                        }
                        else
                        {
                            *d = inside ? *s : T.Zero;
                        }
                    }
                }
            }
        }
    }

    /// <summary>What to do with one run of output pixels that all read padding, or all read the image.</summary>
    private interface IRunOp
    {
        /// <param name="planeOffset">Flat offset in the (H, W) plane of the run's first input element.</param>
        /// <param name="stride">Input step between consecutive output pixels of the run.</param>
        /// <param name="colOffset">Offset of the run's first pixel within the column-matrix row.</param>
        /// <param name="length">Pixels in the run.</param>
        void Inside(nint planeOffset, int stride, int colOffset, int length);

        void Padding(int colOffset, int length);
    }

    private struct CopyRuns<T> : IRunOp where T : unmanaged, IFloatingPointIeee754<T>
    {
        public T* Plane, Col;

        public readonly void Inside(nint planeOffset, int stride, int colOffset, int length)
        {
            T* s = Plane + planeOffset, d = Col + colOffset;
            if (stride == 1)
                new ReadOnlySpan<T>(s, length).CopyTo(new Span<T>(d, length));
            else
                for (int t = 0; t < length; t++)
                    d[t] = s[(nint)t * stride];
        }

        public readonly void Padding(int colOffset, int length) => new Span<T>(Col + colOffset, length).Clear();
    }

    private struct AddRuns<T> : IRunOp where T : unmanaged, IFloatingPointIeee754<T>
    {
        public T* Plane, Col;

        public readonly void Inside(nint planeOffset, int stride, int colOffset, int length)
        {
            T* s = Col + colOffset, d = Plane + planeOffset;
            if (stride == 1)
                AddTo(s, d, length);
            else
                for (int t = 0; t < length; t++)
                    d[(nint)t * stride] += s[t];
        }

        public readonly void Padding(int colOffset, int length)
        {
            // Gradients flowing to padding are dropped: padding is a constant, not a parameter.
        }
    }

    /// <summary>
    /// Splits pixels [p0, p0+count) of kernel tap (i, j) into runs along output rows that read either only
    /// padding or only the image, and hands each run to <paramref name="op"/>.
    /// </summary>
    private static void ForEachOutputRun<TOp>(in Conv2DGeometry g, int i, int j, int p0, int count, ref TOp op) where TOp : struct, IRunOp
    {
        int ow = g.OutWidth, sw = g.StrideWidth;
        int colShift = j * g.DilationWidth - g.PadLeft;
        // Output columns [lo, hi) read input columns ow·sw + colShift inside [0, W).
        int lo = colShift >= 0 ? 0 : Math.Min(ow, (-colShift + sw - 1) / sw);
        int hi = g.InWidth - 1 - colShift < 0 ? 0 : Math.Min(ow, (g.InWidth - 1 - colShift) / sw + 1);
        hi = Math.Max(hi, lo);
        int p = p0, end = p0 + count;
        while (p < end)
        {
            int oh = p / ow, owStart = p - oh * ow;
            int owEnd = Math.Min(ow, owStart + (end - p));
            int ih = oh * g.StrideHeight - g.PadTop + i * g.DilationHeight;
            int offset = p - p0;
            if ((uint)ih >= (uint)g.InHeight)
            {
                op.Padding(offset, owEnd - owStart);
            }
            else
            {
                int a = Math.Clamp(lo, owStart, owEnd), b = Math.Clamp(hi, owStart, owEnd);
                if (a > owStart)
                    op.Padding(offset, a - owStart);
                if (b > a)
                    op.Inside((nint)ih * g.InWidth + a * sw + colShift, sw, offset + (a - owStart), b - a);
                if (owEnd > b)
                    op.Padding(offset + (b - owStart), owEnd - b);
            }
            p = owEnd == ow ? (oh + 1) * ow : p + (owEnd - owStart);
        }
    }

    // Channels-last runs are often only C = 1 or 3 values long; below this length a plain loop beats the
    // call and dispatch overhead of the span helpers.
    private const int ShortRun = 16;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AddTo<T>(T* source, T* destination, int length) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (length < ShortRun)
        {
            for (int t = 0; t < length; t++)
                destination[t] += source[t];
            return;
        }
        var d = new Span<T>(destination, length);
        TensorPrimitives.Add(d, new ReadOnlySpan<T>(source, length), d);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Copy<T>(T* source, T* destination, int length) where T : unmanaged
    {
        if (length < ShortRun)
        {
            for (int t = 0; t < length; t++)
                destination[t] = source[t];
            return;
        }
        new ReadOnlySpan<T>(source, length).CopyTo(new Span<T>(destination, length));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Clear<T>(T* destination, int length) where T : unmanaged
    {
        if (length < ShortRun)
        {
            for (int t = 0; t < length; t++)
                destination[t] = default;
            return;
        }
        new Span<T>(destination, length).Clear();
    }
}
