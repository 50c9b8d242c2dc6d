namespace Convergent.Diagnostics;

/// <summary>
/// The one table of root-cause links: each row says a symptom can be caused by a deeper finding. Rules never link
/// findings themselves; <see cref="Diagnosis"/> reads this table to fill <see cref="Finding.CausedBy"/> and to
/// list causes before their symptoms. The table must stay acyclic (a test holds it).
/// </summary>
public sealed class CauseGraph
{
    /// <summary>Symptom ← cause rows (findings.md, "Order", and the published failure chains of the five user stories).</summary>
    public static IReadOnlyList<(string Symptom, string Cause)> DefaultLinks { get; } =
    [
        // user story 2: kernel = image → dead ReLUs → saturated softmax → one class predicted → nothing learned
        (FindingCode.NoLearning, FindingCode.ConstantPrediction),
        (FindingCode.NoLearning, FindingCode.SaturatedOutput),
        (FindingCode.NoLearning, FindingCode.UnchangedWeights),
        (FindingCode.NoLearning, FindingCode.VanishingGradient),
        (FindingCode.NoLearning, FindingCode.DeadRelu),
        (FindingCode.NoLearning, FindingCode.NanLoss),
        (FindingCode.NoLearning, FindingCode.LrTooLow),
        (FindingCode.NoLearning, FindingCode.LossActivationMismatch),
        (FindingCode.NoLearning, FindingCode.LabelEncodingMismatch),
        (FindingCode.NoLearning, FindingCode.OutputUnitsMismatch),
        (FindingCode.NoLearning, FindingCode.CannotOverfitSmallBatch),
        (FindingCode.NoLearning, FindingCode.ModelIgnoresInput),
        (FindingCode.NoLearning, FindingCode.DataNan),
        (FindingCode.ConstantPrediction, FindingCode.SaturatedOutput),
        (FindingCode.ConstantPrediction, FindingCode.DeadRelu),
        (FindingCode.ConstantPrediction, FindingCode.ClassImbalance),
        (FindingCode.ConstantPrediction, FindingCode.LossActivationMismatch),
        (FindingCode.ConstantPrediction, FindingCode.LabelEncodingMismatch),
        (FindingCode.SaturatedOutput, FindingCode.DeadRelu),
        (FindingCode.SaturatedOutput, FindingCode.LrTooHigh),
        (FindingCode.SaturatedOutput, FindingCode.InputNotNormalized),
        (FindingCode.SaturatedOutput, FindingCode.SpatialCollapse),
        (FindingCode.SaturatedOutput, FindingCode.PoorWeightInit),
        (FindingCode.SaturatedOutput, FindingCode.ExplodingGradient),
        (FindingCode.SaturatedOutput, FindingCode.LossActivationMismatch),
        (FindingCode.DeadRelu, FindingCode.LrTooHigh),
        (FindingCode.DeadRelu, FindingCode.InputNotNormalized),
        (FindingCode.DeadRelu, FindingCode.PoorWeightInit),
        (FindingCode.DeadRelu, FindingCode.SpatialCollapse),
        (FindingCode.DeadRelu, FindingCode.ExplodingGradient),
        (FindingCode.UnchangedWeights, FindingCode.DeadRelu),
        (FindingCode.UnchangedWeights, FindingCode.SaturatedOutput),
        (FindingCode.UnchangedWeights, FindingCode.VanishingGradient),
        (FindingCode.UnchangedWeights, FindingCode.SaturatedActivation),
        (FindingCode.UnchangedWeights, FindingCode.LrTooLow),
        (FindingCode.VanishingGradient, FindingCode.SaturatedActivation),
        (FindingCode.VanishingGradient, FindingCode.DeadRelu),
        (FindingCode.VanishingGradient, FindingCode.SaturatedOutput),
        (FindingCode.VanishingGradient, FindingCode.PoorWeightInit),
        (FindingCode.SaturatedActivation, FindingCode.InputNotNormalized),
        (FindingCode.SaturatedActivation, FindingCode.PoorWeightInit),
        (FindingCode.SaturatedActivation, FindingCode.LrTooHigh),
        (FindingCode.ExplodingGradient, FindingCode.LrTooHigh),
        (FindingCode.ExplodingGradient, FindingCode.PoorWeightInit),
        (FindingCode.ExplodingGradient, FindingCode.InputNotNormalized),
        (FindingCode.NanLoss, FindingCode.DataNan),
        (FindingCode.NanLoss, FindingCode.ExplodingGradient),
        (FindingCode.NanLoss, FindingCode.LrTooHigh),
        (FindingCode.NanLoss, FindingCode.InputNotNormalized),
        (FindingCode.NanLoss, FindingCode.LossActivationMismatch),
        (FindingCode.LossPlateau, FindingCode.SaturatedOutput),
        (FindingCode.LossPlateau, FindingCode.ConstantPrediction),
        (FindingCode.LossPlateau, FindingCode.DeadRelu),
        (FindingCode.LossPlateau, FindingCode.VanishingGradient),
        (FindingCode.LossPlateau, FindingCode.UnchangedWeights),
        (FindingCode.LossPlateau, FindingCode.SaturatedActivation),
        (FindingCode.LossPlateau, FindingCode.LrTooLow),
        (FindingCode.OscillatingLoss, FindingCode.LrTooHigh),
        // LR_TOO_LOW reads the update/weight ratio ‖Δw‖/‖w‖: weights initialized orders of magnitude too large make it
        // tiny at any rate, and their saturated units pass back almost no gradient (huge-init on blobs, seed 3:
        // update ratio 4.9e-7 with N(0, 8²) weights)
        (FindingCode.LrTooLow, FindingCode.PoorWeightInit),
        (FindingCode.LrTooHigh, FindingCode.InputNotNormalized),
        (FindingCode.InitLossAnomaly, FindingCode.InputNotNormalized),
        (FindingCode.InitLossAnomaly, FindingCode.PoorWeightInit),
        (FindingCode.InitLossAnomaly, FindingCode.LossActivationMismatch),
        (FindingCode.InitLossAnomaly, FindingCode.OutputUnitsMismatch),
        (FindingCode.InitLossAnomaly, FindingCode.LabelEncodingMismatch),
        (FindingCode.PoorWeightInit, FindingCode.InputNotNormalized),
        (FindingCode.CannotOverfitSmallBatch, FindingCode.LossActivationMismatch),
        (FindingCode.CannotOverfitSmallBatch, FindingCode.LabelEncodingMismatch),
        (FindingCode.CannotOverfitSmallBatch, FindingCode.OutputUnitsMismatch),
        (FindingCode.CannotOverfitSmallBatch, FindingCode.NoNonlinearity),
        (FindingCode.CannotOverfitSmallBatch, FindingCode.DataNan),
        (FindingCode.CannotOverfitSmallBatch, FindingCode.RegularizationTooStrong),
        (FindingCode.CannotOverfitSmallBatch, FindingCode.InputNotNormalized),
        (FindingCode.CannotOverfitSmallBatch, FindingCode.SpatialCollapse),
        // the quick probes fail for the same reasons full training does
        (FindingCode.CannotOverfitSmallBatch, FindingCode.PoorWeightInit),
        (FindingCode.CannotOverfitSmallBatch, FindingCode.VanishingGradient),
        (FindingCode.CannotOverfitSmallBatch, FindingCode.DeadRelu),
        (FindingCode.CannotOverfitSmallBatch, FindingCode.SaturatedOutput),
        (FindingCode.CannotOverfitSmallBatch, FindingCode.SaturatedActivation),
        (FindingCode.CannotOverfitSmallBatch, FindingCode.UnchangedWeights),
        (FindingCode.CannotOverfitSmallBatch, FindingCode.LrTooHigh),
        (FindingCode.CannotOverfitSmallBatch, FindingCode.LrTooLow),
        (FindingCode.ModelIgnoresInput, FindingCode.VanishingGradient),
        (FindingCode.ModelIgnoresInput, FindingCode.DeadRelu),
        (FindingCode.ModelIgnoresInput, FindingCode.SaturatedOutput),
        (FindingCode.ModelIgnoresInput, FindingCode.UnchangedWeights),
        (FindingCode.ModelIgnoresInput, FindingCode.LrTooHigh),
        (FindingCode.ModelIgnoresInput, FindingCode.LrTooLow),
        (FindingCode.ModelIgnoresInput, FindingCode.SpatialCollapse),
        (FindingCode.ModelIgnoresInput, FindingCode.InputNotNormalized),
        (FindingCode.Overfitting, FindingCode.ModelTooLargeForData),
        // user story 5: a validation tail of sorted data diverges from training from the first epoch
        (FindingCode.Overfitting, FindingCode.ValidationSplitUnrepresentative),
        (FindingCode.Underfitting, FindingCode.RegularizationTooStrong),
        (FindingCode.Underfitting, FindingCode.NoNonlinearity),
        (FindingCode.Underfitting, FindingCode.LrTooLow),
        (FindingCode.Underfitting, FindingCode.LossPlateau),
        (FindingCode.Underfitting, FindingCode.SpatialCollapse),
        (FindingCode.TooFewEpochs, FindingCode.LrTooLow),
        (FindingCode.MetricMisuse, FindingCode.LossActivationMismatch),
    ];

