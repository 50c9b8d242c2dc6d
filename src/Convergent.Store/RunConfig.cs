using System.Text.Json;
using System.Text.Json.Nodes;
using Convergent.Diagnostics;

namespace Convergent.Store;

/// <summary>
/// A run's configuration as one JSON object, in sections: <c>command</c> (what the verb was given: overrides, seed,
/// threads, time budget …), <c>versions</c> (tool, runtime, OS), and once the doctor has built the model
/// <c>training</c> (optimizer, learning rate, loss, batch size, epochs, validation split, shuffle, metrics) and
/// <c>data</c> (samples, input shape, classes, class shares). Stored in <c>runs.config</c>; the model summary goes in
/// <c>runs.model</c> (<see cref="ModelJson"/>).
/// </summary>
public sealed class RunConfig
{
    // NaN and ±Infinity as the strings "NaN", "Infinity", "-Infinity", as the JSON report writes them
    private static readonly JsonSerializerOptions Json = new() { NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals };

    private readonly JsonObject _root = new();

    /// <summary>A configuration with the <c>versions</c> section filled in.</summary>
    public RunConfig()
    {
        _root["versions"] = new JsonObject
        {
            ["tool"] = StoreVersions.Tool,
            ["runtime"] = StoreVersions.Runtime,
            ["os"] = StoreVersions.Os,
        };
    }

    /// <summary>Sets <paramref name="key"/> in <paramref name="section"/> (a null value is written as null).</summary>
    public RunConfig Set(string section, string key, object? value)
    {
        if (_root[section] is not JsonObject o) _root[section] = o = new JsonObject();
        o[key] = value is null ? null : JsonSerializer.SerializeToNode(value, Json);
        return this;
    }

    /// <summary>Adds the <c>training</c> and <c>data</c> sections from what the doctor recorded about the run.</summary>
    public RunConfig With(RunRecord record)
    {
        var t = record.Training;
        Set("training", "optimizer", t.Optimizer).Set("training", "learning_rate", t.LearningRate).Set("training", "loss", t.Loss)
            .Set("training", "from_logits", t.FromLogits).Set("training", "metrics", t.Metrics.ToArray())
            .Set("training", "batch_size", t.BatchSize).Set("training", "epochs", t.PlannedEpochs)
            .Set("training", "validation_split", t.ValidationSplit).Set("training", "shuffle", t.Shuffle)
            .Set("training", "weight_decay", t.WeightDecay).Set("training", "gradient_clip", t.GradientClip);
        if (record.Data is { } d)
        {
            Set("data", "train_samples", d.TrainSamples).Set("data", "val_samples", d.ValSamples).Set("data", "input_shape", d.InputShape)
                .Set("data", "classes", d.Classes).Set("data", "class_shares", d.ClassShares);
        }
        return this;
    }

    /// <summary>The configuration as compact JSON.</summary>
    public string ToJson() => _root.ToJsonString();

    /// <summary>The model summary as JSON: <c>{"name", "params", "input_shape", "layers": [{"name", "type", "output_shape",
    /// "params", "activation"}]}</c> (output shapes without the batch axis).</summary>
    public static string? ModelJson(ModelFacts? model)
    {
        if (model is null) return null;
        var layers = new JsonArray();
        foreach (var l in model.Layers)
        {
            layers.Add(new JsonObject
            {
                ["name"] = l.Name,
                ["type"] = l.ClassName,
                ["output_shape"] = l.OutputShape is null ? null : JsonSerializer.SerializeToNode(l.OutputShape),
                ["params"] = l.Params,
                ["activation"] = l.Activation?.ToString().ToLowerInvariant(),
            });
        }
        return new JsonObject
        {
            ["name"] = model.Name,
            ["params"] = model.Params,
            ["input_shape"] = model.InputShape is null ? null : JsonSerializer.SerializeToNode(model.InputShape),
            ["layers"] = layers,
        }.ToJsonString();
    }
}
