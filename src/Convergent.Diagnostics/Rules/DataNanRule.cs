namespace Convergent.Diagnostics;

/// <summary>DATA_NAN: NaN or ±Inf values in the inputs or targets.</summary>
public sealed class DataNanRule : Rule
{
    public override string Code => FindingCode.DataNan;

    public override IEnumerable<Finding> CheckBefore(RunRecord r)
    {
        if (r.Data is not { } d || (d.NonFiniteInputs == 0 && d.NonFiniteTargets == 0)) yield break;
        var ev = new Evidence();
        if (d.NonFiniteInputs > 0) { ev.Add("nonfinite_inputs", d.NonFiniteInputs); ev.Add("first_input_sample", d.FirstNonFiniteInput ?? -1); }
        if (d.NonFiniteTargets > 0) { ev.Add("nonfinite_targets", d.NonFiniteTargets); ev.Add("first_target_sample", d.FirstNonFiniteTarget ?? -1); }
        string where = d.NonFiniteInputs > 0 && d.NonFiniteTargets > 0 ? "inputs and targets" : d.NonFiniteInputs > 0 ? "inputs" : "targets";
        yield return new Finding(Code, Severity.Error, $"The data contains {d.NonFiniteInputs + d.NonFiniteTargets} NaN/Inf values in the {where}")
        {
            Evidence = ev,
            Confidence = 1.0,
            Explanation = $"Some {where} are NaN or infinite. A single NaN in a batch makes the loss NaN and then every weight NaN; training cannot succeed.",
            Fixes =
            [
                new Fix("drop_nonfinite_rows", "Remove the samples with missing or infinite values.",
                    "mask = np.isfinite(x).reshape(len(x), -1).all(axis=1) & np.isfinite(y).reshape(len(y), -1).all(axis=1); x, y = x[mask], y[mask]"),
                new Fix("impute_missing", "Or fill missing values (e.g. with the feature mean).", "x = np.where(np.isfinite(x), x, np.nanmean(x, axis=0))"),
            ],
        };
    }
}
