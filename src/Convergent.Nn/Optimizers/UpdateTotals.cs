namespace Convergent.Nn;

/// <summary>Totals of one optimizer step over a weight (or a block of it), in double: Σ(w′ − w)², Σ(w′ − w)·w, Σw², Σw′²
/// (w before the step, w′ after).</summary>
internal readonly record struct UpdateTotals(double DeltaSquared, double DeltaDotBefore, double BeforeSquared, double AfterSquared)
{
    public static UpdateTotals operator +(UpdateTotals a, UpdateTotals b) => new(a.DeltaSquared + b.DeltaSquared,
        a.DeltaDotBefore + b.DeltaDotBefore, a.BeforeSquared + b.BeforeSquared, a.AfterSquared + b.AfterSquared);
}
