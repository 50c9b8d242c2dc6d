using Convergent.Keras.Building;
using Convergent.Nn;

namespace Convergent.Keras;

public static partial class KerasRegistry
{
    /// <summary>The defaults that differ between Keras versions (learning rate, epsilon, Adagrad's initial
    /// accumulator); every other default is the same in all of them and is the engine's.</summary>
    /// <remarks>From the optimizers' signatures: Keras 1.2 <c>keras/optimizers.py</c> (epsilon=1e-8), Keras 2.2
    /// (epsilon=None, i.e. <c>K.epsilon()</c> = 1e-7; accumulators start at 0) and Keras 3
    /// <c>keras/src/optimizers/*.py</c>.</remarks>
    private static (double LearningRate, double Epsilon, double InitialAccumulator) OptimizerDefaults(string className,
        KerasGeneration generation)
    {
        double eps = generation == KerasGeneration.Keras1 ? 1e-8 : 1e-7;
        bool legacy = generation != KerasGeneration.Keras3;
        return className switch
        {
            "SGD" => (0.01, eps, 0),
            "Adagrad" => legacy ? (0.01, eps, 0.0) : (0.001, eps, 0.1),
            "Adadelta" => (legacy ? 1.0 : 0.001, eps, 0),
            "Adamax" or "Nadam" => (legacy ? 0.002 : 0.001, eps, 0),
            _ => (0.001, eps, 0),
        };
    }

    private static readonly string[] OptimizerClasses = ["SGD", "Adam", "AdamW", "RMSprop", "Adagrad", "Adadelta", "Adamax", "Nadam"];

