namespace Convergent.Diagnostics;

/// <summary>
/// MODEL_TOO_LARGE_FOR_DATA: the model has vastly more parameters than training samples and nothing regularizes it
/// (no dropout, no weight penalty, no weight decay, no constraint, no batch normalization).
/// </summary>
public sealed class ModelTooLargeForDataRule : Rule
{
    public override string Code => FindingCode.ModelTooLargeForData;

    /// <summary>Parameters per training sample above which the model is too large unregularized (1000). Our choice:
    /// regularized image models commonly have 10–100 parameters per sample.</summary>
    public double MaxParamsPerSample { get; set; } = 1000;

    public override IEnumerable<Finding> CheckBefore(RunRecord r)
    {
        if (r.Model is not { Params: > 0 } m || r.Data is not { TrainSamples: > 0 } d) yield break;
        double perSample = (double)m.Params / d.TrainSamples;
        if (perSample < MaxParamsPerSample) yield break;
        bool regularized = m.Layers.Any(l => l.DropoutRate > 0 || l.HasRegularizer || l.RegularizerStrength > 0 || l.HasConstraint
                                             || l.ClassName.Contains("Normalization", StringComparison.Ordinal))
                           || r.Training.WeightDecay > 0;
        if (regularized) yield break;
        var biggest = m.Layers.MaxBy(l => l.Params)!;
        yield return new Finding(Code, Severity.Warning, $"{m.Params:N0} parameters for {d.TrainSamples:N0} training samples ({perSample:N0} per sample), with no regularization")
        {
            Layer = biggest.Name,
            Evidence = new Evidence
            {
                { "params", m.Params },
                { "train_samples", d.TrainSamples },
                { "params_per_sample", perSample },
                { "largest_layer", biggest.Name },
                { "largest_layer_params", biggest.Params },
            },
            Confidence = 0.7,
            Explanation =
                $"The model can store {perSample:N0} numbers per training sample and nothing holds it back, so it can memorize the training set " +
                $"instead of learning general rules. The largest layer, '{biggest.Name}', has {biggest.Params:N0} parameters.",
            Fixes =
            [
                new Fix("smaller_model", $"Shrink the largest layer ('{biggest.Name}') or the input it receives (more pooling before Flatten).", "layers.MaxPooling2D((2, 2))  # before Flatten"),
                new Fix("dropout", "Add dropout before the dense layers.", "layers.Dropout(0.5)"),
                new Fix("weight_decay", "Penalize large weights.", "kernel_regularizer=keras.regularizers.l2(1e-4)"),
                new Fix("more_data", "Get more data or augment it.", "layers.RandomFlip(\"horizontal\"), layers.RandomTranslation(0.1, 0.1)"),
            ],
        };
    }
}
