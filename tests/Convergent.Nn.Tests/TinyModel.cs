using Convergent.Tensors;

namespace Convergent.Nn.Tests;

/// <summary>A compiled one-layer linear regression model and a four-sample data set for callback tests.</summary>
internal static class TinyModel
{
    public static Sequential Create(Optimizer? optimizer = null, Loss? loss = null, params Metric[] metrics)
    {
        var model = new Sequential([new Linear(1, [0.5, -0.25], [0.1])], new Shape(2)) { Output = new StringWriter() };
        model.Compile(optimizer ?? new SGD(0.1), loss ?? new MeanSquaredError(), metrics);
        return model;
    }

    public static Tensor X => Tensor.FromArray(new float[] { 1, 2, 0, 1, -1, 0.5f, 2, -1 }, 4, 2);
    public static Tensor Y => Tensor.FromArray(new float[] { 1, 0, -1, 2 }, 4, 1);

    /// <summary>The kernel's first value, used as a fingerprint of the weights.</summary>
    public static double Fingerprint(Model model) => model.Weights.First().Value[0];

    /// <summary>Sets every weight value to <paramref name="value"/>.</summary>
    public static void SetAll(Model model, double value)
    {
        foreach (var w in model.Weights) w.Value.Fill(value);
    }

    public static Logs Logs(params (string Key, double Value)[] entries)
    {
        var logs = new Logs();
        foreach (var (k, v) in entries) logs.Set(k, v);
        return logs;
    }

    public static string OutputOf(Model model) => model.Output.ToString()!;
}
