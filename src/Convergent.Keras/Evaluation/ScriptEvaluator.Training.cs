using Convergent.Keras.Catalog;
using Convergent.Keras.Python;

namespace Convergent.Keras.Evaluation;

internal sealed partial class ScriptEvaluator
{
    private static readonly string[] CompileOrder = ["optimizer", "loss", "metrics"];
    private static readonly HashSet<string> CompileIgnored = ["run_eagerly", "steps_per_execution", "jit_compile", "auto_scale_loss"];

    private CompileSpec ParseCompile(List<Arg> args, CallExpr call)
    {
        var given = NameArguments(args, CompileOrder, [], "compile",
            ["optimizer", "loss", "metrics", "loss_weights", "weighted_metrics", "sample_weight_mode", .. CompileIgnored, "target_tensors"]);
        KerasObjectSpec? optimizer = null;
        string? loss = null;
        bool? fromLogits = null;
        var lossConfig = KerasConfig.Empty;
        var metrics = new List<KerasValue>();
        var options = new List<KeyValuePair<string, KerasValue>>();
        foreach (var (name, arg) in given)
        {
            var at = arg.Node.Value.Span;
            switch (name)
            {
                case "optimizer":
                    optimizer = ConvertOptimizer(arg.Value, at);
                    break;
                case "loss":
                    (loss, fromLogits, lossConfig) = ConvertLoss(arg.Value, at);
                    break;
                case "metrics":
                    metrics = ConvertMetrics(arg.Value, at);
                    break;
                case "loss_weights" or "weighted_metrics" or "sample_weight_mode":
                    options.Add(new(name, ToKeras(arg.Value, at, $"compile argument '{name}'")));
                    break;
                case "target_tensors":
                    throw Error(arg.Node.Span, "compile(target_tensors=...) is not supported");
                default:
                    Warn(arg.Node.Span, $"compile: {name}={Text(arg.Node.Value, 30)} ignored (it does not change training results)");
                    break;
            }
        }

        return new CompileSpec(optimizer, loss, fromLogits, lossConfig, metrics, Ref(call)) { Options = new KerasConfig(options) };
    }

    /// <summary>Maps positional and keyword arguments to names (applying renames), rejecting unknown ones.</summary>
    private List<(string Name, Arg Arg)> NameArguments(List<Arg> args, string[] order, (string Old, string New)[] renames,
        string owner, string[] known)
    {
        var result = new List<(string, Arg)>();
        var positional = args.Where(a => a.Keyword is null).ToList();
        if (positional.Count > order.Length)
        {
            throw Error(positional[order.Length].Node.Span, $"{owner} takes at most {order.Length} positional arguments here ({string.Join(", ", order)})");
        }

        for (int i = 0; i < positional.Count; i++)
        {
            result.Add((order[i], positional[i]));
        }

        foreach (var arg in args.Where(a => a.Keyword is not null))
        {
            string name = arg.Keyword!;
            foreach (var (old, renamed) in renames)
            {
                if (old == name)
                {
                    name = renamed;
                    break;
                }
            }

            if (!known.Contains(name))
            {
                string? closest = KerasNames.Closest(arg.Keyword!, known);
                throw Error(arg.Node.Span, $"unknown argument '{arg.Keyword}' for {owner}",
                    (closest is not null ? $"did you mean '{closest}'? " : "") + $"{owner} takes: {string.Join(", ", known)}");
            }

            if (result.Any(r => r.Item1 == name))
            {
                throw Error(arg.Node.Span, $"{owner} got multiple values for argument '{name}'");
            }

            result.Add((name, arg));
        }

        return result;
    }