    /// <summary>The project's table.</summary>
    public static CauseGraph Default { get; } = new(DefaultLinks);

    private readonly Dictionary<string, List<string>> _causes = new(StringComparer.Ordinal);

    /// <summary>Builds a graph from symptom ← cause rows; throws on unknown codes or a cycle.</summary>
    public CauseGraph(IEnumerable<(string Symptom, string Cause)> links)
    {
        Links = [.. links];
        foreach (var (s, c) in Links)
        {
            if (!FindingCode.IsKnown(s)) throw new ArgumentException($"Cause graph: unknown symptom code '{s}'.");
            if (!FindingCode.IsKnown(c)) throw new ArgumentException($"Cause graph: unknown cause code '{c}'.");
            if (!_causes.TryGetValue(s, out var l)) _causes[s] = l = [];
            if (!l.Contains(c)) l.Add(c);
        }
        if (FindCycle() is { } cycle) throw new ArgumentException($"Cause graph has a cycle: {string.Join(" ← ", cycle)}.");
    }

    /// <summary>The rows of the table.</summary>
    public IReadOnlyList<(string Symptom, string Cause)> Links { get; }

    /// <summary>Direct possible causes of <paramref name="symptom"/>, in table order.</summary>
    public IReadOnlyList<string> CausesOf(string symptom) => _causes.TryGetValue(symptom, out var l) ? l : [];

