using System.Numerics;
using Convergent.Tensors;

namespace Convergent.Nn;

// Update statistics for the trainer's probes (Apply with trackUpdates): ‖Δw‖ and ‖w‖ per variable, and the raw
// gradient's statistics. A weight of up to SmallTracked elements is copied before its plain step and compared after it
// (SmallTrackedStep); for a larger one the fused kernels accumulate the sums in the pass that writes w (UpdateSums), and
// only one changed outside the kernel (a constraint) or stepped without Update<T> needs a copy of its old values.
// Buffers are reused across steps.
public abstract partial class Optimizer
{
    private readonly List<Variable> _withGradient = [];
    private readonly VariableUpdates _updates = new();
    private bool _trackingKernel;
    // the last tracked kernel's totals (valid when _hasKernelTotals: a nullable struct costs a copy on every test)
    private UpdateTotals _kernelTotals;
    private bool _hasKernelTotals;
    private UpdateTotals[] _chunkTotals = [];
    // false once an UpdateStep wrote its weight without Update<T>: later tracked steps copy the old values instead
    private bool _fusedStatistics = true;
    private float[] _before32 = [];
    private double[] _before64 = [];
    // the raw gradients' statistics when clipping will change them (taken before it), by position in _withGradient
    private GradientStatistics[] _rawGradients = [];


    /// <summary>Weights up to this many elements are tracked by copy and compare (<see cref="Compare{T}"/>): below a few
    /// vectors, the fused kernel's scalar tail of sums costs more than a copy and four vector reductions.</summary>
    private const int SmallTracked = 256;

    private Span<T> Before<T>(int n) where T : unmanaged
    {
        if (typeof(T) == typeof(float))
        {
            if (_before32.Length < n) _before32 = new float[Math.Max(n, SmallTracked)];
            return System.Runtime.InteropServices.MemoryMarshal.Cast<float, T>(_before32.AsSpan(0, n));
        }
        if (_before64.Length < n) _before64 = new double[Math.Max(n, SmallTracked)];
        return System.Runtime.InteropServices.MemoryMarshal.Cast<double, T>(_before64.AsSpan(0, n));
    }

    private void MeasureRawGradients()
    {
        if (_rawGradients.Length < _withGradient.Count) _rawGradients = new GradientStatistics[Math.Max(8, _withGradient.Count)];
        for (int k = 0; k < _withGradient.Count; k++) _rawGradients[k] = GradientStatistics.Of(_withGradient[k].Gradient!);
    }

    /// <summary>The update totals of a small weight from its values before and after the step: one pass, the sums in
    /// registers (a struct of sums passed by reference would go through memory on every element of a short tail). Without
    /// decoupled weight decay (<paramref name="withBefore"/> false) only Σ(w′ − w)² and Σw′² are needed: the other two
    /// are left at zero. With a <paramref name="gradient"/> (of the same length) the pass also sums its squares and
    /// magnitudes (NaN/∞ when it holds a non-finite entry); with an empty one they are zero.</summary>
    private static UpdateTotals Compare<T>(ReadOnlySpan<T> before, ReadOnlySpan<T> after, bool withBefore) where T : unmanaged, IFloatingPointIeee754<T> =>
        Compare(before, after, withBefore, default, out _, out _);

