namespace Convergent.Diagnostics;

/// <summary>Small helpers over epoch curves shared by several rules.</summary>
internal static class Curves
{
    /// <summary>Start index of the run of values at the end of <paramref name="y"/> that stay within
    /// <paramref name="relativeTolerance"/> of the last value (|v − last| ≤ tol·max(|last|, 1e-12)), and its length.</summary>
    public static (int Start, int Length) FinalFlatRun(ReadOnlySpan<double> y, double relativeTolerance)
    {
        if (y.IsEmpty || !double.IsFinite(y[^1])) return (y.Length, 0);
        double last = y[^1], tol = relativeTolerance * Math.Max(Math.Abs(last), 1e-12);
        int start = y.Length - 1;
        while (start > 0 && double.IsFinite(y[start - 1]) && Math.Abs(y[start - 1] - last) <= tol) start--;
        return (start, y.Length - start);
    }

    /// <summary>Same as <see cref="FinalFlatRun"/> with an absolute tolerance.</summary>
    public static (int Start, int Length) FinalFlatRunAbsolute(ReadOnlySpan<double> y, double tolerance)
    {
        if (y.IsEmpty || !double.IsFinite(y[^1])) return (y.Length, 0);
        double last = y[^1];
        int start = y.Length - 1;
        while (start > 0 && double.IsFinite(y[start - 1]) && Math.Abs(y[start - 1] - last) <= tolerance) start--;
        return (start, y.Length - start);
    }

    /// <summary>Whether every value is finite.</summary>
    public static bool AllFinite(ReadOnlySpan<double> y)
    {
        foreach (var v in y) if (!double.IsFinite(v)) return false;
        return true;
    }

    /// <summary>The median over layers of the last value of a per-layer series (NaN when none has values).</summary>
    public static double MedianOverLayers(RunRecord r, Func<LayerRecord, Series> pick, int lastN)
    {
        var meds = new List<double>();
        foreach (var l in r.Layers)
        {
            var s = pick(l);
            if (s.IsEmpty) continue;
            meds.Add(Robust.Median(s.LastValues(lastN)));
        }
        return Robust.Median(meds.ToArray());
    }

    /// <summary>
    /// Whether training has converged to (near) zero loss: the mean batch loss of the last few steps (at most 5 of
    /// <paramref name="window"/>) is below <paramref name="share"/> of the initial loss. Zero gradients and unchanged weights
    /// are then expected, not a fault (a crossentropy clipped at 1 − 1e-7 passes back exactly 0 once all is right).
    /// </summary>
    public static bool HasConverged(RunRecord r, int window, double share = 1e-3)
    {
        var loss = r.Steps.Loss;
        if (loss.Count < 2) return false;
        double first = InitialLoss(r);
        // the mean, not the median: a few confidently wrong samples in mostly perfect batches are not convergence
        double sum = 0; int n = 0;
        foreach (var v in loss.LastValues(Math.Min(window, 5))) if (double.IsFinite(v)) { sum += v; n++; }
        return first > 0 && n > 0 && sum / n <= share * first;
    }

    /// <summary>The loss scale training started from: the first batch loss (the model at initialization), or the median
    /// of the first ten if larger. NaN before any step.</summary>
    public static double InitialLoss(RunRecord r)
    {
        var loss = r.Steps.Loss;
        return loss.Count == 0 ? double.NaN : Math.Max(loss.Values[0], Robust.Median(loss.Values[..Math.Min(loss.Count, 10)]));
    }

    /// <summary>Index of the first value of the run at the end of <paramref name="values"/> for which
    /// <paramref name="holds"/> is true (values.Length when the last value does not hold).</summary>
    public static int RunStart(ReadOnlySpan<double> values, Func<double, bool> holds)
    {
        int i = values.Length;
        while (i > 0 && holds(values[i - 1])) i--;
        return i;
    }

    /// <summary>The epoch (1-based) of a step, or null.</summary>
    public static int? EpochOf(RunRecord r, long step) => r.Steps.EpochOf(step);

    /// <summary>The learning rate of the run: the configured one, else the last recorded per step or per epoch.</summary>
    public static double? LearningRate(RunRecord r) =>
        r.Training.LearningRate
        ?? (r.Steps.LearningRate.IsEmpty ? (double?)null : r.Steps.LearningRate.Last.Value)
        ?? (r.Epochs.Has(EpochTable.LrName) ? r.Epochs.Lr.LastOrDefault(double.IsFinite) : (double?)null);
}
