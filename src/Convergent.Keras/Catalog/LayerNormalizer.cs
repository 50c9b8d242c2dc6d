namespace Convergent.Keras.Catalog;

/// <summary>
/// Turns one layer call as written (any Keras spelling; positional and keyword arguments) into Keras 3 names
/// and normalized values. Unknown keyword arguments are errors in scripts and warnings in machine-written
/// JSON; harmless ones (<c>trainable=True</c>, <c>dtype='float32'</c>) become warnings; nothing is dropped
/// silently.
/// </summary>
internal static class LayerNormalizer
{
    private static readonly ArgSpec ActivityRegularizer = new("activity_regularizer", ArgKind.Regularizer);

    /// <summary>Keras 1 renames (the rest, e.g. LeakyReLU's <c>alpha</c>, are Keras 2 spellings).</summary>
    private static readonly HashSet<string> Keras1Keywords =
    [
        "nb_filter", "nb_row", "nb_col", "border_mode", "dim_ordering", "subsample", "subsample_length",
        "filter_length", "init", "W_regularizer", "b_regularizer", "W_constraint", "b_constraint", "bias",
        "output_dim", "p", "pool_length", "stride", "beta_init", "gamma_init", "atrous_rate", "mode",
    ];

    public static NormalizedLayer Normalize(string writtenName, IReadOnlyList<CallArgument> arguments,
        NormalizeContext ctx)
    {
        var def = LayerCatalog.Find(writtenName) ?? throw Unsupported(writtenName, ctx);
        string owner = def.ClassName;
        bool keras1Name = def.Keras1Aliases.Contains(writtenName);
        if (keras1Name)
        {
            ctx.SawKeras1Spelling = true;
        }

        var given = new List<(string Name, KerasValue Value, ArgSite Site)>();
        void Give(string name, KerasValue value, ArgSite site)
        {
            if (given.Any(g => g.Name == name))
            {
                throw ctx.Fail(site, owner, null, $"{owner} got multiple values for argument '{name}'");
            }

            given.Add((name, value, site));
        }

        var positional = arguments.Where(a => a.Keyword is null).ToList();
        MapPositionals(def, writtenName, keras1Name, positional, ctx, Give);

        string? name = null;
        int?[]? inputShape = null;
        int? batchSize = null;
        string? inputDType = null;
        KerasValue? inputDim = null;
        KerasValue? inputLength = null;
        KerasValue? nbRow = null;
        KerasValue? nbCol = null;
        ArgSite nbSite = default;

        foreach (var arg in arguments.Where(a => a.Keyword is not null))
        {
            string key = arg.Keyword!;
            var site = arg.Site;
            if (Keras1Keywords.Contains(key) && !(key == "mode" && def.ClassName != "BatchNormalization"))
            {
                ctx.SawKeras1Spelling = true;
            }

            if (arg.Value is KerasNone && key is "input_dim" or "input_shape" or "batch_input_shape" or "batch_shape" or "input_length")
            {
                // Keras 1 JSON writes input_dim: null on every Dense; None means "not given".
                continue;
            }

            switch (key)
            {
                case "name":
                    name = arg.Value switch
                    {
                        KerasString s => s.Value,
                        KerasNone => null,
                        _ => throw ctx.Fail(site, owner, key, $"expected a string, got {ValueNormalizer.Describe(arg.Value)}"),
                    };
                    continue;
                case "trainable":
                    if (arg.Value is KerasBool { Value: true })
                    {
                        if (!ctx.IsJson)
                        {
                            ctx.Warn(site, $"{owner}: trainable=True is the default; ignored");
                        }
                    }
                    else
                    {
                        Give("trainable", ValueNormalizer.Normalize(new ArgSpec("trainable", ArgKind.Bool), 0, arg.Value, site, ctx, owner), site);
                    }

                    continue;
                case "dtype":
                case "input_dtype":
                    HandleDType(arg, owner, ctx, Give);
                    continue;
                case "input_shape":
                    inputShape = ReadShape(arg.Value, site, ctx, owner, key, dropBatch: false, out _);
                    continue;
                case "batch_input_shape":
                case "batch_shape":
                    inputShape = ReadShape(arg.Value, site, ctx, owner, key, dropBatch: true, out batchSize);
                    continue;
                case "batch_size":
                    batchSize = arg.Value is KerasNone ? null : (int)ValueNormalizer.IntValue(
                        ValueNormalizer.Normalize(new ArgSpec(key, ArgKind.PositiveInt), 0, arg.Value, site, ctx, owner))!.Value;
                    continue;
                case "input_dim":
                    inputDim = ValueNormalizer.Normalize(new ArgSpec(key, ArgKind.PositiveInt), 0, arg.Value, site, ctx, owner);
                    continue;
                case "input_length" when def.Rank == 1:
                    inputLength = ValueNormalizer.Normalize(new ArgSpec(key, ArgKind.OptionalInt), 0, arg.Value, site, ctx, owner);
                    continue;
                case "weights":
                    throw ctx.Fail(site, owner, key, "initial weights given in the script are not supported",
                        "remove weights=... (the importer builds freshly initialized layers)");
                case "autocast":
                    ctx.Warn(site, $"{owner}: autocast={arg.Value.ToPython()} ignored (the engine computes in float32)");
                    continue;
                case "mode" when def.ClassName == "BatchNormalization":
                    if (arg.Value is KerasInt { Value: 0 })
                    {
                        ctx.Warn(site, "BatchNormalization: Keras 1 mode=0 (feature-wise) is what Keras 2 and 3 always do; dropped");
                        continue;
                    }

                    throw ctx.Fail(site, owner, key, $"Keras 1 BatchNormalization mode={arg.Value.ToPython()} is not supported",
                        "only mode=0 (feature-wise normalization, the Keras 2/3 behaviour) is");
                case "nb_row" when def.Rank == 2:
                    nbRow = arg.Value;
                    nbSite = site;
                    continue;
                case "nb_col" when def.Rank == 2:
                    nbCol = arg.Value;
                    nbSite = site;
                    continue;
            }

            string target = key;
            var value = arg.Value;
            foreach (var (old, renamed) in def.Renames)
            {
                if (old == key)
                {
                    target = renamed;
                    break;
                }
            }

            if (key == "dim_ordering")
            {
                value = DimOrdering(value, site, ctx, owner);
                if (value is KerasNone)
                {
                    continue;
                }
            }

            if (target != "activity_regularizer" && def.FindArg(target) is null)
            {
                if (ctx.IsJson)
                {
                    ctx.Warn(site, $"{owner}: unknown config key '{key}' ignored");
                    continue;
                }

                var known = def.Args.Select(a => a.Name).Concat(def.Renames.Select(r => r.Old))
                    .Concat(["name", "trainable", "dtype", "input_shape", "batch_input_shape", "activity_regularizer"]);
                string? closest = KerasNames.Closest(key, known);
                throw ctx.Fail(site, owner, null, $"unknown argument '{key}' for {owner}",
                    (closest is not null ? $"did you mean '{closest}'? " : "") +
                    $"{owner} takes: {string.Join(", ", def.Args.Select(a => a.Name))}");
            }

            Give(target, value, site);
        }

        if (nbRow is not null || nbCol is not null)
        {
            ctx.SawKeras1Spelling = true;
            int at = given.FindIndex(g => g.Name == "kernel_size");
            if (nbRow is not null && nbCol is not null && at < 0)
            {
                Give("kernel_size", KerasValue.Tuple(nbRow, nbCol), nbSite);
            }
            else if (nbRow is null && nbCol is not null && at >= 0 && given[at].Value is KerasInt rows)
            {
                given[at] = ("kernel_size", KerasValue.Tuple(rows, nbCol), given[at].Site);
            }
            else
            {
                throw ctx.Fail(nbSite, owner, null, "Keras 1 nb_row/nb_col must be given together (or nb_row positionally)");
            }
        }

        if (inputDim is not null)
        {
            long dim = ((KerasInt)inputDim).Value;
            inputShape = def.Rank == 1
                ? [inputLength is KerasInt l ? (int)l.Value : null, (int)dim]
                : [(int)dim];
        }

        var entries = new List<KeyValuePair<string, KerasValue>>();
        foreach (var (argName, value, site) in given)
        {
            var spec = argName switch
            {
                "activity_regularizer" => ActivityRegularizer,
                "trainable" or "dtype" => null,
                _ => def.FindArg(argName),
            };
            var normalized = spec is null ? value : ValueNormalizer.Normalize(spec, def.Rank, value, site, ctx, owner);
            entries.Add(new(argName, normalized));
        }

        foreach (string required in def.Required)
        {
            if (!entries.Any(e => e.Key == required))
            {
                throw ctx.Fail(ctx.CallSite, owner, null, $"{owner} requires argument '{required}'",
                    $"{owner}({string.Join(", ", def.Required)}, ...)");
            }
        }

        return new NormalizedLayer(def, writtenName, name, new KerasConfig(entries), inputShape, batchSize, inputDType);

        void HandleDType(CallArgument arg, string ownerName, NormalizeContext c, Action<string, KerasValue, ArgSite> give)
        {
            string? dtype = arg.Value switch
            {
                KerasString s => s.Value,
                KerasObjectSpec o when o.Config.GetValueOrNull("name") is KerasString n => n.Value,
                KerasNone => null,
                _ => throw c.Fail(arg.Site, ownerName, arg.Keyword, $"expected a dtype name, got {ValueNormalizer.Describe(arg.Value)}"),
            };
            if (dtype is null or "float32")
            {
                if (!c.IsJson)
                {
                    c.Warn(arg.Site, $"{ownerName}: dtype={arg.Value.ToPython()} is the default; ignored");
                }

                return;
            }

            inputDType = dtype;
            give("dtype", new KerasString(dtype), arg.Site);
        }
    }