    /// <summary>Creates an optimizer from its Keras object (<c>SGD(lr=0.01, momentum=0.9)</c> normalized to
    /// <c>SGD</c> with <c>learning_rate=0.01, momentum=0.9</c>; <c>'adam'</c> is <c>Adam</c> with no arguments).
    /// Arguments not given take the defaults of <paramref name="generation"/>; Keras 1/2's <c>decay</c> becomes an
    /// <see cref="InverseTimeDecay"/> schedule (lr / (1 + decay·iterations)).</summary>
    /// <exception cref="KerasImportException">Not an optimizer the engine has, or an unsupported argument.</exception>
    public static Optimizer CreateOptimizer(KerasObjectSpec spec, KerasGeneration generation = KerasGeneration.Keras3)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return CreateOptimizer(spec, null, new BuildContext(generation));
    }

    internal static Optimizer CreateOptimizer(KerasObjectSpec spec, SourceRef? source, BuildContext context)
    {
        var a = ObjectReader(spec, source, context);
        if (spec.Kind != KerasObjectKind.Optimizer || Array.IndexOf(OptimizerClasses, spec.ClassName) < 0)
        {
            throw Unsupported(a.Source, "optimizer", spec.ClassName, OptimizerClasses);
        }

        var (defaultLr, defaultEps, defaultAccumulator) = OptimizerDefaults(spec.ClassName, context.Generation);
        var (defaultLrKeras3, _, _) = OptimizerDefaults(spec.ClassName, KerasGeneration.Keras3);
        var (defaultLrKeras2, _, _) = OptimizerDefaults(spec.ClassName, KerasGeneration.Keras2);

        // learning rate: a number, a schedule, or not given (then the version's default), plus the legacy decay
        LearningRateSchedule? schedule = null;
        double lr;
        var lrValue = a.Take("learning_rate");
        if (lrValue is KerasObjectSpec scheduleSpec)
        {
            schedule = CreateSchedule(scheduleSpec, a);
            lr = schedule.At(0);
        }
        else if (lrValue is null or KerasNone)
        {
            lr = defaultLr;
            string versions = context.GenerationKnown || defaultLrKeras2 == defaultLrKeras3
                ? ""
                : $"; standalone Keras 2.x used {ConfigReader.Number(defaultLrKeras2)} — give learning_rate if the script ran on it";
            context.Note(versions.Length == 0 ? ImportNoteKind.Defaulted : ImportNoteKind.Warning,
                $"{spec.ClassName} learning_rate not given: the {Describe(context.Generation)} default {ConfigReader.Number(lr)} is used{versions}",
                a.Source);
        }
        else
        {
            lr = lrValue.TryGetNumber(out double given) && lrValue is not KerasBool
                ? given
                : throw a.Fail("learning_rate", $"expected a number or a schedule, got {ConfigReader.Describe(lrValue)}");
        }

        double decay = a.Double("decay", 0.0);
        if (decay > 0)
        {
            if (schedule is not null)
            {
                throw a.Fail("decay", "cannot be combined with a learning-rate schedule");
            }

            schedule = InverseTimeDecay.FromLegacyDecay(lr, decay);
            context.Note(ImportNoteKind.Warning,
                $"{spec.ClassName} decay={ConfigReader.Number(decay)} (Keras 1/2): the learning rate is {ConfigReader.Number(lr)} / (1 + {ConfigReader.Number(decay)}·iterations), as InverseTimeDecay",
                a.Source);
        }

        double? clipNorm = a.OptionalDouble("clipnorm");
        double? clipValue = a.OptionalDouble("clipvalue");
        double? globalClipNorm = a.OptionalDouble("global_clipnorm");
        bool useEma = a.Bool("use_ema", false);
        if (useEma)
        {
            throw a.Fail("use_ema", "exponential moving averages of the weights are not supported by the engine");
        }

        a.Ignore("ema_momentum", "only used with use_ema=True");
        a.RequireNone("ema_overwrite_frequency", "only used with use_ema=True");
        a.RequireNone("loss_scale_factor", "loss scaling (mixed precision) is not supported");
        a.RequireDefault("gradient_accumulation_steps", v => v is KerasNone or KerasInt { Value: 1 }, "gradient accumulation is not supported");
        a.Take("jit_compile");          // a TensorFlow/XLA compilation switch: no effect on results
        a.Take("is_legacy_optimizer");  // written by tf.keras 2.11+ into saved configs
        double eps = a.Double("epsilon", defaultEps);
        if (context.Generation != KerasGeneration.Keras3 && spec.ClassName is "RMSprop" or "Adagrad")
        {
            context.Note(ImportNoteKind.Warning,
                $"{spec.ClassName} is computed in Keras 3's form, with epsilon inside the square root; Keras 1/2 added it outside (a difference only while the accumulated squares are tiny)",
                a.Source);
        }

        Optimizer optimizer;
        try
        {
            double? weightDecay = spec.ClassName == "AdamW" ? null : a.OptionalDouble("weight_decay");
            optimizer = spec.ClassName switch
            {
                "SGD" => new SGD(lr, a.Double("momentum", 0.0), a.Bool("nesterov", false), schedule, clipNorm, clipValue, globalClipNorm, weightDecay),
                "Adam" => new Adam(lr, a.Double("beta_1", 0.9), a.Double("beta_2", 0.999), eps, a.Bool("amsgrad", false), schedule,
                    clipNorm, clipValue, globalClipNorm, weightDecay),
                "AdamW" => new AdamW(lr, a.Double("weight_decay", 0.004), a.Double("beta_1", 0.9), a.Double("beta_2", 0.999), eps,
                    a.Bool("amsgrad", false), schedule, clipNorm, clipValue, globalClipNorm),
                "RMSprop" => new RMSprop(lr, a.Double("rho", 0.9), a.Double("momentum", 0.0), eps, a.Bool("centered", false), schedule,
                    clipNorm, clipValue, globalClipNorm, weightDecay),
                "Adagrad" => new Adagrad(lr, a.Double("initial_accumulator_value", defaultAccumulator), eps, schedule, clipNorm, clipValue,
                    globalClipNorm, weightDecay),
                "Adadelta" => new Adadelta(lr, a.Double("rho", 0.95), eps, schedule, clipNorm, clipValue, globalClipNorm, weightDecay),
                "Adamax" => new Adamax(lr, a.Double("beta_1", 0.9), a.Double("beta_2", 0.999), eps, schedule, clipNorm, clipValue,
                    globalClipNorm, weightDecay),
                _ => Nadam(a, lr, eps, schedule, clipNorm, clipValue, globalClipNorm, weightDecay),
            };
        }
        catch (ArgumentException e)
        {
            throw a.FailOwner(e.Message);
        }

        a.Finish();
        return optimizer;
    }

    private static Nadam Nadam(ConfigReader a, double lr, double eps, LearningRateSchedule? schedule, double? clipNorm,
        double? clipValue, double? globalClipNorm, double? weightDecay)
    {
        // Keras 1/2's Nadam took schedule_decay (μₜ = β₁(1 − ½·0.96^(t·schedule_decay))); Keras 3 fixed the
        // schedule at 0.96ᵗ, which is what the engine computes.
        var scheduleDecay = a.Take("schedule_decay");
        if (scheduleDecay is not null and not KerasNone)
        {
            throw a.Fail("schedule_decay", "Keras 1/2's momentum schedule is not supported",
                "Keras 3's Nadam (the engine's) uses μₜ = β₁(1 − ½·0.96ᵗ); remove schedule_decay to use it");
        }

        if (a.Context.Generation != KerasGeneration.Keras3)
        {
            a.Context.Note(ImportNoteKind.Warning,
                "Nadam uses Keras 3's momentum schedule β₁(1 − ½·0.96ᵗ); Keras 1/2 used 0.96^(0.004·t), which changes more slowly",
                a.Source);
        }

        return new Nadam(lr, a.Double("beta_1", 0.9), a.Double("beta_2", 0.999), eps, schedule, clipNorm, clipValue, globalClipNorm, weightDecay);
    }

    private static readonly string[] ScheduleClasses =
        ["ExponentialDecay", "InverseTimeDecay", "PiecewiseConstantDecay", "CosineDecay", "CosineDecayRestarts"];

    /// <summary>Creates a learning-rate schedule from its Keras object
    /// (<c>keras.optimizers.schedules.ExponentialDecay(...)</c>).</summary>
    /// <exception cref="KerasImportException">Not a schedule the engine has, or an unsupported argument.</exception>
    public static LearningRateSchedule CreateSchedule(KerasObjectSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return CreateSchedule(spec, ObjectReader(spec, null, new BuildContext()));
    }

    private static LearningRateSchedule CreateSchedule(KerasObjectSpec spec, ConfigReader owner)
    {
        var a = owner.Nested("learning_rate", spec);
        if (spec.Kind != KerasObjectKind.LearningRateSchedule || Array.IndexOf(ScheduleClasses, spec.ClassName) < 0)
        {
            throw owner.Fail("learning_rate", $"learning-rate schedule {spec.ClassName} is not supported by the training engine",
                "supported: " + string.Join(", ", ScheduleClasses));
        }

        a.Take("name");
        LearningRateSchedule schedule;
        try
        {
            schedule = spec.ClassName switch
            {
                "ExponentialDecay" => new ExponentialDecay(a.Double("initial_learning_rate"), a.Long("decay_steps"),
                    a.Double("decay_rate"), a.Bool("staircase", false)),
                "InverseTimeDecay" => new InverseTimeDecay(a.Double("initial_learning_rate"), a.Long("decay_steps"),
                    a.Double("decay_rate"), a.Bool("staircase", false)),
                "PiecewiseConstantDecay" => new PiecewiseConstantDecay(
                    a.Doubles("boundaries").Select(b => b == Math.Floor(b) ? (long)b : throw a.Fail("boundaries", "expected whole step numbers")).ToArray(),
                    a.Doubles("values")),
                "CosineDecay" => new CosineDecay(a.Double("initial_learning_rate"), a.Long("decay_steps"), a.Double("alpha", 0.0),
                    a.OptionalDouble("warmup_target"), a.Has("warmup_steps") ? a.Long("warmup_steps") : WarmupNone(a)),
                _ => new CosineDecayRestarts(a.Double("initial_learning_rate"), a.Long("first_decay_steps"), a.Double("t_mul", 2.0),
                    a.Double("m_mul", 1.0), a.Double("alpha", 0.0)),
            };
        }
        catch (ArgumentException e)
        {
            throw a.FailOwner(e.Message);
        }

        a.Finish();
        return schedule;
    }

    private static long WarmupNone(ConfigReader a)
    {
        a.Take("warmup_steps");
        return 0;
    }

    private static string Describe(KerasGeneration generation) => generation switch
    {
        KerasGeneration.Keras1 => "Keras 1",
        KerasGeneration.Keras2 => "Keras 2",
        _ => "Keras 3",
    };
}
