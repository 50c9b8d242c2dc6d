namespace Convergent.Diagnostics;

/// <summary>
/// OUTPUT_UNITS_MISMATCH: the last layer's width differs from the number of classes (integer labels) or the target
/// width (one-hot or other multi-column targets). One sigmoid unit for two classes is fine.
/// </summary>
public sealed class OutputUnitsMismatchRule : Rule
{
    public override string Code => FindingCode.OutputUnitsMismatch;

    public override IEnumerable<Finding> CheckBefore(RunRecord r)
    {
        if (r.Model?.OutputUnits is not int units || r.Data is not { } d || d.Encoding == LabelEncoding.Unknown) yield break;
        if (d.Encoding == LabelEncoding.Continuous && d.TargetWidth == units) yield break;
        int expected = d.TargetWidth > 1 ? d.TargetWidth : d.Classes;
        if (d.TargetWidth == 1 && d.Encoding == LabelEncoding.Binary && units is 1 or 2) yield break;
        if (d.Encoding == LabelEncoding.Continuous) expected = d.TargetWidth;
        if (expected <= 0 || units == expected) yield break;
        bool error = units < expected || d.TargetWidth > 1;
        bool binary = expected == 2 && d.TargetWidth == 1;
        string act = binary ? "sigmoid" : "softmax";
        int suggested = binary ? 1 : expected;
        yield return new Finding(Code, error ? Severity.Error : Severity.Warning,
            $"The output layer has {units} units but the data has {expected} {(d.TargetWidth > 1 ? "target columns" : "classes")}")
        {
            Layer = r.Model.OutputLayer!.Name,
            Evidence = new Evidence
            {
                { "units", units },
                { "classes", d.Classes },
                { "target_width", d.TargetWidth },
                { "label_encoding", d.Encoding.ToString().ToLowerInvariant() },
            },
            Confidence = 0.95,
            Explanation =
                $"The last layer produces {units} numbers per sample, but the targets need {expected}. " +
                (units < expected
                    ? "Some classes can never be predicted (or the loss compares the wrong columns), so the model cannot learn the task."
                    : "The extra outputs stand for classes that never occur; they waste probability mass and can hide a label problem."),
            Fixes =
            [
                new Fix("set_output_units", $"Make the last layer as wide as the targets: {suggested} unit(s).",
                    $"layers.Dense({suggested}, activation=\"{act}\")"),
                new Fix("check_labels", "Check that the labels are the ones intended (number of classes, encoding).",
                    "print(np.unique(y_train, return_counts=True))"),
            ],
        };
    }
}
