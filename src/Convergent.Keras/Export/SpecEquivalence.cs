namespace Convergent.Keras.Export;

/// <summary>
/// Whether two imported models are the same model with the same training: layers (class, name, arguments, input
/// shape), model input, compile and fit arguments. Where each thing was written (<see cref="SourceRef"/>s, the spelling
/// of class names), skipped statements and warnings do not count.
/// </summary>
public static class SpecEquivalence
{
    /// <summary>The first difference as one line, or null when the models are the same.</summary>
    public static string? Difference(KerasModelSpec expected, KerasModelSpec actual)
    {
        ArgumentNullException.ThrowIfNull(expected);
        ArgumentNullException.ThrowIfNull(actual);
        if (expected.Layers.Count != actual.Layers.Count)
        {
            return $"{actual.Layers.Count} layers instead of {expected.Layers.Count} " +
                   $"({string.Join(", ", actual.Layers.Select(l => l.ClassName))} instead of {string.Join(", ", expected.Layers.Select(l => l.ClassName))})";
        }

        for (int i = 0; i < expected.Layers.Count; i++)
        {
            var e = expected.Layers[i];
            var a = actual.Layers[i];
            if (e.ClassName != a.ClassName || e.Name != a.Name || !e.Config.Equals(a.Config) || !SameShape(e.InputShape, a.InputShape))
            {
                return $"layer {i + 1} is {Describe(a)} instead of {Describe(e)}";
            }
        }

        if (!SameShape(expected.InputShape, actual.InputShape) || expected.InputBatchSize != actual.InputBatchSize ||
            expected.InputDType != actual.InputDType)
        {
            return $"the model input is {Shape(actual.InputShape)} instead of {Shape(expected.InputShape)}";
        }

        if (expected.Name != actual.Name || expected.ImageDataFormat.Format != actual.ImageDataFormat.Format)
        {
            return "the model name or image data format differs";
        }

        return CompileDifference(expected.Compile, actual.Compile) ?? FitDifference(expected.Fit, actual.Fit);
    }

    private static string? CompileDifference(CompileSpec? e, CompileSpec? a)
    {
        if (e is null || a is null)
        {
            return e is null == a is null ? null : "compile(...) is missing on one side";
        }

        if (!Equals(e.Optimizer, a.Optimizer))
        {
            return $"the optimizer is {a.Optimizer?.ToPython() ?? "not given"} instead of {e.Optimizer?.ToPython() ?? "not given"}";
        }

        if (e.Loss != a.Loss || e.FromLogits != a.FromLogits || !e.LossConfig.Equals(a.LossConfig))
        {
            return $"the loss is {a.Loss} (from_logits={a.FromLogits}, {a.LossConfig}) instead of {e.Loss} (from_logits={e.FromLogits}, {e.LossConfig})";
        }

        if (!e.Metrics.SequenceEqual(a.Metrics))
        {
            return $"the metrics are [{string.Join(", ", a.Metrics.Select(m => m.ToPython()))}] instead of [{string.Join(", ", e.Metrics.Select(m => m.ToPython()))}]";
        }

        return e.Options.Equals(a.Options) ? null : $"the compile options are {a.Options} instead of {e.Options}";
    }

    private static string? FitDifference(FitSpec? e, FitSpec? a)
    {
        if (e is null || a is null)
        {
            return e is null == a is null ? null : "fit(...) is missing on one side";
        }

        if (!e.Callbacks.SequenceEqual(a.Callbacks))
        {
            return $"the callbacks are [{string.Join(", ", a.Callbacks.Select(c => c.ToPython()))}] instead of [{string.Join(", ", e.Callbacks.Select(c => c.ToPython()))}]";
        }

        bool sameData = e.DataDependent.Count == a.DataDependent.Count &&
                        e.DataDependent.All(kv => a.DataDependent.TryGetValue(kv.Key, out string? v) && v == kv.Value);
        var source = e.Source;
        var empty = Array.Empty<KerasObjectSpec>();
        var none = new Dictionary<string, string>();
        bool same = (e with { Callbacks = empty, DataDependent = none }) == (a with { Source = source, Callbacks = empty, DataDependent = none });
        return sameData && same ? null : "the fit arguments differ";
    }

    private static bool SameShape(int?[]? a, int?[]? b) => a is null ? b is null : b is not null && a.SequenceEqual(b);

    private static string Shape(int?[]? s) => s is null ? "not given" : "(" + string.Join(", ", s.Select(d => d?.ToString() ?? "None")) + ")";

    private static string Describe(LayerSpec l) =>
        $"{l.ClassName}({l.Config}{(l.Name is null ? "" : $", name={l.Name}")}{(l.InputShape is null ? "" : $", input_shape={Shape(l.InputShape)}")})";
}
