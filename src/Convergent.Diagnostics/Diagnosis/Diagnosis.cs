namespace Convergent.Diagnostics;

/// <summary>
/// The final word on a run: the findings linked to their causes (<see cref="Finding.CausedBy"/> from
/// <see cref="CauseGraph"/>) and ordered most likely root cause first — every cause before its symptoms; among
/// findings free to go next, higher severity, then higher confidence, then earlier phase and step — and a verdict.
/// </summary>
public sealed class Diagnosis
{
    private Diagnosis(IReadOnlyList<Finding> findings, Verdict verdict) { Findings = findings; Verdict = verdict; }

    /// <summary>The findings, most likely root cause first.</summary>
    public IReadOnlyList<Finding> Findings { get; }

    /// <summary>The outcome in one word.</summary>
    public Verdict Verdict { get; }

    /// <summary>The root causes: findings not caused by another present finding, in order.</summary>
    public IEnumerable<Finding> RootCauses => Findings.Where(f => f.CausedBy.Count == 0);

    /// <summary>Links, orders and judges <paramref name="findings"/>.</summary>
    public static Diagnosis Of(IEnumerable<Finding> findings, StopReason stopped = StopReason.Completed, CauseGraph? graph = null)
    {
        graph ??= CauseGraph.Default;
        var list = findings.ToList();
        var present = list.Select(f => f.Code).ToHashSet(StringComparer.Ordinal);
        var linked = list.Select(f => f with { CausedBy = graph.PresentCausesOf(f.Code, present) }).Select(Explained).ToList();

        // Kahn's topological order at code level, choosing the best-ranked ready finding each time
        var ordered = new List<Finding>(linked.Count);
        var remaining = Enumerable.Range(0, linked.Count).ToList();
        var emittedCodes = new Dictionary<string, int>(StringComparer.Ordinal);
        var pendingByCode = linked.GroupBy(f => f.Code).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        while (remaining.Count > 0)
        {
            int best = -1;
            foreach (int i in remaining)
            {
                if (linked[i].CausedBy.Any(c => pendingByCode[c] > 0)) continue;
                if (best < 0 || Compare(linked[i], i, linked[best], best) < 0) best = i;
            }
            if (best < 0) best = remaining[0];   // unreachable with an acyclic graph; keeps the order total
            ordered.Add(linked[best]);
            pendingByCode[linked[best].Code]--;
            remaining.Remove(best);
        }
        return new Diagnosis(ordered, Judge(ordered, stopped));
    }

    /// <summary>The same diagnosis (order, links, verdict) with <paramref name="trial"/> attached to fix number
    /// <paramref name="fixIndex"/> of <paramref name="finding"/> (one of <see cref="Findings"/>).</summary>
    public Diagnosis WithTrial(Finding finding, int fixIndex, FixTrial trial)
    {
        int at = -1;
        for (int i = 0; i < Findings.Count; i++) if (ReferenceEquals(Findings[i], finding)) { at = i; break; }
        if (at < 0) throw new ArgumentException("The finding is not part of this diagnosis.", nameof(finding));
        if ((uint)fixIndex >= (uint)finding.Fixes.Count) throw new ArgumentOutOfRangeException(nameof(fixIndex));
        var fixes = finding.Fixes.ToArray();
        fixes[fixIndex] = fixes[fixIndex] with { Trial = trial };
        var findings = Findings.ToArray();
        findings[at] = finding with { Fixes = fixes };
        return new Diagnosis(findings, Verdict);
    }

    /// <summary>Probe symptoms that are errors only while unexplained: CANNOT_OVERFIT_SMALL_BATCH says "something is
    /// wrong" without saying what; once a present finding explains it (it has causes), it is a warning under them.</summary>
    private static Finding Explained(Finding f) =>
        f.Code == FindingCode.CannotOverfitSmallBatch && f.CausedBy.Count > 0 && f.Severity == Severity.Error ? f with { Severity = Severity.Warning } : f;

    private static int Compare(Finding a, int ia, Finding b, int ib)
    {
        int c = b.Severity.CompareTo(a.Severity);
        if (c != 0) return c;
        c = b.Confidence.CompareTo(a.Confidence);
        if (c != 0) return c;
        c = a.Phase.CompareTo(b.Phase);
        if (c != 0) return c;
        c = (a.Step ?? long.MaxValue).CompareTo(b.Step ?? long.MaxValue);
        return c != 0 ? c : ia.CompareTo(ib);
    }

    private static Verdict Judge(IReadOnlyList<Finding> findings, StopReason stopped)
    {
        bool Has(string code) => findings.Any(f => f.Code == code);
        if (stopped == StopReason.Nan || Has(FindingCode.NanLoss)) return Verdict.Diverged;
        // a constant prediction kept only as info (it held early in training, then stopped) is not a verdict
        if (Has(FindingCode.NoLearning) || findings.Any(f => f.Code == FindingCode.ConstantPrediction && f.Severity >= Severity.Warning))
            return Verdict.NotLearning;
        if (Has(FindingCode.Overfitting)) return Verdict.Overfitting;
        if (Has(FindingCode.Underfitting)) return Verdict.Underfitting;
        if (findings.Any(f => f.Severity >= Severity.Warning)) return Verdict.Hurt;
        return Verdict.Healthy;
    }
}
