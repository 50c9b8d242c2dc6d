namespace Convergent.Keras.Catalog;

/// <summary>
/// Supported optimizers, learning-rate schedules, losses, metrics, initializers, regularizers, constraints
/// and callbacks, with their Keras 1/2 spellings, from the Keras 3 sources and Keras 2's legacy interfaces.
/// </summary>
internal static class ObjectCatalog
{
    private static readonly string[] MonitorModes = ["auto", "min", "max"];

    private static readonly ArgSpec[] OptimizerBase =
    [
        new ArgSpec("learning_rate", ArgKind.LearningRate), new ArgSpec("decay", ArgKind.NonNegativeFloat),
        new ArgSpec("clipnorm", ArgKind.OptionalFloat), new ArgSpec("clipvalue", ArgKind.OptionalFloat),
        new ArgSpec("global_clipnorm", ArgKind.OptionalFloat), new ArgSpec("weight_decay", ArgKind.OptionalFloat),
        new ArgSpec("use_ema", ArgKind.Bool), new ArgSpec("ema_momentum", ArgKind.Float),
        new ArgSpec("ema_overwrite_frequency", ArgKind.OptionalInt), new ArgSpec("loss_scale_factor", ArgKind.OptionalFloat),
        new ArgSpec("gradient_accumulation_steps", ArgKind.OptionalInt), new ArgSpec("jit_compile", ArgKind.Any),
        new ArgSpec("is_legacy_optimizer", ArgKind.Any),
    ];

    private static readonly ArgSpec[] LossBase =
        [new ArgSpec("reduction", ArgKind.OptionalString), new ArgSpec("dtype", ArgKind.DType)];

    private static readonly ArgSpec[] MetricBase = [new ArgSpec("dtype", ArgKind.DType)];

    private static readonly ArgSpec Seed = new ArgSpec("seed", ArgKind.OptionalInt);

    /// <summary>All supported object classes.</summary>
    public static readonly IReadOnlyList<ObjectDefinition> All = Build();

    private static readonly Dictionary<(KerasObjectKind, string), ObjectDefinition> ByName = Index();

    /// <summary>Finds a class of <paramref name="kind"/> by any accepted spelling, or null.</summary>
    public static ObjectDefinition? Find(KerasObjectKind kind, string name) => ByName.GetValueOrDefault((kind, name));

    /// <summary>Supported class names of a kind, for error hints.</summary>
    public static string SupportedNames(KerasObjectKind kind) =>
        string.Join(", ", All.Where(d => d.Kind == kind).Select(d => d.ClassName));

    /// <summary>Every accepted spelling of a kind (for "did you mean").</summary>
    public static IEnumerable<string> AllNames(KerasObjectKind kind) =>
        ByName.Keys.Where(k => k.Item1 == kind).Select(k => k.Item2);