    private KerasObjectSpec ConvertOptimizer(PyValue value, SourceSpan at)
    {
        switch (value)
        {
            case PyStr s:
                if (KerasNames.OptimizerStrings.TryGetValue(s.Value.ToLowerInvariant(), out string? cls))
                {
                    return new KerasObjectSpec(KerasObjectKind.Optimizer, cls, KerasConfig.Empty);
                }

                throw Error(at, $"unknown optimizer '{s.Value}'", "supported: " + string.Join(", ", KerasNames.OptimizerStrings.Keys.Select(k => $"'{k}'")));
            case PyKerasObject { Spec.Kind: KerasObjectKind.Optimizer } o:
                return o.Spec;
            case PyKerasSymbol { Category: SymbolCategory.Optimizer } symbol:
                var def = ObjectCatalog.Find(KerasObjectKind.Optimizer, symbol.Name) ??
                          throw Error(at, $"unsupported optimizer '{symbol.Name}'", "supported optimizers: " + ObjectCatalog.SupportedNames(KerasObjectKind.Optimizer));
                Warn(at, $"optimizer class {symbol.Written} passed without calling it; read as {def.ClassName}()");
                return new KerasObjectSpec(KerasObjectKind.Optimizer, def.ClassName, KerasConfig.Empty);
            case PyUnknown or PyOpaque:
                throw UnknownError(value, at, "the optimizer");
            default:
                throw Error(at, $"expected an optimizer, got {value.TypeName}",
                    "supported optimizers: " + ObjectCatalog.SupportedNames(KerasObjectKind.Optimizer));
        }
    }

    private (string Name, bool? FromLogits, KerasConfig Config) ConvertLoss(PyValue value, SourceSpan at)
    {
        string supported = "supported losses: " + KerasNames.Supported(KerasNames.Losses);
        switch (value)
        {
            case PyStr s:
                if (KerasNames.Losses.TryGetValue(s.Value, out string? name))
                {
                    return (name, null, KerasConfig.Empty);
                }

                string? closest = KerasNames.Closest(s.Value, KerasNames.Losses.Keys);
                throw Error(at, $"unknown loss '{s.Value}'", (closest is not null ? $"did you mean '{closest}'? " : "") + supported);
            case PyKerasSymbol { Category: SymbolCategory.Loss } symbol:
                if (KerasNames.Losses.TryGetValue(symbol.Name, out string? fn))
                {
                    return (fn, null, KerasConfig.Empty);
                }

                if (KerasNames.LossClasses.TryGetValue(symbol.Name, out string? fromClass))
                {
                    Warn(at, $"loss class {symbol.Written} passed without calling it; read as {symbol.Name}()");
                    return (fromClass, null, KerasConfig.Empty);
                }

                throw Error(at, $"unsupported loss '{symbol.Name}'", supported);
            case PyKerasObject { Spec.Kind: KerasObjectKind.Loss } o:
            {
                string lossName = KerasNames.LossClasses[o.Spec.ClassName];
                bool? logits = o.Spec.Config.GetValueOrNull("from_logits") is KerasBool b ? b.Value : null;
                return (lossName, logits, o.Spec.Config.Without("from_logits"));
            }

            case PyFunction f:
                throw Error(at, $"custom loss function '{f.Definition.Name}' (line {f.Definition.Span.Line}) is not supported", supported);
            case PyDict or PyList or PyTuple:
                throw Error(at, "one loss per output (multi-output models) is not supported", supported);
            case PyUnknown or PyOpaque:
                throw UnknownError(value, at, "the loss");
            default:
                throw Error(at, $"expected a loss, got {value.TypeName}", supported);
        }
    }

    private List<KerasValue> ConvertMetrics(PyValue value, SourceSpan at)
    {
        var items = value switch
        {
            PyNone => [],
            PyList or PyTuple => Iterate(value, _statement!).ToList(),
            PyDict => throw Error(at, "metrics per output (multi-output models) are not supported"),
            PyUnknown or PyOpaque => throw UnknownError(value, at, "the metrics"),
            _ => [value],
        };
        var metrics = new List<KerasValue>();
        foreach (var item in items)
        {
            switch (item)
            {
                case PyStr s:
                    if (!KerasNames.Metrics.TryGetValue(s.Value, out string? name))
                    {
                        string? closest = KerasNames.Closest(s.Value, KerasNames.Metrics.Keys);
                        throw Error(at, $"unknown metric '{s.Value}'",
                            (closest is not null ? $"did you mean '{closest}'? " : "") + "supported metrics: " + KerasNames.Supported(KerasNames.Metrics));
                    }

                    metrics.Add(new KerasString(name));
                    break;
                case PyKerasObject { Spec.Kind: KerasObjectKind.Metric or KerasObjectKind.Loss } o:
                    metrics.Add(o.Spec with { Kind = KerasObjectKind.Metric });
                    break;
                case PyKerasSymbol { Category: SymbolCategory.Metric or SymbolCategory.Loss } symbol
                    when KerasNames.Metrics.TryGetValue(symbol.Name, out string? fn):
                    metrics.Add(new KerasString(fn));
                    break;
                case PyKerasSymbol { Category: SymbolCategory.Metric } cls when ObjectCatalog.Find(KerasObjectKind.Metric, cls.Name) is { } def:
                    metrics.Add(new KerasObjectSpec(KerasObjectKind.Metric, def.ClassName, KerasConfig.Empty));
                    break;
                case PyFunction f:
                    Warn(at, $"custom metric function '{f.Definition.Name}' is not imported (metrics do not change training)");
                    break;
                case PyUnknown or PyOpaque:
                    throw UnknownError(item, at, "a metric");
                default:
                    throw Error(at, $"expected a metric name or object, got {item.TypeName}");
            }
        }

        return metrics;
    }

