using System.Globalization;
using System.Text.Json;
using Convergent.Keras.Catalog;

namespace Convergent.Keras.Json;

/// <summary>
/// Turns a parsed <c>model.to_json()</c> document (Keras 1, 2.0 bare-list, 2.x, tf.keras and Keras 3 layouts)
/// into a <see cref="KerasModelSpec"/> through the same normalization as scripts. Every error names the JSON path.
/// </summary>
internal sealed class JsonModelParser
{
    /// <summary>More layers than any real Sequential model; checked before building anything per layer.</summary>
    public const int MaxLayers = 10_000;

    private readonly string _file;
    private readonly List<KerasImportWarning> _warnings = [];
    private readonly NormalizeContext _ctx;

    public JsonModelParser(string file)
    {
        _file = file;
        _ctx = new NormalizeContext(file, isJson: true, _warnings);
    }

    public List<KerasImportWarning> Warnings => _warnings;

    public KerasModelSpec Parse(JsonElement root, ModelSourceKind kind, string? kerasVersion)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw Fail("$", $"expected a JSON object with \"class_name\" and \"config\", got {Describe(root)}");
        }

        string className = RequireString(root, "class_name", "$");
        var config = Require(root, "config", "$");
        kerasVersion ??= root.TryGetProperty("keras_version", out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

        (string? Name, List<(JsonElement Layer, string Path)> Layers) model = className switch
        {
            "Sequential" => SequentialLayers(config),
            "Model" or "Functional" => FunctionalChain(config),
            _ => throw Fail("$.class_name", $"unsupported model class '{className}'", "supported: Sequential, and functional Model/Functional with one linear chain"),
        };

        int?[]? inputShape = null;
        int? batch = null;
        string? dtype = null;
        var layers = new List<LayerSpec>();
        foreach (var (layer, path) in model.Layers)
        {
            string layerClass = RequireString(layer, "class_name", path);
            var layerConfig = Require(layer, "config", path);
            if (layerConfig.ValueKind != JsonValueKind.Object)
            {
                throw Fail(path + ".config", $"expected an object, got {Describe(layerConfig)}");
            }

            if (layerClass == "InputLayer")
            {
                (inputShape, batch, dtype) = ReadInputLayer(layerConfig, path + ".config", layers.Count);
                continue;
            }

            var site = new ArgSite(0, 0, path + ".class_name");
            _ctx.CallSite = site;
            var args = new List<CallArgument>();
            foreach (var property in layerConfig.EnumerateObject())
            {
                string argPath = path + ".config." + property.Name;
                args.Add(new CallArgument(property.Name, ToValue(property.Value, argPath, property.Name), new ArgSite(0, 0, argPath)));
            }

            var normalized = LayerNormalizer.Normalize(layerClass, args, _ctx);
            var source = new SourceRef(_file, 0, 0, "") { JsonPath = path };
            layers.Add(new LayerSpec(normalized.Definition.ClassName, normalized.Name, normalized.Config, normalized.InputShape, source)
            {
                WrittenClassName = normalized.WrittenClassName,
            });
            if (layers.Count == 1 && inputShape is null)
            {
                inputShape = normalized.InputShape ?? BuildInputShape(layer, path, out batch);
                batch ??= normalized.InputBatchSize;
                dtype ??= normalized.InputDType;
            }
        }

        if (layers.Count == 0)
        {
            throw Fail("$.config", "the model has no layers");
        }

        if (inputShape is null && config.ValueKind == JsonValueKind.Object && config.TryGetProperty("build_input_shape", out var buildShape))
        {
            inputShape = ReadShape(buildShape, "$.config.build_input_shape", out batch);
        }

        var (choice, formatWarning) = DataFormatRules.Choose(layers, inputShape, null, null, _file);
        if (formatWarning is not null)
        {
            _warnings.Add(new KerasImportWarning(null, formatWarning));
        }

        var compile = root.TryGetProperty("compile_config", out var compileConfig) && compileConfig.ValueKind == JsonValueKind.Object
            ? ReadCompile(compileConfig, "$.compile_config")
            : root.TryGetProperty("training_config", out var training) && training.ValueKind == JsonValueKind.Object
                ? ReadCompile(training, "$.training_config")
                : null;
        _ctx.SawKeras1Spelling |= kerasVersion?.StartsWith("1.", StringComparison.Ordinal) == true;

        return new KerasModelSpec
        {
            SourceFile = _file,
            SourceKind = kind,
            Name = model.Name,
            Layers = layers,
            InputShape = inputShape,
            InputBatchSize = batch,
            InputDType = dtype,
            ImageDataFormat = choice,
            Compile = compile,
            Warnings = _warnings,
            UsesKeras1Spelling = _ctx.SawKeras1Spelling,
            KerasVersion = kerasVersion,
        };
    }

    private (string? Name, List<(JsonElement, string)> Layers) SequentialLayers(JsonElement config)
    {
        // Keras 1 and 2.0 wrote the layer list as the config itself; later versions nest it with a name.
        if (config.ValueKind == JsonValueKind.Array)
        {
            return (null, Elements(config, "$.config"));
        }

        if (config.ValueKind != JsonValueKind.Object)
        {
            throw Fail("$.config", $"expected an object or a list of layers, got {Describe(config)}");
        }

        string? name = config.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString() : null;
        return (name, Elements(Require(config, "layers", "$.config"), "$.config.layers"));
    }

    private List<(JsonElement, string)> Elements(JsonElement array, string path)
    {
        if (array.ValueKind != JsonValueKind.Array)
        {
            throw Fail(path, $"expected a list of layers, got {Describe(array)}");
        }

        int count = array.GetArrayLength();
        if (count > MaxLayers)
        {
            throw Fail(path, $"{count:N0} layers is more than the importer's limit of {MaxLayers:N0}");
        }

        var result = new List<(JsonElement, string)>(count);
        int i = 0;
        foreach (var element in array.EnumerateArray())
        {
            string at = $"{path}[{i++}]";
            if (element.ValueKind != JsonValueKind.Object)
            {
                throw Fail(at, $"expected a layer object, got {Describe(element)}");
            }

            result.Add((element, at));
        }

        return result;
    }

    /// <summary>A functional model whose layers form one chain from its input to its output.</summary>
    private (string? Name, List<(JsonElement, string)> Layers) FunctionalChain(JsonElement config)
    {
        if (config.ValueKind != JsonValueKind.Object)
        {
            throw Fail("$.config", $"expected an object, got {Describe(config)}");
        }

        string? name = config.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString() : null;
        var all = Elements(Require(config, "layers", "$.config"), "$.config.layers");
        var byName = new Dictionary<string, (JsonElement Layer, string Path, List<string> Inbound)>();
        foreach (var (layer, path) in all)
        {
            string layerName = layer.TryGetProperty("name", out var ln) && ln.ValueKind == JsonValueKind.String
                ? ln.GetString()!
                : RequireString(Require(layer, "config", path), "name", path + ".config");
            byName[layerName] = (layer, path, InboundLayers(layer, path));
        }

        string output = EndpointName(Require(config, "output_layers", "$.config"), "$.config.output_layers");
        var chain = new List<(JsonElement, string)>();
        var seen = new HashSet<string>();
        string? current = output;
        while (current is not null)
        {
            if (!byName.TryGetValue(current, out var entry) || !seen.Add(current))
            {
                throw Fail("$.config.layers", $"layer '{current}' is missing or part of a cycle");
            }

            chain.Add((entry.Layer, entry.Path));
            if (entry.Inbound.Count > 1)
            {
                throw Fail(entry.Path + ".inbound_nodes", $"layer '{current}' has {entry.Inbound.Count} inputs; only a single chain of layers is supported");
            }

            current = entry.Inbound.Count == 1 ? entry.Inbound[0] : null;
        }

        chain.Reverse();
        foreach (var (_, path) in all.Where(a => !chain.Any(c => c.Item2 == a.Item2)))
        {
            _warnings.Add(new KerasImportWarning(new SourceRef(_file, 0, 0, "") { JsonPath = path },
                "layer is not on the path from the input to the output; not imported"));
        }

        return (name, chain);
    }

    private List<string> InboundLayers(JsonElement layer, string path)
    {
        var names = new List<string>();
        if (!layer.TryGetProperty("inbound_nodes", out var nodes) || nodes.ValueKind != JsonValueKind.Array)
        {
            return names;
        }

        if (nodes.GetArrayLength() > 1)
        {
            throw Fail(path + ".inbound_nodes", "a layer used more than once (shared layer) is not supported");
        }

        foreach (var node in nodes.EnumerateArray())
        {
            if (node.ValueKind == JsonValueKind.Array)
            {
                // Keras 2: [[["dense_1", 0, 0, {}], ...]]
                foreach (var inbound in node.EnumerateArray())
                {
                    if (inbound.ValueKind == JsonValueKind.Array && inbound.GetArrayLength() > 0 && inbound[0].ValueKind == JsonValueKind.String)
                    {
                        names.Add(inbound[0].GetString()!);
                    }
                }
            }
            else if (node.ValueKind == JsonValueKind.Object && node.TryGetProperty("args", out var args))
            {
                // Keras 3: {"args": [{"class_name": "__keras_tensor__", "config": {"keras_history": ["dense", 0, 0]}}]}
                CollectHistory(args, names, 0);
            }
        }

        return names;
    }

    private static void CollectHistory(JsonElement element, List<string> names, int depth)
    {
        if (depth > 8)
        {
            return;
        }

        if (element.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in element.EnumerateArray())
            {
                CollectHistory(item, names, depth + 1);
            }
        }
        else if (element.ValueKind == JsonValueKind.Object && element.TryGetProperty("config", out var config) &&
                 config.ValueKind == JsonValueKind.Object && config.TryGetProperty("keras_history", out var history) &&
                 history.ValueKind == JsonValueKind.Array && history.GetArrayLength() > 0 && history[0].ValueKind == JsonValueKind.String)
        {
            names.Add(history[0].GetString()!);
        }
    }

    private string EndpointName(JsonElement endpoints, string path)
    {
        // [["dense_2", 0, 0]] in Keras 2; ["dense", 0, 0] or [["dense", 0, 0]] in Keras 3.
        if (endpoints.ValueKind == JsonValueKind.Array && endpoints.GetArrayLength() > 0)
        {
            var first = endpoints[0];
            if (first.ValueKind == JsonValueKind.String)
            {
                return first.GetString()!;
            }

            if (endpoints.GetArrayLength() == 1 && first.ValueKind == JsonValueKind.Array && first.GetArrayLength() > 0 &&
                first[0].ValueKind == JsonValueKind.String)
            {
                return first[0].GetString()!;
            }

            throw Fail(path, "models with several outputs are not supported");
        }

        throw Fail(path, $"expected the output layer, got {Describe(endpoints)}");
    }

    private (int?[]? Shape, int? Batch, string? DType) ReadInputLayer(JsonElement config, string path, int index)
    {
        if (index > 0)
        {
            throw Fail(path, "an InputLayer must be the first layer");
        }

        int? batch = null;
        int?[]? shape = null;
        foreach (string key in new[] { "batch_shape", "batch_input_shape" })
        {
            if (config.TryGetProperty(key, out var value))
            {
                shape = ReadShape(value, path + "." + key, out batch);
            }
        }

        if (shape is null)
        {
            throw Fail(path, "InputLayer has no batch_shape or batch_input_shape");
        }

        string? dtype = config.TryGetProperty("dtype", out var d) && d.ValueKind == JsonValueKind.String && d.GetString() != "float32" ? d.GetString() : null;
        if (config.TryGetProperty("sparse", out var sparse) && sparse.ValueKind == JsonValueKind.True)
        {
            throw Fail(path + ".sparse", "sparse inputs are not supported");
        }

        return (shape, batch, dtype);
    }

    private int?[]? BuildInputShape(JsonElement layer, string path, out int? batch)
    {
        batch = null;
        return layer.TryGetProperty("build_config", out var build) && build.ValueKind == JsonValueKind.Object &&
               build.TryGetProperty("input_shape", out var shape)
            ? ReadShape(shape, path + ".build_config.input_shape", out batch)
            : null;
    }

    private int?[] ReadShape(JsonElement value, string path, out int? batch) =>
        LayerNormalizer.ReadShape(ToValue(value, path, "batch_shape"), new ArgSite(0, 0, path), _ctx, "model", "batch_shape", dropBatch: true, out batch);

    private CompileSpec ReadCompile(JsonElement config, string path)
    {
        var source = new SourceRef(_file, 0, 0, "") { JsonPath = path };
        KerasObjectSpec? optimizer = null;
        string? loss = null;
        bool? fromLogits = null;
        var lossConfig = KerasConfig.Empty;
        var metrics = new List<KerasValue>();
        var options = new List<KeyValuePair<string, KerasValue>>();
        foreach (var property in config.EnumerateObject())
        {
            string at = path + "." + property.Name;
            var value = property.Value;
            switch (property.Name)
            {
                case "optimizer" or "optimizer_config":
                    optimizer = value.ValueKind == JsonValueKind.String
                        ? KerasNames.OptimizerStrings.TryGetValue(value.GetString()!.ToLowerInvariant(), out string? cls)
                            ? new KerasObjectSpec(KerasObjectKind.Optimizer, cls, KerasConfig.Empty)
                            : throw Fail(at, $"unknown optimizer '{value.GetString()}'")
                        : ToValue(value, at, "optimizer", KerasObjectKind.Optimizer) as KerasObjectSpec ?? throw Fail(at, "expected an optimizer");
                    break;
                case "loss":
                    switch (ToValue(value, at, "loss", KerasObjectKind.Loss))
                    {
                        case KerasString s when KerasNames.Losses.TryGetValue(s.Value, out string? name):
                            loss = name;
                            break;
                        case KerasObjectSpec { Kind: KerasObjectKind.Loss } o:
                            loss = KerasNames.LossClasses[o.ClassName];
                            fromLogits = o.Config.GetValueOrNull("from_logits") is KerasBool b ? b.Value : null;
                            lossConfig = o.Config.Without("from_logits");
                            break;
                        case KerasNone:
                            break;
                        case var other:
                            throw Fail(at, $"unsupported loss {ValueNormalizer.Describe(other)}", "supported losses: " + KerasNames.Supported(KerasNames.Losses));
                    }

                    break;
                case "metrics":
                    if (value.ValueKind == JsonValueKind.Array)
                    {
                        int i = 0;
                        foreach (var metric in value.EnumerateArray())
                        {
                            string metricPath = $"{at}[{i++}]";
                            metrics.Add(ToValue(metric, metricPath, "metric", KerasObjectKind.Metric) switch
                            {
                                KerasString s when KerasNames.Metrics.TryGetValue(s.Value, out string? name) => new KerasString(name),
                                KerasObjectSpec o => o,
                                var other => throw Fail(metricPath, $"unsupported metric {ValueNormalizer.Describe(other)}"),
                            });
                        }
                    }

                    break;
                case "loss_weights" or "weighted_metrics" or "sample_weight_mode":
                    if (value.ValueKind != JsonValueKind.Null)
                    {
                        options.Add(new(property.Name, ToValue(value, at, property.Name)));
                    }

                    break;
            }
        }

        return new CompileSpec(optimizer, loss, fromLogits, lossConfig, metrics, source) { Options = new KerasConfig(options) };
    }

    /// <summary>Converts a JSON value to a <see cref="KerasValue"/>; serialized objects
    /// (<c>{"class_name": ..., "config": ...}</c>) become normalized <see cref="KerasObjectSpec"/>s whose kind
    /// comes from their Keras 3 <c>module</c> or, for Keras 2, from the argument they are given to.</summary>
    private KerasValue ToValue(JsonElement value, string path, string argument, KerasObjectKind? kindHint = null)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Null:
                return KerasValue.None;
            case JsonValueKind.True:
                return KerasValue.Of(true);
            case JsonValueKind.False:
                return KerasValue.Of(false);
            case JsonValueKind.String:
                return new KerasString(value.GetString()!);
            case JsonValueKind.Number:
            {
                string raw = value.GetRawText();
                return raw.IndexOfAny(['.', 'e', 'E']) < 0 && long.TryParse(raw, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long l)
                    ? new KerasInt(l)
                    : new KerasFloat(value.GetDouble());
            }

            case JsonValueKind.Array:
            {
                var items = new List<KerasValue>();
                int i = 0;
                foreach (var item in value.EnumerateArray())
                {
                    items.Add(ToValue(item, $"{path}[{i++}]", argument, kindHint));
                }

                return new KerasSequence(items, isTuple: false);
            }

            case JsonValueKind.Object:
                return ObjectValue(value, path, argument, kindHint);
            default:
                throw Fail(path, $"unexpected JSON value {Describe(value)}");
        }
    }

    private KerasValue ObjectValue(JsonElement value, string path, string argument, KerasObjectKind? kindHint)
    {
        if (!value.TryGetProperty("class_name", out var classElement) || classElement.ValueKind != JsonValueKind.String)
        {
            var entries = new List<KeyValuePair<KerasValue, KerasValue>>();
            foreach (var property in value.EnumerateObject())
            {
                entries.Add(new(new KerasString(property.Name), ToValue(property.Value, path + "." + property.Name, argument)));
            }

            return new KerasDict(entries);
        }

        string className = classElement.GetString()!;
        var config = value.TryGetProperty("config", out var c) && c.ValueKind == JsonValueKind.Object ? c : default;
        if (className is "DTypePolicy" or "Policy" or "FloatDTypePolicy")
        {
            return config.ValueKind == JsonValueKind.Object && config.TryGetProperty("name", out var dtype) && dtype.ValueKind == JsonValueKind.String
                ? new KerasString(dtype.GetString()!)
                : throw Fail(path, "dtype policy without a name");
        }

        string? module = value.TryGetProperty("module", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : null;
        var kind = KindFromModule(module) ?? kindHint ?? KindFromArgument(argument) ??
                   throw Fail(path, $"cannot tell what kind of Keras object '{className}' is");
        var args = new List<CallArgument>();
        if (config.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in config.EnumerateObject())
            {
                string argPath = path + ".config." + property.Name;
                var argKind = property.Name == "learning_rate" ? KerasObjectKind.LearningRateSchedule : (KerasObjectKind?)null;
                args.Add(new CallArgument(property.Name, ToValue(property.Value, argPath, property.Name, argKind), new ArgSite(0, 0, argPath)));
            }
        }

        var saved = _ctx.CallSite;
        _ctx.CallSite = new ArgSite(0, 0, path + ".class_name");
        var spec = ObjectCatalog.Normalize(kind, className, args, _ctx);
        _ctx.CallSite = saved;
        return spec;
    }

    private static KerasObjectKind? KindFromModule(string? module) => module switch
    {
        null => null,
        _ when module.Contains("schedules", StringComparison.Ordinal) => KerasObjectKind.LearningRateSchedule,
        _ when module.EndsWith("optimizers", StringComparison.Ordinal) => KerasObjectKind.Optimizer,
        _ when module.EndsWith("initializers", StringComparison.Ordinal) => KerasObjectKind.Initializer,
        _ when module.EndsWith("regularizers", StringComparison.Ordinal) => KerasObjectKind.Regularizer,
        _ when module.EndsWith("constraints", StringComparison.Ordinal) => KerasObjectKind.Constraint,
        _ when module.EndsWith("losses", StringComparison.Ordinal) => KerasObjectKind.Loss,
        _ when module.EndsWith("metrics", StringComparison.Ordinal) => KerasObjectKind.Metric,
        _ => null,
    };

    private static KerasObjectKind? KindFromArgument(string argument) => argument switch
    {
        _ when argument.EndsWith("_initializer", StringComparison.Ordinal) => KerasObjectKind.Initializer,
        _ when argument.EndsWith("_regularizer", StringComparison.Ordinal) => KerasObjectKind.Regularizer,
        _ when argument.EndsWith("_constraint", StringComparison.Ordinal) => KerasObjectKind.Constraint,
        _ => null,
    };

    private JsonElement Require(JsonElement obj, string key, string path) =>
        obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty(key, out var value)
            ? value
            : throw Fail(path, $"missing \"{key}\"");

    private string RequireString(JsonElement obj, string key, string path)
    {
        var value = Require(obj, key, path);
        return value.ValueKind == JsonValueKind.String
            ? value.GetString()!
            : throw Fail(path + "." + key, $"expected a string, got {Describe(value)}");
    }

    private static string Describe(JsonElement value)
    {
        string text = value.ValueKind switch
        {
            JsonValueKind.Object => "an object",
            JsonValueKind.Array => "a list",
            _ => value.GetRawText(),
        };
        return text.Length > 60 ? text[..60] + "…" : text;
    }

    private KerasImportException Fail(string path, string reason, string? hint = null) =>
        new(_file, 0, 0, "", reason, hint, path);
}
