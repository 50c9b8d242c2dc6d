using Convergent.Nn;

namespace Convergent.Diagnostics;

/// <summary>
/// The untrained model on a batch of training data, no update taken: the loss at initialization (for
/// INIT_LOSS_ANOMALY), each layer's output standard deviation and each weighted layer's mean |g| (for POOR_WEIGHT_INIT).
/// </summary>
public sealed class InitialStateProbe : IQuickProbe
{
    /// <summary>Samples in the batch (spread over the data).</summary>
    public int BatchSize { get; set; } = 128;

    public string Name => "initial state";

    public void Run(QuickProbeContext context, InitFacts facts)
    {
        var model = context.NewModel();
        var rows = context.SampleRows(BatchSize);
        var x = QuickProbeContext.Rows(context.X, rows);
        var y = QuickProbeContext.Rows(context.Y, rows);
        var stds = new StdCollector();
        var handles = model.Layers.Select(l => l.AttachProbe(stds)).ToList();
        try
        {
            foreach (var v in model.TrainableWeights) v.Value.Grad = null;
            var output = model.Call(x, training: false);
            var loss = model.Loss!.Compute(y, output);
            facts.InitialLoss = loss.Item();
            if (loss.RequiresGrad) loss.Backward();
        }
        finally { foreach (var h in handles) h.Dispose(); }
        foreach (var l in model.Layers)
        {
            if (stds.Std.TryGetValue(l.Name, out var s)) facts.ActivationStd.Add((l.Name, s));
            double abs = 0; long n = 0;
            foreach (var v in l.TrainableWeights)
            {
                if (v.Gradient is not { } g) continue;
                var (_, a, nf) = GradientStatistics.Of(g);
                abs += a; n += g.Size - nf;
            }
            if (n > 0) facts.GradientMeanAbs.Add((l.Name, abs / n));
        }
        foreach (var v in model.TrainableWeights) v.Value.Grad = null;
    }

    private sealed class StdCollector : ILayerProbe
    {
        public Dictionary<string, double> Std { get; } = [];

        public void AfterForward(Layer layer, Tensor input, Tensor output, Tensor? preActivation, bool training)
        {
            var m = output.DType == DType.Float32 ? SpanStats.Summarize<float>(output.AsSpan<float>()) : SpanStats.Summarize<double>(output.AsSpan<double>());
            Std[layer.Name] = m.Std;
        }
    }
}