    private static readonly string[] FitOrder =
    [
        "x", "y", "batch_size", "epochs", "verbose", "callbacks", "validation_split", "validation_data", "shuffle",
        "class_weight", "sample_weight", "initial_epoch", "steps_per_epoch", "validation_steps",
        "validation_batch_size", "validation_freq",
    ];

    private static readonly string[] FitGeneratorOrder =
    [
        "generator", "steps_per_epoch", "epochs", "verbose", "callbacks", "validation_data", "validation_steps",
        "validation_freq", "class_weight", "max_queue_size", "workers", "use_multiprocessing", "shuffle", "initial_epoch",
    ];

    private static readonly string[] FitGeneratorKeras1Order =
    [
        "generator", "samples_per_epoch", "epochs", "verbose", "callbacks", "validation_data", "nb_val_samples",
        "class_weight", "max_queue_size", "workers", "use_multiprocessing", "initial_epoch",
    ];

    private static readonly (string Old, string New)[] FitRenames =
    [
        ("nb_epoch", "epochs"), ("nb_worker", "workers"), ("max_q_size", "max_queue_size"), ("pickle_safe", "use_multiprocessing"),
    ];

    private FitSpec ParseFit(List<Arg> args, CallExpr call, bool generator)
    {
        bool keras1 = args.Any(a => a.Keyword is "nb_epoch" or "samples_per_epoch" or "nb_val_samples" or "nb_worker" or "max_q_size" or "pickle_safe" or "show_accuracy");
        _keras1 |= keras1;
        string[] order = !generator ? FitOrder : keras1 ? FitGeneratorKeras1Order : FitGeneratorOrder;
        string[] known =
        [
            .. FitOrder, "generator", "samples_per_epoch", "nb_val_samples", "max_queue_size", "workers",
            "use_multiprocessing", "show_accuracy",
        ];
        string owner = generator ? "fit_generator" : "fit";
        var given = NameArguments(args, order, FitRenames, owner, known);
        var ctx = Context(call.Span);
        var fit = new FitSpec { Source = Ref(call), UsesGenerator = generator };
        var dataDependent = new Dictionary<string, string>();
        foreach (var (name, arg) in given)
        {
            var at = arg.Node.Value.Span;
            var site = Site(arg.Node.Span);
            string text = Text(arg.Node.Value, 200);
            if (PyValues.IsUnknown(arg.Value) && DataDependentFitArguments.Contains(name))
            {
                // Computed from the data by code the importer skipped: kept as text for a later step.
                Warn(at, $"{name}={text} is computed from the data; its value is left to be computed from the data");
                dataDependent[name] = text;
                continue;
            }

            int? Int(ArgKind kind)
            {
                var v = ToKeras(arg.Value, at, $"{owner} argument '{name}'");
                var n = ValueNormalizer.Normalize(new ArgSpec(name, kind), 0, v, site, ctx, owner);
                return n is KerasInt i ? checked((int)i.Value) : null;
            }

            switch (name)
            {
                case "x":
                case "generator":
                    fit = fit with { XSource = text, UsesGenerator = generator || name == "generator" };
                    break;
                case "y":
                    fit = fit with { YSource = arg.Value is PyNone ? null : text };
                    break;
                case "batch_size":
                    fit = fit with { BatchSize = Int(ArgKind.OptionalInt) };
                    if (fit.BatchSize is <= 0)
                    {
                        throw ctx.Fail(site, owner, name, $"expected a positive integer, got {fit.BatchSize}");
                    }

                    break;
                case "epochs":
                    fit = fit with { Epochs = Int(ArgKind.NonNegativeInt) };
                    break;
                case "initial_epoch":
                    fit = fit with { InitialEpoch = Int(ArgKind.NonNegativeInt) };
                    break;
                case "steps_per_epoch":
                    fit = fit with { StepsPerEpoch = Int(ArgKind.OptionalInt) };
                    break;
                case "samples_per_epoch":
                    fit = fit with { SamplesPerEpoch = Int(ArgKind.PositiveInt) };
                    break;
                case "validation_steps":
                    fit = fit with { ValidationSteps = Int(ArgKind.OptionalInt) };
                    break;
                case "nb_val_samples":
                    fit = fit with { ValidationSamples = Int(ArgKind.PositiveInt) };
                    break;
                case "validation_batch_size":
                    fit = fit with { ValidationBatchSize = Int(ArgKind.OptionalInt) };
                    break;
                case "validation_freq":
                    fit = fit with { ValidationFreq = Int(ArgKind.PositiveInt) };
                    break;
                case "verbose":
                {
                    var v = ToKeras(arg.Value, at, "fit argument 'verbose'");
                    fit = fit with
                    {
                        Verbose = v is KerasString { Value: "auto" } ? v : ValueNormalizer.Normalize(new ArgSpec(name, ArgKind.Int), 0, v, site, ctx, owner),
                    };
                    break;
                }

                case "validation_split":
                {
                    var v = ValueNormalizer.Normalize(new ArgSpec(name, ArgKind.Fraction), 0, ToKeras(arg.Value, at, "fit argument 'validation_split'"), site, ctx, owner);
                    fit = fit with { ValidationSplit = ((KerasFloat)v).Value };
                    break;
                }

                case "validation_data":
                    fit = fit with { HasValidationData = arg.Value is not PyNone, ValidationDataSource = arg.Value is PyNone ? null : text };
                    break;
                case "shuffle":
                {
                    var v = ToKeras(arg.Value, at, "fit argument 'shuffle'");
                    fit = v switch
                    {
                        KerasBool b => fit with { Shuffle = b.Value },
                        KerasString { Value: "batch" } => fit with { ShuffleMode = "batch" },
                        _ => throw ctx.Fail(site, owner, name, $"expected True, False or 'batch', got {ValueNormalizer.Describe(v)}"),
                    };
                    break;
                }

                case "class_weight":
                {
                    var v = ToKeras(arg.Value, at, "fit argument 'class_weight'");
                    fit = v is KerasDict or KerasNone or KerasString { Value: "auto" }
                        ? fit with { ClassWeight = v }
                        : throw ctx.Fail(site, owner, name, $"expected a dict of class index to weight, got {ValueNormalizer.Describe(v)}");
                    break;
                }

                case "sample_weight":
                    fit = fit with { SampleWeightSource = arg.Value is PyNone ? null : text };
                    break;
                case "callbacks":
                    fit = fit with { Callbacks = ConvertCallbacks(arg.Value, at) };
                    break;
                default:
                    Warn(arg.Node.Span, $"{owner}: {name}={Text(arg.Node.Value, 30)} ignored (it does not change training results)");
                    break;
            }
        }

        return fit with { DataDependent = dataDependent };
    }

