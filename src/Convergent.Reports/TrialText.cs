using System.Globalization;
using Convergent.Diagnostics;

namespace Convergent.Reports;

/// <summary>The one-line console form of a fix trial, shown live by the CLI and under the fix in the summary.</summary>
public static class TrialText
{
    /// <summary>"val loss 2.3026 → 0.4120 (−82.1 %), val accuracy 0.100 → 0.870: improved (learning rate … , 3.2 s)".</summary>
    public static string Describe(FixTrial t)
    {
        static string F(double v, string format) => double.IsFinite(v) ? v.ToString(format, CultureInfo.InvariantCulture) : v.ToString(CultureInfo.InvariantCulture);
        string prefix = t.Data == "validation" ? "val " : "";
        string text = $"{prefix}loss {F(t.LossBefore, "0.0000")} → {F(t.LossAfter, "0.0000")}";
        if (t.LossChangePercent is double p) text += $" ({(p < 0 ? "−" : "+")}{Math.Abs(p).ToString("0.0", CultureInfo.InvariantCulture)} %)";
        if (t.Metric is not null && t.MetricBefore is double mb && t.MetricAfter is double ma)
            text += $", {prefix}{t.Metric} {F(mb, "0.000")} → {F(ma, "0.000")}";
        string outcome = t.Outcome switch
        {
            TrialOutcome.Improved => "improved",
            TrialOutcome.Worse => "worse",
            TrialOutcome.NoClearChange => "no clear change",
            _ => "inconclusive (the trial ran out of time before its epochs were done)",
        };
        return $"{text}: {outcome} ({t.Change}; {t.Seconds.ToString("0.0", CultureInfo.InvariantCulture)} s)";
    }
}
