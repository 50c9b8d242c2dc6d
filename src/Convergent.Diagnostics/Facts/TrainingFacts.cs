using Convergent.Nn;

namespace Convergent.Diagnostics;

/// <summary>How the model is (or was) trained: optimizer, learning rate, loss, batch size, epochs, how it ended.</summary>
public sealed class TrainingFacts
{
    /// <summary>Keras optimizer name (<c>adam</c>, <c>sgd</c>…), or null when unknown (e.g. from a log).</summary>
    public string? Optimizer { get; set; }

    /// <summary>The initial learning rate.</summary>
    public double? LearningRate { get; set; }

    /// <summary>Keras loss name (<c>categorical_crossentropy</c>…).</summary>
    public string? Loss { get; set; }

    /// <summary>Whether the loss takes logits.</summary>
    public bool FromLogits { get; set; }

    /// <summary>Metric names as Keras logs them.</summary>
    public List<string> Metrics { get; set; } = [];

    /// <summary>Samples per step.</summary>
    public int? BatchSize { get; set; }

    /// <summary>The random seed.</summary>
    public int? Seed { get; set; }

    /// <summary>Planned number of epochs (Keras <c>epochs</c>; "Epoch k/N" in logs).</summary>
    public int? PlannedEpochs { get; set; }

    /// <summary>Keras <c>validation_split</c> (0 when none).</summary>
    public double ValidationSplit { get; set; }

    /// <summary>Keras <c>shuffle</c>.</summary>
    public bool Shuffle { get; set; } = true;

    /// <summary>Decoupled weight decay of the optimizer, if any.</summary>
    public double? WeightDecay { get; set; }

    /// <summary>Gradient clipping (clipnorm/clipvalue/global_clipnorm), if any.</summary>
    public double? GradientClip { get; set; }

    /// <summary>Why training ended.</summary>
    public StopReason Stopped { get; set; } = StopReason.Completed;

    /// <summary>Fills the fields a compiled model knows.</summary>
    public static TrainingFacts From(Model model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var t = new TrainingFacts { Seed = model.Seed };
        if (model.Optimizer is { } o)
        {
            t.Optimizer = o.KerasName;
            t.LearningRate = o.CurrentLearningRate;
            t.WeightDecay = o.WeightDecay;
            t.GradientClip = o.ClipNorm ?? o.ClipValue ?? o.GlobalClipNorm;
        }
        if (model.Loss is { } l) { t.Loss = l.KerasName; t.FromLogits = l.FromLogits; }
        t.Metrics = model.Metrics.Select(m => m.Name).ToList();
        return t;
    }
}