    private static UpdateTotals Compare<T>(ReadOnlySpan<T> before, ReadOnlySpan<T> after, bool withBefore, ReadOnlySpan<T> gradient,
        out double gradientSquares, out double gradientMagnitudes) where T : unmanaged, IFloatingPointIeee754<T>
    {
        T dd = T.Zero, dw = T.Zero, ww = T.Zero, aa = T.Zero, gg = T.Zero, ga = T.Zero;
        int i = 0, n = after.Length;
        bool withGradient = !gradient.IsEmpty;
        if (Vector.IsHardwareAccelerated && Vector<T>.IsSupported && n >= Vector<T>.Count)
        {
            Vector<T> vdd = Vector<T>.Zero, vdw = Vector<T>.Zero, vww = Vector<T>.Zero, vaa = Vector<T>.Zero;
            Vector<T> vgg = Vector<T>.Zero, vga = Vector<T>.Zero;
            if (withGradient)
            {
                gradient = gradient[..n];
                for (int j = 0; j <= n - Vector<T>.Count; j += Vector<T>.Count)
                {
                    var gv = new Vector<T>(gradient[j..]);
                    vgg += gv * gv; vga += Vector.Abs(gv);
                }
                gg = Vector.Sum(vgg); ga = Vector.Sum(vga);
            }
            if (withBefore)
                for (; i <= n - Vector<T>.Count; i += Vector<T>.Count)
                {
                    var b = new Vector<T>(before[i..]); var a = new Vector<T>(after[i..]);
                    var d = a - b;
                    vdd += d * d; vdw += d * b; vww += b * b; vaa += a * a;
                }
            else
                for (; i <= n - Vector<T>.Count; i += Vector<T>.Count)
                {
                    var a = new Vector<T>(after[i..]);
                    var d = a - new Vector<T>(before[i..]);
                    vdd += d * d; vaa += a * a;
                }
            dd = Vector.Sum(vdd); aa = Vector.Sum(vaa);
            if (withBefore) { dw = Vector.Sum(vdw); ww = Vector.Sum(vww); }
        }
        if (withGradient)
            for (int j = i; j < n; j++) { T v = gradient[j]; gg += v * v; ga += T.Abs(v); }
        if (withBefore)
            for (; i < n; i++)
            {
                T b = before[i], a = after[i], d = a - b;
                dd += d * d; dw += d * b; ww += b * b; aa += a * a;
            }
        else
            for (; i < n; i++)
            {
                T a = after[i], d = a - before[i];
                dd += d * d; aa += a * a;
            }
        gradientSquares = double.CreateTruncating(gg);
        gradientMagnitudes = double.CreateTruncating(ga);
        return new UpdateTotals(double.CreateTruncating(dd), double.CreateTruncating(dw), double.CreateTruncating(ww), double.CreateTruncating(aa));
    }

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

    private void AddFromCopy(Variable v, GradientStatistics gradient)
    {
        var w = v.Value;
        var t = w.DType == DType.Float32
            ? Totals<float>(_before32.AsSpan(0, w.Size), w.AsSpan<float>())
            : Totals<double>(_before64.AsSpan(0, w.Size), w.AsSpan<double>());
        _updates.Add(v, t.DeltaSquared, t.AfterSquared, gradient);
    }

    /// <summary>‖Δw‖ and ‖w′‖ from the kernel's sums. Decoupled weight decay ran before the kernel, as
    /// w_in = f·w (f = 1 − η·λ), so the whole step is Δ = (w′ − w_in) − c·w_in with c = 1/f − 1, and
    /// ‖Δ‖² = Σ(w′ − w_in)² − 2c·Σ(w′ − w_in)·w_in + c²·Σw_in².</summary>
    private void AddFromKernel(Variable v, double decay, GradientStatistics gradient)
    {
        if (!_hasKernelTotals)
        {
            // this optimizer's step wrote w without Update<T>: no sums for it now; copy the old values from now on
            _fusedStatistics = false;
            double norm = Norm(v.Value);
            _updates.Add(v, double.NaN, norm * norm, gradient);
            return;
        }
        var t = _kernelTotals;
        double dd = t.DeltaSquared;
        if (decay != 1)
        {
            double c = 1 / decay - 1;
            dd = Math.Max(0, dd - 2 * c * t.DeltaDotBefore + c * c * t.BeforeSquared);
        }
        _updates.Add(v, dd, t.AfterSquared, gradient);
    }

    /// <summary>The update totals of two spans, in blocks of <see cref="StatisticsBlock"/> (the copy path).</summary>
    private static UpdateTotals Totals<T>(ReadOnlySpan<T> before, ReadOnlySpan<T> after) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var total = default(UpdateTotals);
        for (int start = 0; start < after.Length; start += StatisticsBlock)
        {
            int len = Math.Min(StatisticsBlock, after.Length - start);
            total += Compare(before.Slice(start, len), after.Slice(start, len), withBefore: true);
        }
        return total;
    }
}
