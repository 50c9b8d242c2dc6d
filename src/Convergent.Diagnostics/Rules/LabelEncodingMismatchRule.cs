namespace Convergent.Diagnostics;

/// <summary>
/// LABEL_ENCODING_MISMATCH: integer labels given to a one-hot loss, one-hot labels to a sparse loss, class indices
/// out of the output's range, or binary-crossentropy targets outside [0, 1].
/// </summary>
public sealed class LabelEncodingMismatchRule : Rule
{
    public override string Code => FindingCode.LabelEncodingMismatch;

    public override IEnumerable<Finding> CheckBefore(RunRecord r)
    {
        if (r.Data is not { } d || r.Training.Loss is not { } loss) yield break;
        int units = r.Model?.OutputUnits ?? d.Classes;
        bool sparse = loss.StartsWith("sparse_categorical", StringComparison.Ordinal);
        bool categorical = !sparse && loss.Contains("categorical_crossentropy", StringComparison.Ordinal);
        bool binary = loss.Contains("binary_crossentropy", StringComparison.Ordinal);
        var ev = new Evidence
        {
            { "loss", loss },
            { "label_encoding", d.Encoding.ToString().ToLowerInvariant() },
            { "target_width", d.TargetWidth },
            { "label_min", d.LabelMin },
            { "label_max", d.LabelMax },
            { "output_units", units },
        };
        string? title = null, why = null; Fix? fix = null;
        if (categorical && d.TargetWidth == 1 && units > 1 && d.Encoding is LabelEncoding.Integer or LabelEncoding.Binary)
        {
            title = "Integer class labels given to categorical_crossentropy, which expects one-hot rows";
            why = "categorical_crossentropy compares each output with a one-hot target row; the labels are class numbers (one column), so the loss reads them as a single probability and the model learns the wrong thing.";
            fix = new Fix("use_sparse_loss", "Use the sparse loss for integer labels (or one-hot encode them).",
                $"loss=\"sparse_categorical_crossentropy\"  # or y = keras.utils.to_categorical(y, num_classes={Math.Max(units, d.Classes)})");
        }
        else if (sparse && d.TargetWidth > 1 && d.Encoding is LabelEncoding.OneHot or LabelEncoding.Probabilities)
        {
            title = "One-hot labels given to sparse_categorical_crossentropy, which expects class numbers";
            why = "sparse_categorical_crossentropy expects one integer class per sample; the labels are one-hot rows.";
            fix = new Fix("use_categorical_loss", "Use categorical_crossentropy for one-hot labels (or convert them to class numbers).",
                "loss=\"categorical_crossentropy\"  # or y = y.argmax(axis=1)");
        }
        else if ((sparse || (categorical && d.TargetWidth == 1)) && d.Encoding is LabelEncoding.Integer or LabelEncoding.Binary && (d.LabelMin < 0 || d.LabelMax >= units))
        {
            title = $"Class labels {d.LabelMin:0}…{d.LabelMax:0} do not fit the {units} outputs";
            why = $"Class numbers must lie in 0…{units - 1} for a layer with {units} outputs; labels outside that range have no output to match.";
            fix = new Fix("relabel_classes", "Map the labels to 0…C−1, or widen the output layer.",
                "classes, y = np.unique(y, return_inverse=True)");
        }
        else if (binary && (d.LabelMin < 0 || d.LabelMax > 1))
        {
            title = $"Binary crossentropy targets outside [0, 1] ({d.LabelMin:0.###}…{d.LabelMax:0.###})";
            why = "Binary crossentropy needs targets between 0 and 1; other values make the loss meaningless (it can become negative).";
            fix = new Fix("binary_targets", "Map targets to 0/1, or use a loss for the task (categorical for several classes, MSE for regression).",
                "y = (y > 0).astype(\"float32\")");
        }
        if (title is null) yield break;
        yield return new Finding(Code, Severity.Error, title)
        {
            Evidence = ev,
            Confidence = 0.9,
            Explanation = why!,
            Fixes = [fix!],
        };
    }
}