    /// <summary>fit arguments a script may compute from its data; the rest must be known.</summary>
    private static readonly HashSet<string> DataDependentFitArguments =
        ["class_weight", "steps_per_epoch", "validation_steps", "samples_per_epoch", "nb_val_samples", "validation_batch_size"];

    private List<KerasObjectSpec> ConvertCallbacks(PyValue value, SourceSpan at)
    {
        if (value is PyNone)
        {
            return [];
        }

        if (value is not (PyList or PyTuple))
        {
            throw PyValues.IsUnknown(value)
                ? UnknownError(value, at, "the callbacks")
                : Error(at, $"expected a list of callbacks, got {value.TypeName}");
        }

        var result = new List<KerasObjectSpec>();
        foreach (var item in Iterate(value, _statement!))
        {
            switch (item)
            {
                case PyKerasObject { Spec.Kind: KerasObjectKind.Callback } o:
                    result.Add(o.Spec);
                    break;
                case PyUnknown u:
                    Warn(at, $"callback {u.Name ?? "value"} is not a Keras callback the importer knows ({SkipReason(u)}); not imported");
                    break;
                default:
                    throw Error(at, $"expected a callback, got {item.TypeName}",
                        "supported callbacks: " + ObjectCatalog.SupportedNames(KerasObjectKind.Callback));
            }
        }

        return result;
    }
}
