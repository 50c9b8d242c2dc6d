using System.Numerics;
using System.Numerics.Tensors;
using Convergent.Kernels;

namespace Convergent.Tensors;

/// <summary>
/// Numpy broadcasting for binary ops, and its adjoint: summing a gradient of the broadcast shape back down to an
/// operand's shape ("undo broadcast"). All broadcasting in the engine goes through here (tinygrad keeps the same
/// rule in one place), so a backward rule never has to think about it.
/// </summary>
/// <remarks>Work is done a row at a time along the last axis so the inner loop is a contiguous span op; the common
/// cases — equal shapes, a scalar operand, a bias over the last axis — become one or a few vectorized calls.</remarks>
internal static class Broadcasting
{
    /// <summary>Walks the rows (last axis) of an output shape, giving each row's start offset in the
    /// output and in two operands broadcast to it.</summary>
    internal ref struct RowWalker
    {
        private readonly int _rank;
        private readonly Span<int> _index;
        private readonly Span<int> _outDims;
        private readonly Span<int> _aStride;
        private readonly Span<int> _bStride;
        public int Rows;
        public int A, B;

        public RowWalker(Shape outShape, Shape a, Shape b, Span<int> scratch)
        {
            _rank = Math.Max(outShape.Rank - 1, 0);
            _index = scratch.Slice(0, _rank);
            _outDims = scratch.Slice(_rank, _rank);
            _aStride = scratch.Slice(2 * _rank, _rank);
            _bStride = scratch.Slice(3 * _rank, _rank);
            _index.Clear();
            Rows = 1;
            for (int i = 0; i < _rank; i++) { _outDims[i] = outShape[i]; Rows *= outShape[i]; }
            Fill(_aStride, outShape, a);
            Fill(_bStride, outShape, b);
            A = 0; B = 0;
        }

        private void Fill(Span<int> stride, Shape outShape, Shape s)
        {
            int offset = outShape.Rank - s.Rank;
            int acc = s.Rank > 0 ? s[s.Rank - 1] : 1;
            for (int i = _rank - 1; i >= 0; i--)
            {
                int si = i - offset;
                int d = si >= 0 ? s[si] : 1;
                stride[i] = d == 1 ? 0 : acc;
                acc *= d;
            }
        }

        /// <summary>Advances to the next row (odometer over all but the last axis).</summary>
        public void Next()
        {
            for (int i = _rank - 1; i >= 0; i--)
            {
                _index[i]++;
                A += _aStride[i];
                B += _bStride[i];
                if (_index[i] < _outDims[i]) return;
                A -= _aStride[i] * _outDims[i];
                B -= _bStride[i] * _outDims[i];
                _index[i] = 0;
            }
        }
    }

    /// <summary>Size of the last axis (1 for a scalar).</summary>
    internal static int Last(Shape s) => s.Rank == 0 ? 1 : s[s.Rank - 1];

    /// <summary>Whether <paramref name="s"/> is a vector of <paramref name="n"/> values along the last axis (every other
    /// axis 1): a bias, which broadcasts over all rows.</summary>
    internal static bool IsRowVector(Shape s, int n) => s.Rank > 0 && s.Size == n && s[s.Rank - 1] == n;

    /// <summary>Adds <paramref name="grad"/> (shape <paramref name="from"/>) into <paramref name="target"/> (shape
    /// <paramref name="to"/>, which broadcasts to <paramref name="from"/>), summing over the broadcast axes.</summary>
    internal static void SumInto<T>(ReadOnlySpan<T> grad, Shape from, Span<T> target, Shape to)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (from.Equals(to)) { Arithmetic.Add(target, grad, target); return; }
        if (to.Size == 1) { target[0] += TensorPrimitives.Sum(grad); return; }
        int n = Last(from);
        if (IsRowVector(to, n) && to.Rank <= from.Rank) { BiasAdd.Backward(grad, target); return; }
        bool lastBroadcast = Last(to) == 1 && n != 1;
        Span<int> scratch = stackalloc int[4 * Math.Max(from.Rank, 1)];
        var w = new RowWalker(from, to, to, scratch);
        for (int r = 0; r < w.Rows; r++, w.Next())
        {
            var g = grad.Slice(r * n, n);
            if (lastBroadcast) target[w.A] += TensorPrimitives.Sum(g);
            else
            {
                var t = target.Slice(w.A, n);
                TensorPrimitives.Add(t, g, t);
            }
        }
    }
}
