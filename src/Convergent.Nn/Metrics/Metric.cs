using Convergent.Tensors;

namespace Convergent.Nn;

/// <summary>A stateful metric accumulated over batches (Keras <c>keras.metrics.Metric</c>).</summary>
public abstract class Metric
{
    /// <summary>Display name, as Keras logs it (e.g. <c>accuracy</c>, <c>top_5_accuracy</c>, <c>auc</c>).</summary>
    public abstract string Name { get; }

    /// <summary>Whether larger values are better (Keras's <c>_direction</c> "up"), smaller ones (false), or unknown
    /// (null). Monitoring callbacks in <c>auto</c> mode read it.</summary>
    public virtual bool? HigherIsBetter => null;

    /// <summary>Adds a batch. <paramref name="sampleWeight"/>, when given, has shape (N,).</summary>
    public abstract void Update(Tensor yTrue, Tensor yPred, Tensor? sampleWeight = null);

    /// <summary>The value over everything added since the last <see cref="Reset"/>.</summary>
    public abstract double Result();

    /// <summary>The metric to use for a model compiled with <paramref name="loss"/> and output shape
    /// <paramref name="outputShape"/> (batch axis excluded). Keras resolves "accuracy" this way into binary,
    /// categorical or sparse categorical accuracy; most metrics return themselves.</summary>
    public virtual Metric ResolveFor(Loss loss, Shape outputShape) => this;

    /// <summary>Forgets all accumulated state.</summary>
    public abstract void Reset();

    public override string ToString() => Name;
}
