using Convergent.Tensors;

namespace Convergent.Nn;

/// <summary>
/// The metric Keras compiles from the string <c>"accuracy"</c> (or <c>"acc"</c>): binary, categorical or sparse
/// categorical accuracy, chosen for the model, under the name given here so logs read <c>accuracy</c> /
/// <c>val_accuracy</c> (or <c>acc</c> / <c>val_acc</c> as Keras 1/2 logged it).
/// </summary>
/// <remarks>
/// <see cref="ResolveFor"/> (called by <see cref="Model.Compile"/>) picks <see cref="BinaryAccuracy"/> (threshold 0.5)
/// for a <see cref="BinaryCrossentropy"/> loss or a 1-unit output, <see cref="SparseCategoricalAccuracy"/> for a
/// <see cref="SparseCategoricalCrossentropy"/> loss, and <see cref="CategoricalAccuracy"/> otherwise. Used directly
/// without resolving, it decides on the first batch with Keras 3's <c>is_binary_or_sparse_categorical</c>: binary
/// when y_pred's last axis is 1, sparse when y_true has lower rank or a last axis of 1 against a wider y_pred.
/// (Keras's class <c>keras.metrics.Accuracy</c> — exact equality — is not this; nobody compiles it by string.)
/// </remarks>
public sealed class Accuracy : Metric
{
    private Metric? _resolved;

    /// <summary>Creates the metric; <paramref name="name"/> is <c>"accuracy"</c> (Keras 3 logs) or <c>"acc"</c>.</summary>
    public Accuracy(string name = "accuracy")
    {
        if (string.IsNullOrWhiteSpace(name)) throw new ArgumentException("A metric name cannot be blank.", nameof(name));
        Name = name;
    }

    public override string Name { get; }

    public override bool? HigherIsBetter => true;

    public override Metric ResolveFor(Loss loss, Shape outputShape)
    {
        ArgumentNullException.ThrowIfNull(loss);
        bool oneUnit = outputShape.Rank == 0 || outputShape[-1] == 1;
        if (loss is BinaryCrossentropy || oneUnit) return new BinaryAccuracy(Name);
        if (loss is SparseCategoricalCrossentropy) return new SparseCategoricalAccuracy(Name);
        return new CategoricalAccuracy(Name);
    }

    public override void Update(Tensor yTrue, Tensor yPred, Tensor? sampleWeight = null)
    {
        _resolved ??= FromShapes(yTrue, yPred);
        _resolved.Update(yTrue, yPred, sampleWeight);
    }

    private Metric FromShapes(Tensor yTrue, Tensor yPred)
    {
        int predLast = yPred.Rank == 0 ? 1 : yPred.Shape[-1];
        int trueLast = yTrue.Rank == 0 ? 1 : yTrue.Shape[-1];
        if (predLast == 1) return new BinaryAccuracy(Name);
        if (yTrue.Rank < yPred.Rank || (trueLast == 1 && predLast > 1)) return new SparseCategoricalAccuracy(Name);
        return new CategoricalAccuracy(Name);
    }

    public override double Result() => _resolved?.Result() ?? 0;

    public override void Reset() => _resolved?.Reset();
}