    /// <summary>
    /// Normalizes a call such as <c>SGD(lr=0.01, momentum=0.9)</c> or <c>maxnorm(3)</c> to a
    /// <see cref="KerasObjectSpec"/> with Keras 3 names.
    /// </summary>
    public static KerasObjectSpec Normalize(KerasObjectKind kind, string writtenName,
        IReadOnlyList<CallArgument> arguments, NormalizeContext ctx)
    {
        var def = Find(kind, writtenName) ?? throw Unsupported(kind, writtenName, ctx);
        string owner = def.ClassName;
        var positional = arguments.Where(a => a.Keyword is null).ToList();
        var keywords = arguments.Where(a => a.Keyword is not null).ToList();

        // Keras 1/2 optimizers took (lr, momentum, decay, nesterov)-style positionals; `lr=` or a number
        // where Keras 3 expects a bool (amsgrad, nesterov) says the call was written for them.
        string[] order = def.Positional;
        if (def.Keras2Positional is { } legacy &&
            (keywords.Any(k => k.Keyword == "lr") ||
             positional.Select((p, i) => (p, i)).Any(t => t.i < order.Length && def.FindArg(order[t.i])?.Kind == ArgKind.Bool &&
                                                         t.p.Value is KerasFloat or KerasInt)))
        {
            order = legacy;
        }
        else if (def.Keras2Positional is { } k2 && positional.Count > CommonPrefix(order, k2))
        {
            ctx.Warn(positional[CommonPrefix(order, k2)].Site,
                $"{writtenName}: positional arguments read in Keras 3 order ({string.Join(", ", order.Take(positional.Count))}); " +
                $"Keras 2 read them as ({string.Join(", ", k2.Take(positional.Count))})");
        }

        if (positional.Count > order.Length)
        {
            throw ctx.Fail(positional[order.Length].Site, owner, null,
                $"{writtenName} takes at most {order.Length} positional arguments, got {positional.Count}",
                order.Length > 0 ? $"positional order: {string.Join(", ", order)}" : null);
        }

        var given = new List<(string Name, KerasValue Value, ArgSite Site)>();
        for (int i = 0; i < positional.Count; i++)
        {
            given.Add((order[i], positional[i].Value, positional[i].Site));
        }

        foreach (var arg in keywords)
        {
            string key = arg.Keyword!;
            if (key == "name")
            {
                if (!ctx.IsJson && kind != KerasObjectKind.Metric)
                {
                    ctx.Warn(arg.Site, $"{owner}: name={arg.Value.ToPython()} ignored");
                }

                if (kind != KerasObjectKind.Metric)
                {
                    continue;
                }

                given.Add(("name", arg.Value, arg.Site));
                continue;
            }

            string target = key;
            foreach (var (old, renamed) in def.Renames)
            {
                if (old == key)
                {
                    target = renamed;
                    if (old is "m" or "l")
                    {
                        ctx.SawKeras1Spelling = true;
                    }

                    break;
                }
            }

            if (def.FindArg(target) is null)
            {
                if (ctx.IsJson)
                {
                    ctx.Warn(arg.Site, $"{owner}: unknown config key '{key}' ignored");
                    continue;
                }

                var known = def.Args.Select(a => a.Name).Concat(def.Renames.Select(r => r.Old));
                string? closest = KerasNames.Closest(key, known);
                throw ctx.Fail(arg.Site, owner, null, $"unknown argument '{key}' for {owner}",
                    (closest is not null ? $"did you mean '{closest}'? " : "") +
                    (def.Args.Length == 0 ? $"{owner} takes no arguments" : $"{owner} takes: {string.Join(", ", def.Args.Select(a => a.Name))}"));
            }

            if (given.Any(g => g.Name == target))
            {
                throw ctx.Fail(arg.Site, owner, null, $"{owner} got multiple values for argument '{target}'");
            }

            given.Add((target, arg.Value, arg.Site));
        }

        var entries = new List<KeyValuePair<string, KerasValue>>();
        foreach (var (argName, value, site) in given)
        {
            var spec = argName == "name" ? new ArgSpec("name", ArgKind.String) : def.FindArg(argName)!;
            entries.Add(new(argName, ValueNormalizer.Normalize(spec, 0, value, site, ctx, owner)));
        }

        foreach (string required in def.Required)
        {
            if (!entries.Any(e => e.Key == required))
            {
                throw ctx.Fail(ctx.CallSite, owner, null, $"{owner} requires argument '{required}'");
            }
        }

        return new KerasObjectSpec(kind, def.ClassName, new KerasConfig(entries));
    }

    private static int CommonPrefix(string[] a, string[] b)
    {
        int n = 0;
        while (n < a.Length && n < b.Length && a[n] == b[n])
        {
            n++;
        }

        return n;
    }

    private static KerasImportException Unsupported(KerasObjectKind kind, string writtenName, NormalizeContext ctx)
    {
        string what = KindWord(kind);
        string? closest = KerasNames.Closest(writtenName, AllNames(kind));
        return ctx.Fail(ctx.CallSite, writtenName, null, $"unsupported {what} '{writtenName}'",
            (closest is not null && closest != writtenName ? $"did you mean '{closest}'? " : "") +
            $"supported {what}s: {SupportedNames(kind)}");
    }

    /// <summary>"optimizer", "learning-rate schedule", "loss" ...</summary>
    public static string KindWord(KerasObjectKind kind) => kind switch
    {
        KerasObjectKind.LearningRateSchedule => "learning-rate schedule",
        _ => kind.ToString().ToLowerInvariant(),
    };

    private static Dictionary<(KerasObjectKind, string), ObjectDefinition> Index()
    {
        var index = new Dictionary<(KerasObjectKind, string), ObjectDefinition>();
        foreach (var def in All)
        {
            index[(def.Kind, def.ClassName)] = def;
            foreach (string alias in def.Aliases)
            {
                index[(def.Kind, alias)] = def;
            }
        }

        return index;
    }

