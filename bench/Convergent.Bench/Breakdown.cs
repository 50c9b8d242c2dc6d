using System.Diagnostics;
using Convergent.Nn;
using Convergent.Tensors;

namespace Convergent.Bench;

/// <summary>
/// <c>--breakdown N</c>: after the timed windows, N more steps taken apart — each layer's forward, the loss, the
/// backward pass, the optimizer update — as Model.TrainOnBatch runs them (same arena use), printed to stderr in
/// milliseconds per step (wall clock; on a busy machine compare shares, not absolutes).
/// </summary>
internal static class Breakdown
{
    public static void Print(string name, int threads, Sequential model, Func<(Tensor X, Tensor Y)> batch, int steps)
    {
        var trainable = model.TrainableWeights.ToList();
        var arena = new TensorArena();
        var layers = new double[model.Layers.Count];
        double loss = 0, backward = 0, update = 0;
        for (int s = 0; s < steps; s++)
        {
            var (xb, yb) = batch();
            using var memory = arena.Activate();
            foreach (var v in trainable) v.Value.Grad = null;
            var h = xb;
            for (int i = 0; i < layers.Length; i++)
            {
                long t0 = Stopwatch.GetTimestamp();
                h = model.Layers[i].Call(h, training: true);
                layers[i] += Stopwatch.GetElapsedTime(t0).TotalMilliseconds;
            }
            long t1 = Stopwatch.GetTimestamp();
            var l = model.Loss!.Compute(yb, h);
            _ = l.Item();
            long t2 = Stopwatch.GetTimestamp();
            l.Backward();
            long t3 = Stopwatch.GetTimestamp();
            model.Optimizer!.Apply(trainable);
            long t4 = Stopwatch.GetTimestamp();
            loss += Stopwatch.GetElapsedTime(t1, t2).TotalMilliseconds;
            backward += Stopwatch.GetElapsedTime(t2, t3).TotalMilliseconds;
            update += Stopwatch.GetElapsedTime(t3, t4).TotalMilliseconds;
        }
        Console.Error.WriteLine($"# breakdown {name} threads={threads} ({steps} steps, ms/step):");
        for (int i = 0; i < layers.Length; i++)
            Console.Error.WriteLine($"#   {layers[i] / steps,9:F3}  forward {model.Layers[i].Name} -> {Model.WithBatch(model.Layers[i].OutputShape!)}");
        Console.Error.WriteLine($"#   {loss / steps,9:F3}  loss");
        Console.Error.WriteLine($"#   {backward / steps,9:F3}  backward (all layers)");
        Console.Error.WriteLine($"#   {update / steps,9:F3}  optimizer update");
    }
}
