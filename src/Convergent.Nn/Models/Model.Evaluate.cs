using Convergent.Tensors;

namespace Convergent.Nn;

public abstract partial class Model
{
    /// <summary>Loss and metrics on a data set, without training (Keras <c>model.evaluate</c>); batches run with
    /// <c>training=false</c> (dropout off, batch-norm moving statistics).</summary>
    public Logs Evaluate(Tensor x, Tensor y, int batchSize = 32, int verbose = 1, Tensor? sampleWeight = null)
    {
        if (Loss is null) throw new InvalidOperationException($"You must call Compile() before Evaluate() on model '{Name}'.");
        CheckData(x, y, "x", "y");
        EnsureBuilt(x);
        foreach (var m in Metrics) m.Reset();
        int n = x.Shape[0];
        double lossSum = 0;
        using (Autograd.NoGrad())
        {
            for (int start = 0; start < n; start += batchSize)
            {
                int end = Math.Min(n, start + batchSize);
                var xb = Rows(x, start, end); var yb = Rows(y, start, end);
                var wb = sampleWeight is null ? null : Rows(sampleWeight, start, end);
                var output = Call(xb, training: false);
                var loss = Loss.Compute(yb, output, wb);
                var penalty = RegularizationPenalty();
                if (penalty is not null) loss = loss + penalty;
                lossSum += loss.Item() * (end - start);
                foreach (var m in Metrics) m.Update(yb, output, wb);
            }
        }
        var logs = new Logs();
        logs.Set("loss", lossSum / n);
        foreach (var m in Metrics) logs.Set(m.Name, m.Result());
        if (verbose > 0) Output.WriteLine(logs.ToString());
        return logs;
    }

    /// <summary>Model outputs for <paramref name="x"/>, computed in batches with <c>training=false</c>
    /// (Keras <c>model.predict</c>).</summary>
    public Tensor Predict(Tensor x, int batchSize = 32)
    {
        if (x.Rank < 1 || x.Shape[0] == 0) throw new ArgumentException($"Predict needs a non-empty batch; got shape {x.Shape}.");
        EnsureBuilt(x);
        int n = x.Shape[0];
        Tensor? result = null;
        int row = 0;
        using (Autograd.NoGrad())
        {
            for (int start = 0; start < n; start += batchSize)
            {
                int end = Math.Min(n, start + batchSize);
                var output = Call(Rows(x, start, end), training: false);
                if (result is null)
                {
                    var dims = output.Shape.ToArray(); dims[0] = n;
                    result = Tensor.Zeros(new Shape(dims), output.DType);
                    row = output.Shape.Product(1, output.Rank);
                }
                if (output.DType == DType.Float32) output.AsSpan<float>().CopyTo(result.AsSpan<float>().Slice(start * row));
                else output.AsSpan<double>().CopyTo(result.AsSpan<double>().Slice(start * row));
            }
        }
        return result!;
    }
}
