namespace Convergent.Diagnostics;

/// <summary>
/// VALIDATION_SPLIT_UNREPRESENTATIVE: the validation set differs from the training set in label mix (total variation
/// distance of class shares) or in feature range (mean shift in training standard deviations, or most of the
/// validation range outside the training range). Keras's <c>validation_split</c> takes the tail of the arrays before
/// shuffling, so sorted data gives a validation set of the last classes and largest values (user story 5).
/// </summary>
public sealed class ValidationSplitUnrepresentativeRule : Rule
{
    public override string Code => FindingCode.ValidationSplitUnrepresentative;

    /// <summary>Total variation distance ½Σ|p_train − p_val| of class shares above which the label mix differs (0.2).
    /// Our choice: a random split of ≥ 100 samples stays well below it.</summary>
    public double MaxLabelShareDistance { get; set; } = 0.2;

    /// <summary>Shift of a feature's validation mean, in training standard deviations, above which ranges differ (1.0).
    /// Our choice: the standard error of a random validation mean is 1/√n_val.</summary>
    public double MaxMeanShift { get; set; } = 1.0;

    /// <summary>Share of a feature's validation range outside the training range above which ranges differ (0.5).</summary>
    public double MaxOutsideShare { get; set; } = 0.5;

    /// <summary>Fewest validation samples for a verdict (10).</summary>
    public int MinValSamples { get; set; } = 10;

    public override IEnumerable<Finding> CheckBefore(RunRecord r)
    {
        if (r.Data is not { } d || d.ValSamples < MinValSamples) yield break;
        var ev = new Evidence();
        var reasons = new List<string>();
        double score = 0;
        if (d.ValClassShares is { } vs && d.ClassShares.Length == vs.Length && vs.Length >= 2)
        {
            double tvd = 0;
            for (int c = 0; c < vs.Length; c++) tvd += Math.Abs(d.ClassShares[c] - vs[c]);
            tvd /= 2;
            if (tvd > MaxLabelShareDistance)
            {
                ev.Add("train_class_shares", d.ClassShares);
                ev.Add("val_class_shares", vs);
                ev.Add("label_share_distance", tvd);
                var missing = Enumerable.Range(0, vs.Length).Where(c => d.ClassShares[c] > 0 && vs[c] == 0).ToList();
                reasons.Add(missing.Count > 0
                    ? $"the validation set has no samples of class{(missing.Count > 1 ? "es" : "")} {string.Join(", ", missing)}"
                    : $"the class mix differs (distance {tvd:0.##})");
                score = Math.Max(score, tvd);
            }
        }
        if (d.Input is { } ti && d.ValInput is { } vi && ti.Features == vi.Features)
        {
            int worst = -1; double worstShift = 0, worstOutside = 0;
            for (int f = 0; f < ti.Features; f++)
            {
                double sd = ti.FeatureStd[f];
                if (!(sd > 1e-12)) continue;
                double shift = Math.Abs(vi.FeatureMean[f] - ti.FeatureMean[f]) / sd;
                double vRange = vi.FeatureMax[f] - vi.FeatureMin[f];
                double inside = Math.Max(0, Math.Min(vi.FeatureMax[f], ti.FeatureMax[f]) - Math.Max(vi.FeatureMin[f], ti.FeatureMin[f]));
                double outside = vRange > 0 ? 1 - inside / vRange : 0;
                if ((shift > MaxMeanShift || outside > MaxOutsideShare) && shift + outside > worstShift + worstOutside)
                { worst = f; worstShift = shift; worstOutside = outside; }
            }
            if (worst >= 0)
            {
                ev.Add("feature", worst);
                ev.Add("train_range", new[] { ti.FeatureMin[worst], ti.FeatureMax[worst] });
                ev.Add("val_range", new[] { vi.FeatureMin[worst], vi.FeatureMax[worst] });
                ev.Add("mean_shift_in_train_std", worstShift);
                if (worstOutside > 0) ev.Add("val_range_outside_train", worstOutside);
                reasons.Add($"feature {worst} covers only {vi.FeatureMin[worst]:0.###}…{vi.FeatureMax[worst]:0.###} in validation against " +
                            $"{ti.FeatureMin[worst]:0.###}…{ti.FeatureMax[worst]:0.###} in training");
                score = Math.Max(score, Math.Min(1, worstShift / 3));
            }
        }
        if (reasons.Count == 0) yield break;
        ev.Add("val_samples", d.ValSamples);
        if (d.ValidationIsTailSplit) ev.Add("validation_split", d.ValidationSplit);
        if (d.LabelsSorted) ev.Add("labels_sorted", "true");
        bool tail = d.ValidationIsTailSplit;
        yield return new Finding(Code, Severity.Warning, "The validation set does not look like the training set: " + string.Join("; ", reasons))
        {
            Evidence = ev,
            Confidence = Math.Clamp(0.6 + score / 2 + (tail && d.LabelsSorted ? 0.1 : 0), 0.6, 0.97),
            Explanation =
                "Validation numbers only mean something if the validation samples are like the training samples. Here " + string.Join("; ", reasons) + ". " +
                (tail
                    ? "Keras's validation_split takes the LAST part of the arrays, before any shuffling" +
                      (d.LabelsSorted ? ", and these arrays are sorted by class, so the validation set is the tail of the last class" : "") +
                      ". Validation loss and accuracy then measure something else than the task, and may stay flat while the model learns."
                    : "Validation loss and accuracy then measure something else than the task."),
            Fixes =
            [
                new Fix("shuffle_before_split", "Shuffle the arrays once before fit, so the validation tail is a random sample.", KerasCode.ShuffleArrays),
                new Fix("stratified_split", "Or make an explicit stratified split and pass it as validation_data.",
                    "x_tr, x_val, y_tr, y_val = sklearn.model_selection.train_test_split(x, y, test_size=0.2, stratify=y); model.fit(x_tr, y_tr, validation_data=(x_val, y_val))"),
            ],
        };
    }
}
