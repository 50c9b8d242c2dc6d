using System.Numerics;
using System.Runtime.CompilerServices;

namespace Convergent.Nn;

/// <summary>
/// The sums a fused optimizer kernel keeps, in the same pass as its update, when the trainer asks for update statistics:
/// Σ(w′ − w)², Σ(w′ − w)·w, Σw² and Σw′² over the elements it updated (w before the step, w′ after). A kernel calls
/// <see cref="Add(Vector{T}, Vector{T})"/> once per vector it writes and <see cref="Add(T, T)"/> per tail element; a
/// disabled instance (an untracked step, the usual case) ignores the calls.
/// </summary>
/// <remarks>
/// The sums are kept in the element type, lane by lane, over one block of at most <see cref="Optimizer.StatisticsBlock"/>
/// elements; the optimizer's driver then adds each block's totals in double, so float32 weights of millions of
/// elements keep about 1e-6 relative accuracy (each lane adds at most Block / lanes terms).
/// </remarks>
public struct UpdateSums<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private Vector<T> _dd, _dw, _ww, _nn;
    private T _sdd, _sdw, _sww, _snn;

    /// <summary>Creates sums that record (<paramref name="enabled"/>) or ignore every call.</summary>
    public UpdateSums(bool enabled) => Enabled = enabled;

    /// <summary>Whether the calls are recorded.</summary>
    public readonly bool Enabled;

    /// <summary>Adds the elements of one vector the kernel wrote: <paramref name="before"/> the step and <paramref name="after"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Add(Vector<T> before, Vector<T> after)
    {
        if (!Enabled) return;
        var d = after - before;
        _dd += d * d; _dw += d * before; _ww += before * before; _nn += after * after;
    }

    /// <summary>Adds one element the kernel wrote (the scalar tail).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Add(T before, T after)
    {
        if (!Enabled) return;
        T d = after - before;
        _sdd += d * d; _sdw += d * before; _sww += before * before; _snn += after * after;
    }

    /// <summary>Σ(w′ − w)², Σ(w′ − w)·w, Σw², Σw′², in double.</summary>
    internal readonly UpdateTotals Totals() => new(
        double.CreateTruncating(Vector.Sum(_dd) + _sdd), double.CreateTruncating(Vector.Sum(_dw) + _sdw),
        double.CreateTruncating(Vector.Sum(_ww) + _sww), double.CreateTruncating(Vector.Sum(_nn) + _snn));
}
