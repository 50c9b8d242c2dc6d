using System.Numerics;
using Convergent.Tensors;

namespace Convergent.Nn;

// Update statistics for the trainer's probes (Apply with trackUpdates): ‖Δw‖ and ‖w‖ per variable. The fused kernels
// accumulate them in the pass that writes w (UpdateSums); only a weight changed outside the kernel (a constraint) or an
// optimizer whose step does not go through Update<T> needs a copy of its old values. Buffers are reused across steps.
public abstract partial class Optimizer
{
    private readonly List<Variable> _withGradient = [];
    private readonly List<VariableUpdate> _updates = [];
    private bool _trackingKernel;
    private UpdateTotals? _kernelTotals;
    private UpdateTotals[] _chunkTotals = [];
    // false once an UpdateStep wrote its weight without Update<T>: later tracked steps copy the old values instead
    private bool _fusedStatistics = true;
    private float[] _before32 = [];
    private double[] _before64 = [];

    private UpdateTotals[] ChunkTotals(int chunks)
    {
        if (_chunkTotals.Length < chunks) _chunkTotals = new UpdateTotals[chunks];
        return _chunkTotals;
    }

    private void KeepCopy(Tensor w)
    {
        if (w.DType == DType.Float32)
        {
            if (_before32.Length < w.Size) _before32 = new float[w.Size];
            w.AsSpan<float>().CopyTo(_before32);
        }
        else
        {
            if (_before64.Length < w.Size) _before64 = new double[w.Size];
            w.AsSpan<double>().CopyTo(_before64);
        }
    }

    private VariableUpdate FromCopy(Variable v)
    {
        var w = v.Value;
        var t = w.DType == DType.Float32
            ? Totals<float>(_before32.AsSpan(0, w.Size), w.AsSpan<float>())
            : Totals<double>(_before64.AsSpan(0, w.Size), w.AsSpan<double>());
        return new VariableUpdate(v, Math.Sqrt(t.DeltaSquared), Math.Sqrt(t.AfterSquared));
    }

    /// <summary>‖Δw‖ and ‖w′‖ from the kernel's sums. Decoupled weight decay ran before the kernel, as
    /// w_in = f·w (f = 1 − η·λ), so the whole step is Δ = (w′ − w_in) − c·w_in with c = 1/f − 1, and
    /// ‖Δ‖² = Σ(w′ − w_in)² − 2c·Σ(w′ − w_in)·w_in + c²·Σw_in².</summary>
    private VariableUpdate FromKernel(Variable v, double decay)
    {
        if (_kernelTotals is not UpdateTotals t)
        {
            // this optimizer's step wrote w without Update<T>: no sums for it now; copy the old values from now on
            _fusedStatistics = false;
            return new VariableUpdate(v, double.NaN, Norm(v.Value));
        }
        double dd = t.DeltaSquared;
        if (decay != 1)
        {
            double c = 1 / decay - 1;
            dd = Math.Max(0, dd - 2 * c * t.DeltaDotBefore + c * c * t.BeforeSquared);
        }
        return new VariableUpdate(v, Math.Sqrt(dd), Math.Sqrt(t.AfterSquared));
    }

    /// <summary>The update totals of two spans, in blocks of <see cref="StatisticsBlock"/> (the copy path).</summary>
    private static UpdateTotals Totals<T>(ReadOnlySpan<T> before, ReadOnlySpan<T> after) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var total = default(UpdateTotals);
        for (int start = 0; start < after.Length; start += StatisticsBlock)
        {
            int len = Math.Min(StatisticsBlock, after.Length - start);
            var b = before.Slice(start, len); var a = after.Slice(start, len);
            var sums = new UpdateSums<T>(enabled: true);
            int i = 0;
            if (Vector.IsHardwareAccelerated && Vector<T>.IsSupported)
                for (; i <= len - Vector<T>.Count; i += Vector<T>.Count) sums.Add(new Vector<T>(b[i..]), new Vector<T>(a[i..]));
            for (; i < len; i++) sums.Add(b[i], a[i]);
            total += sums.Totals();
        }
        return total;
    }
}
