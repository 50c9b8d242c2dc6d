using Convergent.Nn;

namespace Convergent.Diagnostics;

/// <summary>
/// LOSS_ACTIVATION_MISMATCH: the output activation and the loss do not belong together — softmax on one unit, softmax
/// twice, probabilities fed to a loss expecting logits, a linear or sigmoid output with categorical crossentropy
/// (no from_logits), binary crossentropy over a softmax of more than two classes, a linear output with binary
/// crossentropy.
/// </summary>
public sealed class LossActivationMismatchRule : Rule
{
    public override string Code => FindingCode.LossActivationMismatch;

    public override IEnumerable<Finding> CheckBefore(RunRecord r)
    {
        if (r.Model is not { } m || m.OutputUnits is not int units) yield break;
        string loss = r.Training.Loss ?? "";
        bool fromLogits = r.Training.FromLogits;
        var act = m.OutputActivation;
        bool categorical = loss.Contains("categorical_crossentropy", StringComparison.Ordinal);
        bool binary = loss.Contains("binary_crossentropy", StringComparison.Ordinal) || loss.Contains("binary_focal", StringComparison.Ordinal);
        int softmaxLayers = CountTrailingSoftmax(m);
        string actName = act.ToString().ToLowerInvariant();

        (Severity sev, string title, string why, Fix fix)? hit = null;
        if (act == ActivationKind.Softmax && units == 1)
            hit = (Severity.Error, "Softmax over a single unit always outputs 1.0",
                "A softmax normalizes its inputs to sum to 1; with one unit the output is always exactly 1, whatever the input, so nothing can be learned.",
                new Fix("sigmoid_for_binary", "Use one sigmoid unit with binary crossentropy (or two softmax units).",
                    "layers.Dense(1, activation=\"sigmoid\"), loss=\"binary_crossentropy\""));
        else if (softmaxLayers >= 2)
            hit = (Severity.Error, "Softmax applied twice at the output",
                "The output goes through softmax twice; the second squeezes probabilities towards uniform, so the loss gradient is tiny and predictions are nearly uniform.",
                new Fix("single_softmax", "Keep exactly one softmax at the output.", "layers.Dense(num_classes, activation=\"softmax\")  # and no Activation(\"softmax\") after it"));
        else if (fromLogits && act is ActivationKind.Softmax or ActivationKind.Sigmoid)
            hit = (Severity.Warning, $"The loss expects logits (from_logits=True) but the output is already {actName}",
                $"The loss applies its own {(categorical ? "softmax" : "sigmoid")} to values that are already probabilities; gradients shrink and training is slow and poorly calibrated.",
                new Fix("linear_output", "Either drop the output activation or set from_logits=False.",
                    "layers.Dense(num_classes)  # linear, with loss=keras.losses.CategoricalCrossentropy(from_logits=True)"));
        else if (categorical && !fromLogits && act == ActivationKind.Linear)
            hit = (Severity.Error, "Categorical crossentropy on a linear output without from_logits=True",
                "Categorical crossentropy expects probabilities but the output layer is linear: its values can be negative or not sum to 1, so the loss is wrong (Keras clips it) and training fails or gives NaN.",
                new Fix("softmax_output", "Add softmax to the last layer, or tell the loss it gets logits.",
                    $"layers.Dense({units}, activation=\"softmax\")  # or loss=keras.losses.CategoricalCrossentropy(from_logits=True)"));
        else if (categorical && !fromLogits && act == ActivationKind.Sigmoid && units > 1)
            hit = (Severity.Warning, "Categorical crossentropy on sigmoid outputs",
                "Sigmoid outputs do not sum to 1 across classes, but categorical crossentropy assumes they do; use softmax for one label per sample.",
                new Fix("softmax_output", "Use softmax for single-label classification.", $"layers.Dense({units}, activation=\"softmax\")"));
        else if (binary && act == ActivationKind.Softmax && units > 2)
            hit = (Severity.Error, $"Binary crossentropy over a softmax of {units} classes",
                "Binary crossentropy treats each of the outputs as a separate yes/no question; with a softmax over several classes this is the wrong loss, and Keras's 'accuracy' then becomes binary accuracy, which looks far better than it is.",
                new Fix("categorical_loss", "Use categorical crossentropy for one label among several classes.",
                    "loss=\"categorical_crossentropy\"  # or \"sparse_categorical_crossentropy\" for integer labels"));
        else if (binary && !fromLogits && act == ActivationKind.Linear)
            hit = (Severity.Error, "Binary crossentropy on a linear output without from_logits=True",
                "Binary crossentropy expects probabilities in [0, 1] but the output layer is linear.",
                new Fix("sigmoid_output", "Add a sigmoid, or tell the loss it gets logits.",
                    $"layers.Dense({units}, activation=\"sigmoid\")  # or loss=keras.losses.BinaryCrossentropy(from_logits=True)"));
        if (hit is not { } h) yield break;
        yield return new Finding(Code, h.sev, h.title)
        {
            Layer = m.OutputLayer!.Name,
            Evidence = new Evidence
            {
                { "activation", actName },
                { "loss", loss.Length == 0 ? "unknown" : loss },
                { "from_logits", fromLogits ? "true" : "false" },
                { "units", units },
                { "classes", r.Classes },
            },
            Confidence = 0.95,
            Explanation = h.why,
            Fixes = [h.fix],
        };
    }

    private static int CountTrailingSoftmax(ModelFacts m)
    {
        int count = 0;
        for (int i = m.Layers.Count - 1; i >= 0; i--)
        {
            var l = m.Layers[i];
            if (l.Activation == ActivationKind.Softmax) { count++; continue; }
            if (l.IsTransparent) continue;
            break;
        }
        return count;
    }
}