    /// <summary>
    /// The codes among <paramref name="present"/> that can cause <paramref name="symptom"/>: direct causes, and causes
    /// reached through intermediate codes that are not present (e.g. CONSTANT_PREDICTION ← LR_TOO_HIGH through an
    /// absent SATURATED_OUTPUT). The search stops at each present cause: its own causes are its links.
    /// </summary>
    public IReadOnlyList<string> PresentCausesOf(string symptom, IReadOnlySet<string> present)
    {
        var result = new List<string>();
        var seen = new HashSet<string> { symptom };
        var queue = new Queue<string>();
        queue.Enqueue(symptom);
        while (queue.Count > 0)
        {
            foreach (var c in CausesOf(queue.Dequeue()))
            {
                if (!seen.Add(c)) continue;
                if (present.Contains(c)) result.Add(c);
                else queue.Enqueue(c);
            }
        }
        // keep only the nearest causes: drop a cause that is itself an ancestor of another listed cause
        // (LR_TOO_HIGH explains DEAD_RELU, which explains CONSTANT_PREDICTION: the symptom names DEAD_RELU only)
        return result.Where(c => !result.Any(d => d != c && IsAncestor(c, d))).ToList();
    }

    /// <summary>Whether <paramref name="cause"/> can (transitively) cause <paramref name="symptom"/>.</summary>
    public bool IsAncestor(string cause, string symptom)
    {
        var seen = new HashSet<string>();
        var stack = new Stack<string>();
        stack.Push(symptom);
        while (stack.Count > 0)
            foreach (var c in CausesOf(stack.Pop()))
            {
                if (c == cause) return true;
                if (seen.Add(c)) stack.Push(c);
            }
        return false;
    }

    private List<string>? FindCycle()
    {
        var state = new Dictionary<string, int>();   // 1 = on the stack, 2 = done
        var stack = new List<string>();
        List<string>? Visit(string n)
        {
            state[n] = 1; stack.Add(n);
            foreach (var c in CausesOf(n))
            {
                state.TryGetValue(c, out int s);
                if (s == 1) return [.. stack[stack.IndexOf(c)..], c];
                if (s == 0 && Visit(c) is { } cyc) return cyc;
            }
            stack.RemoveAt(stack.Count - 1); state[n] = 2;
            return null;
        }
        foreach (var n in _causes.Keys)
            if (!state.ContainsKey(n) && Visit(n) is { } cycle) return cycle;
        return null;
    }
}
