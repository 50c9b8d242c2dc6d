namespace Convergent.Diagnostics;

/// <summary>
/// The finding codes of <c>shared/specs/findings.md</c> — the doctor's stable vocabulary, used verbatim in reports.
/// A new code is added to findings.md first, then here, then as one rule in <see cref="Rules"/>.
/// </summary>
public static class FindingCode
{
    // ---- before training ----
    public const string OutputUnitsMismatch = "OUTPUT_UNITS_MISMATCH";
    public const string LossActivationMismatch = "LOSS_ACTIVATION_MISMATCH";
    public const string LabelEncodingMismatch = "LABEL_ENCODING_MISMATCH";
    public const string DataNan = "DATA_NAN";
    public const string InputNotNormalized = "INPUT_NOT_NORMALIZED";
    public const string ClassImbalance = "CLASS_IMBALANCE";
    public const string ValidationSplitUnrepresentative = "VALIDATION_SPLIT_UNREPRESENTATIVE";
    public const string TrainValLeakage = "TRAIN_VAL_LEAKAGE";
    public const string SpatialCollapse = "SPATIAL_COLLAPSE";
    public const string NoNonlinearity = "NO_NONLINEARITY";
    public const string PoorWeightInit = "POOR_WEIGHT_INIT";
    public const string InitLossAnomaly = "INIT_LOSS_ANOMALY";
    public const string ModelTooLargeForData = "MODEL_TOO_LARGE_FOR_DATA";
    public const string MetricMisuse = "METRIC_MISUSE";
    public const string RegularizationTooStrong = "REGULARIZATION_TOO_STRONG";
    public const string CannotOverfitSmallBatch = "CANNOT_OVERFIT_SMALL_BATCH";
    public const string ModelIgnoresInput = "MODEL_IGNORES_INPUT";

    // ---- during training ----
    public const string NanLoss = "NAN_LOSS";
    public const string ExplodingGradient = "EXPLODING_GRADIENT";
    public const string VanishingGradient = "VANISHING_GRADIENT";
    public const string DeadRelu = "DEAD_RELU";
    public const string SaturatedActivation = "SATURATED_ACTIVATION";
    public const string SaturatedOutput = "SATURATED_OUTPUT";
    public const string ConstantPrediction = "CONSTANT_PREDICTION";
    public const string UnchangedWeights = "UNCHANGED_WEIGHTS";
    public const string LrTooHigh = "LR_TOO_HIGH";
    public const string LrTooLow = "LR_TOO_LOW";
    public const string OscillatingLoss = "OSCILLATING_LOSS";
    public const string LossPlateau = "LOSS_PLATEAU";

    // ---- after training ----
    public const string Overfitting = "OVERFITTING";
    public const string Underfitting = "UNDERFITTING";
    public const string NoLearning = "NO_LEARNING";
    public const string TooFewEpochs = "TOO_FEW_EPOCHS";

    /// <summary>Every code with the phase of the findings.md table it is listed in, in that document's order.</summary>
    public static IReadOnlyList<(string Code, Phase Phase)> All { get; } =
    [
        (OutputUnitsMismatch, Phase.Before),
        (LossActivationMismatch, Phase.Before),
        (LabelEncodingMismatch, Phase.Before),
        (DataNan, Phase.Before),
        (InputNotNormalized, Phase.Before),
        (ClassImbalance, Phase.Before),
        (ValidationSplitUnrepresentative, Phase.Before),
        (TrainValLeakage, Phase.Before),
        (SpatialCollapse, Phase.Before),
        (NoNonlinearity, Phase.Before),
        (PoorWeightInit, Phase.Before),
        (InitLossAnomaly, Phase.Before),
        (ModelTooLargeForData, Phase.Before),
        (MetricMisuse, Phase.Before),
        (RegularizationTooStrong, Phase.Before),
        (CannotOverfitSmallBatch, Phase.Before),
        (ModelIgnoresInput, Phase.Before),
        (NanLoss, Phase.During),
        (ExplodingGradient, Phase.During),
        (VanishingGradient, Phase.During),
        (DeadRelu, Phase.During),
        (SaturatedActivation, Phase.During),
        (SaturatedOutput, Phase.During),
        (ConstantPrediction, Phase.During),
        (UnchangedWeights, Phase.During),
        (LrTooHigh, Phase.During),
        (LrTooLow, Phase.During),
        (OscillatingLoss, Phase.During),
        (LossPlateau, Phase.During),
        (Overfitting, Phase.After),
        (Underfitting, Phase.After),
        (NoLearning, Phase.After),
        (TooFewEpochs, Phase.After),
    ];

    private static readonly Dictionary<string, Phase> s_phase = All.ToDictionary(c => c.Code, c => c.Phase, StringComparer.Ordinal);

    /// <summary>Whether <paramref name="code"/> is one of the codes of findings.md.</summary>
    public static bool IsKnown(string code) => s_phase.ContainsKey(code);

    /// <summary>The phase whose table lists <paramref name="code"/>; throws for an unknown code.</summary>
    public static Phase PhaseOf(string code) =>
        s_phase.TryGetValue(code, out var p) ? p : throw new ArgumentException($"Unknown finding code '{code}'. Codes come only from findings.md.", nameof(code));
}