    private static List<ObjectDefinition> Build()
    {
        var list = new List<ObjectDefinition>();

        void Optimizer(string name, string[] aliases, string[] positional, string[]? keras2Positional, params ArgSpec[] args) =>
            list.Add(new ObjectDefinition
            {
                Kind = KerasObjectKind.Optimizer,
                ClassName = name,
                Aliases = aliases,
                Positional = positional,
                Keras2Positional = keras2Positional,
                Args = [.. OptimizerBase, .. args],
                Renames = [("lr", "learning_rate")],
            });

        ArgSpec F(string n) => new(n, ArgKind.Float);
        ArgSpec B(string n) => new(n, ArgKind.Bool);
        ArgSpec Eps() => new ArgSpec("epsilon", ArgKind.OptionalFloat);

        Optimizer("SGD", ["sgd"], ["learning_rate", "momentum", "nesterov"], ["learning_rate", "momentum", "decay", "nesterov"],
            F("momentum"), B("nesterov"));
        Optimizer("Adam", ["adam"], ["learning_rate", "beta_1", "beta_2", "epsilon", "amsgrad"],
            ["learning_rate", "beta_1", "beta_2", "epsilon", "decay", "amsgrad"], F("beta_1"), F("beta_2"), Eps(), B("amsgrad"));
        Optimizer("AdamW", ["adamw"], ["learning_rate", "weight_decay", "beta_1", "beta_2", "epsilon", "amsgrad"], null,
            F("beta_1"), F("beta_2"), Eps(), B("amsgrad"));
        Optimizer("RMSprop", ["rmsprop", "RMSProp"], ["learning_rate", "rho", "momentum", "epsilon", "centered"],
            ["learning_rate", "rho", "epsilon", "decay"], F("rho"), F("momentum"), Eps(), B("centered"));
        Optimizer("Adagrad", ["adagrad"], ["learning_rate", "initial_accumulator_value", "epsilon"],
            ["learning_rate", "epsilon", "decay"], F("initial_accumulator_value"), Eps());
        Optimizer("Adadelta", ["adadelta"], ["learning_rate", "rho", "epsilon"], ["learning_rate", "rho", "epsilon", "decay"],
            F("rho"), Eps());
        Optimizer("Adamax", ["adamax"], ["learning_rate", "beta_1", "beta_2", "epsilon"],
            ["learning_rate", "beta_1", "beta_2", "epsilon", "decay"], F("beta_1"), F("beta_2"), Eps());
        Optimizer("Nadam", ["nadam"], ["learning_rate", "beta_1", "beta_2", "epsilon"],
            ["learning_rate", "beta_1", "beta_2", "epsilon", "schedule_decay"], F("beta_1"), F("beta_2"), Eps(), F("schedule_decay"));

        void Schedule(string name, string[] positional, string[] required, params ArgSpec[] args) =>
            list.Add(new ObjectDefinition
            {
                Kind = KerasObjectKind.LearningRateSchedule,
                ClassName = name,
                Positional = positional,
                Args = args,
                Required = required,
            });

        Schedule("ExponentialDecay", ["initial_learning_rate", "decay_steps", "decay_rate", "staircase"],
            ["initial_learning_rate", "decay_steps", "decay_rate"],
            F("initial_learning_rate"), new ArgSpec("decay_steps", ArgKind.Number), F("decay_rate"), B("staircase"));
        Schedule("InverseTimeDecay", ["initial_learning_rate", "decay_steps", "decay_rate", "staircase"],
            ["initial_learning_rate", "decay_steps", "decay_rate"],
            F("initial_learning_rate"), new ArgSpec("decay_steps", ArgKind.Number), F("decay_rate"), B("staircase"));
        Schedule("PiecewiseConstantDecay", ["boundaries", "values"], ["boundaries", "values"],
            new ArgSpec("boundaries", ArgKind.NumberList), new ArgSpec("values", ArgKind.NumberList));
        Schedule("PolynomialDecay", ["initial_learning_rate", "decay_steps", "end_learning_rate", "power", "cycle"],
            ["initial_learning_rate", "decay_steps"],
            F("initial_learning_rate"), new ArgSpec("decay_steps", ArgKind.Number), F("end_learning_rate"), F("power"), B("cycle"));
        Schedule("CosineDecay", ["initial_learning_rate", "decay_steps", "alpha"], ["initial_learning_rate", "decay_steps"],
            F("initial_learning_rate"), new ArgSpec("decay_steps", ArgKind.Number), F("alpha"), new ArgSpec("warmup_target", ArgKind.OptionalFloat),
            new ArgSpec("warmup_steps", ArgKind.Number));
        Schedule("CosineDecayRestarts", ["initial_learning_rate", "first_decay_steps", "t_mul", "m_mul", "alpha"],
            ["initial_learning_rate", "first_decay_steps"],
            F("initial_learning_rate"), new ArgSpec("first_decay_steps", ArgKind.Number), F("t_mul"), F("m_mul"), F("alpha"));

        void Loss(string name, string[] positional, params ArgSpec[] args) =>
            list.Add(new ObjectDefinition
            {
                Kind = KerasObjectKind.Loss,
                ClassName = name,
                Positional = positional,
                Args = [.. LossBase, .. args],
            });

        var axis = new ArgSpec("axis", ArgKind.Axis);
        Loss("CategoricalCrossentropy", ["from_logits", "label_smoothing", "axis"], B("from_logits"), F("label_smoothing"), axis);
        Loss("SparseCategoricalCrossentropy", ["from_logits", "ignore_class"], B("from_logits"),
            new ArgSpec("ignore_class", ArgKind.OptionalInt), axis);
        Loss("BinaryCrossentropy", ["from_logits", "label_smoothing", "axis"], B("from_logits"), F("label_smoothing"), axis);
        Loss("BinaryFocalCrossentropy", ["apply_class_balancing", "alpha", "gamma", "from_logits", "label_smoothing", "axis"],
            B("apply_class_balancing"), F("alpha"), F("gamma"), B("from_logits"), F("label_smoothing"), axis);
        Loss("CategoricalFocalCrossentropy", ["alpha", "gamma", "from_logits", "label_smoothing", "axis"],
            F("alpha"), F("gamma"), B("from_logits"), F("label_smoothing"), axis);
        foreach (string simple in new[]
                 {
                     "MeanSquaredError", "MeanAbsoluteError", "MeanAbsolutePercentageError", "MeanSquaredLogarithmicError",
                     "Hinge", "SquaredHinge", "CategoricalHinge", "KLDivergence", "Poisson", "LogCosh",
                 })
        {
            Loss(simple, []);
        }

        Loss("Huber", ["delta"], F("delta"));
        Loss("CosineSimilarity", ["axis"], axis);

        void Metric(string name, string[] positional, params ArgSpec[] args) =>
            list.Add(new ObjectDefinition
            {
                Kind = KerasObjectKind.Metric,
                ClassName = name,
                Positional = ["name", .. positional],
                Args = [.. MetricBase, new ArgSpec("name", ArgKind.String), .. args],
            });

        Metric("Accuracy", []);
        Metric("BinaryAccuracy", [], F("threshold"));
        Metric("CategoricalAccuracy", []);
        Metric("SparseCategoricalAccuracy", []);
        Metric("TopKCategoricalAccuracy", [], new ArgSpec("k", ArgKind.PositiveInt));
        Metric("SparseTopKCategoricalAccuracy", [], new ArgSpec("k", ArgKind.PositiveInt), B("from_sorted_ids"));
        Metric("MeanSquaredError", []);
        Metric("MeanAbsoluteError", []);
        Metric("RootMeanSquaredError", []);
        Metric("CategoricalCrossentropy", [], B("from_logits"), F("label_smoothing"), axis);
        Metric("SparseCategoricalCrossentropy", [], B("from_logits"), axis);
        Metric("BinaryCrossentropy", [], B("from_logits"), F("label_smoothing"));
        list.Add(new ObjectDefinition
        {
            Kind = KerasObjectKind.Metric,
            ClassName = "AUC",
            Positional = ["num_thresholds", "curve", "summation_method", "name"],
            Args =
            [
                .. MetricBase, new ArgSpec("name", ArgKind.String), new ArgSpec("num_thresholds", ArgKind.PositiveInt),
                new ArgSpec("curve", ArgKind.String, ["roc", "pr"]),
                new ArgSpec("summation_method", ArgKind.String, ["interpolation", "minoring", "majoring"]),
                new ArgSpec("thresholds", ArgKind.Any), B("multi_label"), new ArgSpec("num_labels", ArgKind.OptionalInt),
                new ArgSpec("label_weights", ArgKind.Any), B("from_logits"),
            ],
        });
        foreach (string pr in new[] { "Precision", "Recall" })
        {
            list.Add(new ObjectDefinition
            {
                Kind = KerasObjectKind.Metric,
                ClassName = pr,
                Positional = ["thresholds", "top_k", "class_id", "name"],
                Args =
                [
                    .. MetricBase, new ArgSpec("name", ArgKind.String), new ArgSpec("thresholds", ArgKind.Any),
                    new ArgSpec("top_k", ArgKind.OptionalInt), new ArgSpec("class_id", ArgKind.OptionalInt),
                ],
            });
        }

        void Initializer(string name, string[] aliases, string[] positional, params ArgSpec[] args) =>
            list.Add(new ObjectDefinition
            {
                Kind = KerasObjectKind.Initializer,
                ClassName = name,
                Aliases = aliases,
                Positional = positional,
                Args = args,
            });

        Initializer("Zeros", ["zeros", "zero"], []);
        Initializer("Ones", ["ones", "one"], []);
        Initializer("Constant", ["constant"], ["value"], F("value"));
        Initializer("RandomNormal", ["random_normal", "normal"], ["mean", "stddev", "seed"], F("mean"), F("stddev"), Seed);
        Initializer("RandomUniform", ["random_uniform", "uniform"], ["minval", "maxval", "seed"], F("minval"), F("maxval"), Seed);
        Initializer("TruncatedNormal", ["truncated_normal"], ["mean", "stddev", "seed"], F("mean"), F("stddev"), Seed);
        foreach (var (cls, alias) in new[]
                 {
                     ("GlorotUniform", "glorot_uniform"), ("GlorotNormal", "glorot_normal"), ("HeNormal", "he_normal"),
                     ("HeUniform", "he_uniform"), ("LecunNormal", "lecun_normal"), ("LecunUniform", "lecun_uniform"),
                 })
        {
            Initializer(cls, [alias], ["seed"], Seed);
        }

        Initializer("Orthogonal", ["orthogonal"], ["gain", "seed"], F("gain"), Seed);
        Initializer("Identity", ["identity"], ["gain"], F("gain"));
        Initializer("VarianceScaling", ["variance_scaling"], ["scale", "mode", "distribution", "seed"], F("scale"),
            new ArgSpec("mode", ArgKind.String, ["fan_in", "fan_out", "fan_avg"]),
            new ArgSpec("distribution", ArgKind.String, ["normal", "uniform", "truncated_normal", "untruncated_normal"]), Seed);

        void Regularizer(string name, string[] aliases, string[] positional, (string, string)[] renames, params ArgSpec[] args) =>
            list.Add(new ObjectDefinition
            {
                Kind = KerasObjectKind.Regularizer,
                ClassName = name,
                Aliases = aliases,
                Positional = positional,
                Renames = renames,
                Args = args,
            });

        // Keras 1/2 spelled the factor `l` (l2(l=0.01)); Keras 1 had separate activity_* functions.
        Regularizer("L1", ["l1", "activity_l1"], ["l1"], [("l", "l1")], F("l1"));
        Regularizer("L2", ["l2", "activity_l2"], ["l2"], [("l", "l2")], F("l2"));
        Regularizer("L1L2", ["l1_l2", "l1l2", "activity_l1l2"], ["l1", "l2"], [], F("l1"), F("l2"));
        Regularizer("OrthogonalRegularizer", ["orthogonal_regularizer"], ["factor", "mode"], [], F("factor"),
            new ArgSpec("mode", ArgKind.String, ["rows", "columns"]));

        void Constraint(string name, string[] aliases, string[] positional, (string, string)[] renames, params ArgSpec[] args) =>
            list.Add(new ObjectDefinition
            {
                Kind = KerasObjectKind.Constraint,
                ClassName = name,
                Aliases = aliases,
                Positional = positional,
                Renames = renames,
                Args = args,
            });

        // Keras 1: maxnorm(m=2, axis=0).
        Constraint("MaxNorm", ["max_norm", "maxnorm"], ["max_value", "axis"], [("m", "max_value")], F("max_value"), axis);
        Constraint("NonNeg", ["non_neg", "nonneg"], [], []);
        Constraint("UnitNorm", ["unit_norm", "unitnorm"], ["axis"], [], axis);
        Constraint("MinMaxNorm", ["min_max_norm"], ["min_value", "max_value", "rate", "axis"], [], F("min_value"),
            F("max_value"), F("rate"), axis);

        void Callback(string name, string[] positional, (string, string)[] renames, params ArgSpec[] args) =>
            list.Add(new ObjectDefinition
            {
                Kind = KerasObjectKind.Callback,
                ClassName = name,
                Positional = positional,
                Renames = renames,
                Args = args,
            });

        var monitor = new ArgSpec("monitor", ArgKind.String);
        var verbose = new ArgSpec("verbose", ArgKind.Int);
        var mode = new ArgSpec("mode", ArgKind.String, MonitorModes);
        Callback("EarlyStopping",
            ["monitor", "min_delta", "patience", "verbose", "mode", "baseline", "restore_best_weights", "start_from_epoch"], [],
            monitor, F("min_delta"), new ArgSpec("patience", ArgKind.NonNegativeInt), verbose, mode,
            new ArgSpec("baseline", ArgKind.OptionalFloat), B("restore_best_weights"), new ArgSpec("start_from_epoch", ArgKind.NonNegativeInt));
        Callback("ModelCheckpoint",
            ["filepath", "monitor", "verbose", "save_best_only", "save_weights_only", "mode", "save_freq", "initial_value_threshold"], [],
            new ArgSpec("filepath", ArgKind.String), monitor, verbose, B("save_best_only"), B("save_weights_only"), mode,
            new ArgSpec("save_freq", ArgKind.Any), new ArgSpec("initial_value_threshold", ArgKind.OptionalFloat),
            new ArgSpec("period", ArgKind.PositiveInt), new ArgSpec("options", ArgKind.Any));
        Callback("ReduceLROnPlateau", ["monitor", "factor", "patience", "verbose", "mode", "min_delta", "cooldown", "min_lr"],
            [("epsilon", "min_delta")],
            monitor, F("factor"), new ArgSpec("patience", ArgKind.NonNegativeInt), verbose, mode, F("min_delta"),
            new ArgSpec("cooldown", ArgKind.NonNegativeInt), F("min_lr"));
        Callback("LearningRateScheduler", ["schedule", "verbose"], [], new ArgSpec("schedule", ArgKind.Function), verbose);
        Callback("TensorBoard", ["log_dir", "histogram_freq", "write_graph", "write_images"], [],
            new ArgSpec("log_dir", ArgKind.String), new ArgSpec("histogram_freq", ArgKind.NonNegativeInt), B("write_graph"),
            B("write_images"), B("write_steps_per_second"), new ArgSpec("update_freq", ArgKind.Any),
            new ArgSpec("profile_batch", ArgKind.Any), new ArgSpec("embeddings_freq", ArgKind.NonNegativeInt),
            new ArgSpec("embeddings_metadata", ArgKind.Any), new ArgSpec("batch_size", ArgKind.PositiveInt), B("write_grads"),
            new ArgSpec("embeddings_layer_names", ArgKind.Any), new ArgSpec("embeddings_data", ArgKind.Any));
        Callback("CSVLogger", ["filename", "separator", "append"], [], new ArgSpec("filename", ArgKind.String),
            new ArgSpec("separator", ArgKind.String), B("append"));
        Callback("TerminateOnNaN", [], []);
        Callback("ProgbarLogger", ["count_mode"], [], new ArgSpec("count_mode", ArgKind.Any));
        Callback("LambdaCallback", [], [],
            new ArgSpec("on_epoch_begin", ArgKind.Function), new ArgSpec("on_epoch_end", ArgKind.Function),
            new ArgSpec("on_train_begin", ArgKind.Function), new ArgSpec("on_train_end", ArgKind.Function),
            new ArgSpec("on_batch_begin", ArgKind.Function), new ArgSpec("on_batch_end", ArgKind.Function),
            new ArgSpec("on_train_batch_begin", ArgKind.Function), new ArgSpec("on_train_batch_end", ArgKind.Function));
        return list;
    }
}
