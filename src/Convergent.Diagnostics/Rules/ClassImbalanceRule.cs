using System.Globalization;

namespace Convergent.Diagnostics;

/// <summary>CLASS_IMBALANCE: the largest class outnumbers the smallest by a large factor; accuracy is then misleading.</summary>
public sealed class ClassImbalanceRule : Rule
{
    public override string Code => FindingCode.ClassImbalance;

    /// <summary>Largest/smallest class ratio. findings.md "Thresholds": class imbalance ≥ 10× between largest and smallest class.</summary>
    public double MaxRatio { get; set; } = 10;

    public override IEnumerable<Finding> CheckBefore(RunRecord r)
    {
        if (r.Data is not { ClassShares.Length: >= 2 } d) yield break;
        var present = d.ClassShares.Where(s => s > 0).ToArray();
        if (present.Length < 2) yield break;
        double ratio = present.Max() / present.Min();
        if (ratio < MaxRatio) yield break;
        int c = d.ClassShares.Length;
        var weights = string.Join(", ", d.ClassShares.Select((s, i) => s > 0
            ? $"{i}: {(1.0 / (c * s)).ToString("0.##", CultureInfo.InvariantCulture)}" : $"{i}: 1.0"));
        yield return new Finding(Code, Severity.Warning, $"Classes are imbalanced {ratio:0}:1; always predicting the majority class scores {d.MajorityShare:P1}")
        {
            Evidence = new Evidence
            {
                { "class_shares", d.ClassShares },
                { "majority_share", d.MajorityShare },
                { "imbalance_ratio", ratio },
            },
            Confidence = 0.9,
            Explanation =
                $"The largest class is {ratio:0}× bigger than the smallest. A model that always predicts the largest class already gets " +
                $"{d.MajorityShare:P1} accuracy, so accuracy hides whether the small classes are learned, and the loss pushes the model towards " +
                "the large class.",
            Fixes =
            [
                new Fix("class_weight", "Weight classes by inverse frequency.", $"model.fit(..., class_weight={{{weights}}})"),
                new Fix("balanced_metrics", "Track per-class metrics instead of plain accuracy.",
                    "metrics=[keras.metrics.Precision(), keras.metrics.Recall(), keras.metrics.AUC()]"),
                new Fix("resample", "Oversample the small classes (or undersample the large ones).", null),
            ],
        };
    }
}
