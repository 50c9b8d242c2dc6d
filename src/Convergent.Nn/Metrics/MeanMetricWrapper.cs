using Convergent.Tensors;

namespace Convergent.Nn;

/// <summary>
/// A metric that is the weighted mean of per-sample values (Keras <c>keras.metrics.MeanMetricWrapper</c>): each batch
/// adds Σ wᵢ·vᵢ to a total and Σ wᵢ to a count, both in double; the result is total / count (0 before any data).
/// A sample weight of shape (N,) applies to every value of its sample.
/// </summary>
public abstract class MeanMetricWrapper : Metric
{
    private double _total, _count;

    /// <summary>Stores the display name.</summary>
    protected MeanMetricWrapper(string name)
    {
        if (string.IsNullOrWhiteSpace(name)) throw new ArgumentException("A metric name cannot be blank.", nameof(name));
        Name = name;
    }

    public override string Name { get; }

    /// <summary>The per-sample values of a batch, in sample order (several per sample are allowed: a multiple of N).</summary>
    protected abstract double[] Values(Tensor yTrue, Tensor yPred);

    public override void Update(Tensor yTrue, Tensor yPred, Tensor? sampleWeight = null) =>
        Accumulate(Values(yTrue, yPred), sampleWeight);

    /// <summary>Adds values, weighting value i by <paramref name="sampleWeight"/>[i / (values per sample)].</summary>
    protected void Accumulate(ReadOnlySpan<double> values, Tensor? sampleWeight)
    {
        if (sampleWeight is null)
        {
            foreach (var v in values) _total += v;
            _count += values.Length;
            return;
        }
        int n = sampleWeight.Size;
        if (n == 0 || values.Length % n != 0)
            throw new ArgumentException($"Metric '{Name}': {n} sample weights do not divide {values.Length} values.");
        int per = values.Length / n;
        for (int i = 0; i < values.Length; i++)
        {
            double w = sampleWeight[i / per];
            _total += w * values[i];
            _count += w;
        }
    }

    /// <summary>Adds one value with a weight.</summary>
    protected void Accumulate(double value, double weight)
    {
        _total += weight * value;
        _count += weight;
    }

    public override double Result() => _count == 0 ? 0 : _total / _count;

    public override void Reset() { _total = 0; _count = 0; }
}