    private static void MapPositionals(LayerDefinition def, string writtenName, bool keras1Name,
        List<CallArgument> positional, NormalizeContext ctx, Action<string, KerasValue, ArgSite> give)
    {
        string owner = def.ClassName;
        string[] order = def.Positional;
        int start = 0;
        if (def.LegacyForm == LegacyPositionalForm.Convolution2D && positional.Count >= 3 &&
            positional[1].Value is KerasInt rows && positional[2].Value is KerasInt cols)
        {
            if (keras1Name)
            {
                // Keras 1: Convolution2D(nb_filter, nb_row, nb_col, init, activation, weights, border_mode,
                // subsample, dim_ordering).
                give("filters", positional[0].Value, positional[0].Site);
                give("kernel_size", KerasValue.Tuple(rows, cols), positional[1].Site);
                order = ["kernel_initializer", "activation", "weights", "padding", "strides", "data_format"];
                start = 3;
            }
            else
            {
                ctx.Warn(positional[2].Site,
                    $"{writtenName}({ValueNormalizer.Describe(positional[0].Value)}, {rows.Value}, {cols.Value}, ...): read as " +
                    $"kernel_size={rows.Value}, strides={cols.Value} as tf.keras and Keras 3 do; Keras 2.0-2.2 read it as " +
                    $"kernel_size=({rows.Value}, {cols.Value})");
            }
        }
        else if (def.LegacyForm == LegacyPositionalForm.Convolution1D && keras1Name && positional.Count >= 3)
        {
            order = ["filters", "kernel_size", "kernel_initializer", "activation", "weights", "padding", "strides"];
        }

        if (positional.Count - start > order.Length)
        {
            throw ctx.Fail(positional[start + order.Length].Site, owner, null,
                $"{writtenName} takes at most {order.Length + start} positional arguments, got {positional.Count}",
                $"positional order: {string.Join(", ", def.Positional)}");
        }

        for (int i = start; i < positional.Count; i++)
        {
            string target = order[i - start];
            var arg = positional[i];
            if (target == "weights")
            {
                throw ctx.Fail(arg.Site, owner, "weights", "initial weights given in the script are not supported");
            }

            var value = target == "data_format" && keras1Name ? DimOrdering(arg.Value, arg.Site, ctx, owner) : arg.Value;
            if (value is KerasNone && target == "data_format" && keras1Name)
            {
                continue;
            }

            give(target, value, arg.Site);
        }
    }

