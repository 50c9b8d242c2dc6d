namespace Convergent.Diagnostics;

/// <summary>
/// The registry: one rule per finding code of findings.md, in that document's order. A test holds this list and
/// findings.md equal. Adding a rule = one file plus one line here.
/// </summary>
public static class Rules
{
    /// <summary>A fresh instance of every rule (rules keep small per-run streaming state, so each run gets its own).</summary>
    public static IReadOnlyList<Rule> All =>
    [
        // before training
        new OutputUnitsMismatchRule(),
        new LossActivationMismatchRule(),
        new LabelEncodingMismatchRule(),
        new DataNanRule(),
        new InputNotNormalizedRule(),
        new ClassImbalanceRule(),
        new ValidationSplitUnrepresentativeRule(),
        new TrainValLeakageRule(),
        new SpatialCollapseRule(),
        new NoNonlinearityRule(),
        new PoorWeightInitRule(),
        new InitLossAnomalyRule(),
        new ModelTooLargeForDataRule(),
        new MetricMisuseRule(),
        new RegularizationTooStrongRule(),
        new CannotOverfitSmallBatchRule(),
        new ModelIgnoresInputRule(),
        // during training
        new NanLossRule(),
        new ExplodingGradientRule(),
        new VanishingGradientRule(),
        new DeadReluRule(),
        new SaturatedActivationRule(),
        new SaturatedOutputRule(),
        new ConstantPredictionRule(),
        new UnchangedWeightsRule(),
        new LrTooHighRule(),
        new LrTooLowRule(),
        new OscillatingLossRule(),
        new LossPlateauRule(),
        // after training
        new OverfittingRule(),
        new UnderfittingRule(),
        new NoLearningRule(),
        new TooFewEpochsRule(),
    ];
}
