namespace Convergent.Tensors;

public static partial class Ops
{
    /// <summary>The same values seen with another shape of equal size; one dimension may be −1 (inferred).</summary>
    public static Tensor Reshape(Tensor a, params int[] shape)
    {
        var dims = (int[])shape.Clone();
        int infer = Array.IndexOf(dims, -1);
        if (infer >= 0)
        {
            int known = 1;
            for (int i = 0; i < dims.Length; i++) if (i != infer) known *= dims[i];
            if (known == 0 || a.Size % known != 0)
                throw new ArgumentException($"Cannot reshape {a.Shape} to {Shape.Format(shape)}.");
            dims[infer] = a.Size / known;
        }
        var s = new Shape(dims);
        if (s.Size != a.Size)
            throw new ArgumentException($"Cannot reshape {a.Shape} ({a.Size} elements) to {s} ({s.Size} elements).");
        var y = a.ViewAs(s);
        return Autograd.Record(y, "Reshape", [a], dy => AddGrad(a, dy.ViewAs(a.Shape), mayTake: true));
    }

    /// <summary>Permutes the axes: result axis i is input axis <paramref name="perm"/>[i] (numpy <c>transpose</c>).</summary>
    public static Tensor Transpose(Tensor a, params int[] perm)
    {
        if (perm.Length != a.Rank || perm.Distinct().Count() != a.Rank || perm.Any(p => p < 0 || p >= a.Rank))
            throw new ArgumentException($"Transpose: {Shape.Format(perm)} is not a permutation of the {a.Rank} axes of {a.Shape}.");
        var outDims = perm.Select(p => a.Shape[p]).ToArray();
        var y = Tensor.Scratch(new Shape(outDims), a.DType);
        Permute(a, y, perm);
        var inverse = new int[perm.Length];
        for (int i = 0; i < perm.Length; i++) inverse[perm[i]] = i;
        return Autograd.Record(y, "Transpose", [a], dy =>
        {
            var back = Tensor.Scratch(a.Shape, a.DType);
            Permute(dy, back, inverse);
            AddFreshGrad(a, back);
        });
    }

    private static void Permute(Tensor a, Tensor y, int[] perm)
    {
        int rank = a.Rank;
        var inStrides = a.Shape.Strides();
        var outDims = y.Shape.ToArray();
        var srcStride = new int[rank];
        for (int i = 0; i < rank; i++) srcStride[i] = inStrides[perm[i]];
        var idx = new int[rank];
        int src = 0;
        for (int k = 0; k < y.Size; k++)
        {
            y[k] = a[src];
            for (int i = rank - 1; i >= 0; i--)
            {
                idx[i]++; src += srcStride[i];
                if (idx[i] < outDims[i]) break;
                src -= srcStride[i] * outDims[i]; idx[i] = 0;
            }
        }
    }

    /// <summary>Zero padding of the two spatial axes of a 4-D tensor (Keras ZeroPadding2D).</summary>
    public static Tensor Pad2D(Tensor a, int top, int bottom, int left, int right, bool channelsLast)
    {
        if (a.Rank != 4) throw new ArgumentException($"Pad2D needs a 4-D tensor; got {a.Shape}.");
        int n = a.Shape[0];
        int h = channelsLast ? a.Shape[1] : a.Shape[2], w = channelsLast ? a.Shape[2] : a.Shape[3];
        int c = channelsLast ? a.Shape[3] : a.Shape[1];
        int oh = h + top + bottom, ow = w + left + right;
        var y = Tensor.Scratch(channelsLast ? new Shape(n, oh, ow, c) : new Shape(n, c, oh, ow), a.DType, zeroed: true);
        CopyWindow(a, y, top, left, h, w, c, oh, ow, channelsLast, toLarger: true);
        return Autograd.Record(y, "Pad2D", [a], dy =>
        {
            var g = Tensor.Scratch(a.Shape, a.DType);   // the window copy covers all of a
            CopyWindow(g, dy, top, left, h, w, c, oh, ow, channelsLast, toLarger: false);
            AddFreshGrad(a, g);
        });
    }

    /// <summary>The window rows [top, top+height) × cols [left, left+width) of a 4-D tensor's spatial axes.</summary>
    public static Tensor Crop2D(Tensor a, int top, int left, int height, int width, bool channelsLast)
    {
        if (a.Rank != 4) throw new ArgumentException($"Crop2D needs a 4-D tensor; got {a.Shape}.");
        int n = a.Shape[0];
        int h = channelsLast ? a.Shape[1] : a.Shape[2], w = channelsLast ? a.Shape[2] : a.Shape[3];
        int c = channelsLast ? a.Shape[3] : a.Shape[1];
        if (top < 0 || left < 0 || top + height > h || left + width > w)
            throw new ArgumentException($"Crop2D window ({top},{left})+({height},{width}) falls outside {h}×{w}.");
        var y = Tensor.Scratch(channelsLast ? new Shape(n, height, width, c) : new Shape(n, c, height, width), a.DType);
        CopyWindow(y, a, top, left, height, width, c, h, w, channelsLast, toLarger: false);
        return Autograd.Record(y, "Crop2D", [a], dy =>
        {
            var g = Tensor.Scratch(a.Shape, a.DType, zeroed: true);
            CopyWindow(dy, g, top, left, height, width, c, h, w, channelsLast, toLarger: true);
            AddFreshGrad(a, g);
        });
    }

    /// <summary>Copies between a small (h×w) and a large (bh×bw) spatial grid placed at (top, left). With
    /// <paramref name="toLarger"/> small → large, otherwise large → small.</summary>
    private static void CopyWindow(Tensor small, Tensor large, int top, int left, int h, int w, int c, int bh, int bw,
        bool channelsLast, bool toLarger)
    {
        int n = small.Shape[0];
        if (channelsLast)
        {
            for (int b = 0; b < n; b++)
                for (int i = 0; i < h; i++)
                {
                    int s = ((b * h + i) * w) * c, l = ((b * bh + i + top) * bw + left) * c;
                    CopyRange(small, s, large, l, w * c, toLarger);
                }
        }
        else
        {
            for (int b = 0; b < n; b++)
                for (int ch = 0; ch < c; ch++)
                    for (int i = 0; i < h; i++)
                    {
                        int s = ((b * c + ch) * h + i) * w, l = ((b * c + ch) * bh + i + top) * bw + left;
                        CopyRange(small, s, large, l, w, toLarger);
                    }
        }
    }

    private static void CopyRange(Tensor small, int s, Tensor large, int l, int count, bool toLarger)
    {
        if (IsF32(small))
        {
            if (toLarger) small.AsSpan<float>().Slice(s, count).CopyTo(large.AsSpan<float>().Slice(l, count));
            else large.AsSpan<float>().Slice(l, count).CopyTo(small.AsSpan<float>().Slice(s, count));
        }
        else
        {
            if (toLarger) small.AsSpan<double>().Slice(s, count).CopyTo(large.AsSpan<double>().Slice(l, count));
            else large.AsSpan<double>().Slice(l, count).CopyTo(small.AsSpan<double>().Slice(s, count));
        }
    }
}
