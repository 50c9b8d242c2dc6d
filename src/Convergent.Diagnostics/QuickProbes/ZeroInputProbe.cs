using System.Diagnostics;
using Convergent.Nn;

namespace Convergent.Diagnostics;

/// <summary>
/// Trains two fresh copies of the model the same way for a short while — one on real inputs, one on all-zero inputs
/// with the same targets — and compares their final losses (for MODEL_IGNORES_INPUT; Karpathy 2019,
/// "input-independent baseline"). Half the time budget, when there is one, goes to each.
/// </summary>
public sealed class ZeroInputProbe : IQuickProbe
{
    /// <summary>Samples used (spread over the data).</summary>
    public int Samples { get; set; } = 256;

    /// <summary>Training steps per copy.</summary>
    public int Steps { get; set; } = 100;

    /// <summary>Mini-batch size.</summary>
    public int BatchSize { get; set; } = 32;

    public string Name => "zeroed inputs";

    public void Run(QuickProbeContext context, InitFacts facts)
    {
        var watch = Stopwatch.StartNew();
        var rows = context.SampleRows(Samples);
        var x = QuickProbeContext.Rows(context.X, rows);
        var y = QuickProbeContext.Rows(context.Y, rows);
        var zeros = Tensor.ZerosLike(x);
        int batches = (rows.Length + BatchSize - 1) / BatchSize;
        int epochs = Math.Max(1, (Steps + batches - 1) / batches);
        var half = context.Budget / 2;
        var (real, realExpired) = Train(context, x, y, epochs, half);
        var (zero, zeroExpired) = Train(context, zeros, y, epochs, half);
        facts.ZeroInput = new ZeroInputResult(epochs * batches, real, zero, watch.Elapsed.TotalSeconds, realExpired || zeroExpired);
    }

    private (double Loss, bool Expired) Train(QuickProbeContext context, Tensor x, Tensor y, int epochs, TimeSpan? budget)
    {
        var model = context.NewModel();
        var cb = budget is TimeSpan b ? new BudgetCallback(b) : null;
        model.Fit(x, y, batchSize: BatchSize, epochs: epochs, verbose: 0, callbacks: cb is null ? [] : [cb], shuffle: true);
        return (QuickProbeContext.Loss(model, x, y), cb is { Expired: true });
    }
}