    /// <summary>Keras 1 <c>dim_ordering</c>: 'th' (Theano, channels first), 'tf' (channels last), 'default'
    /// (whatever keras.json said: not knowable from the script, so "not given").</summary>
    private static KerasValue DimOrdering(KerasValue value, ArgSite site, NormalizeContext ctx, string owner) =>
        value switch
        {
            KerasString { Value: "th" } => new KerasString("channels_first"),
            KerasString { Value: "tf" } => new KerasString("channels_last"),
            KerasString { Value: "default" } => KerasValue.None,
            KerasString { Value: "channels_first" or "channels_last" } => value,
            _ => throw ctx.Fail(site, owner, "dim_ordering", $"expected 'th', 'tf' or 'default', got {ValueNormalizer.Describe(value)}"),
        };

    /// <summary>Reads an input shape (ints or None per axis), dropping the batch axis for batch shapes.</summary>
    public static int?[] ReadShape(KerasValue value, ArgSite site, NormalizeContext ctx, string owner, string argument,
        bool dropBatch, out int? batchSize)
    {
        batchSize = null;
        if (value is KerasInt single && !dropBatch && single.Value > 0 && single.Value <= int.MaxValue)
        {
            // (784) is an int in Python; Keras accepts shape=784 for Input as (784,).
            return [(int)single.Value];
        }

        if (value is not KerasSequence seq || seq.Count > 32 ||
            seq.Items.Any(d => d is not (KerasNone or KerasInt { Value: > 0 and <= int.MaxValue })))
        {
            throw ctx.Fail(site, owner, argument,
                $"expected a tuple of positive integers or None, got {ValueNormalizer.Describe(value)}");
        }

        var dims = seq.Items.Select(d => d is KerasInt i ? (int?)i.Value : null).ToArray();
        if (!dropBatch)
        {
            return dims;
        }

        if (dims.Length == 0)
        {
            throw ctx.Fail(site, owner, argument, "a batch shape needs at least the batch axis");
        }

        batchSize = dims[0];
        return dims[1..];
    }

    private static KerasImportException Unsupported(string writtenName, NormalizeContext ctx)
    {
        string? closest = KerasNames.Closest(writtenName, LayerCatalog.AllNames);
        string hint = (closest is not null && closest != writtenName ? $"did you mean '{closest}'? " : "") +
                      "supported layers: " + LayerCatalog.SupportedNames;
        return ctx.Fail(ctx.CallSite, writtenName, null, $"unsupported layer '{writtenName}'", hint);
    }
}
