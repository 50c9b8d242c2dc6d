using Convergent.Keras.Building;
using Convergent.Nn;

namespace Convergent.Keras;

public static partial class KerasRegistry
{
    /// <summary>Keras 3 initializer classes → engine initializers, with Keras's defaults for arguments not given.</summary>
    private static readonly Dictionary<string, Func<ConfigReader, Initializer>> InitializerFactories = new(StringComparer.Ordinal)
    {
        ["Zeros"] = _ => new Zeros(),
        ["Ones"] = _ => new Ones(),
        ["Constant"] = a => new Constant(a.Double("value", 0.0)),
        ["RandomNormal"] = a => new RandomNormal(a.Double("mean", 0.0), a.Double("stddev", 0.05), a.OptionalInt("seed")),
        ["RandomUniform"] = a => new RandomUniform(a.Double("minval", -0.05), a.Double("maxval", 0.05), a.OptionalInt("seed")),
        ["TruncatedNormal"] = a => new TruncatedNormal(a.Double("mean", 0.0), a.Double("stddev", 0.05), a.OptionalInt("seed")),
        ["GlorotUniform"] = a => new GlorotUniform(a.OptionalInt("seed")),
        ["GlorotNormal"] = a => new GlorotNormal(a.OptionalInt("seed")),
        ["HeNormal"] = a => new HeNormal(a.OptionalInt("seed")),
        ["HeUniform"] = a => new HeUniform(a.OptionalInt("seed")),
        ["LecunNormal"] = a => new LecunNormal(a.OptionalInt("seed")),
        ["LecunUniform"] = a => new LecunUniform(a.OptionalInt("seed")),
        ["Orthogonal"] = a => new Orthogonal(a.Double("gain", 1.0), a.OptionalInt("seed")),
        ["VarianceScaling"] = a => new VarianceScaling(a.Double("scale", 1.0),
            a.Choice("mode", FanMode.FanIn, ("fan_in", FanMode.FanIn), ("fan_out", FanMode.FanOut), ("fan_avg", FanMode.FanAvg)),
            // tf.keras 2 accepted "normal" for "truncated_normal"
            a.Choice("distribution", VarianceDistribution.TruncatedNormal, ("truncated_normal", VarianceDistribution.TruncatedNormal),
                ("normal", VarianceDistribution.TruncatedNormal), ("untruncated_normal", VarianceDistribution.UntruncatedNormal),
                ("uniform", VarianceDistribution.Uniform)),
            a.OptionalInt("seed")),
    };

    private static readonly Dictionary<string, Func<ConfigReader, Regularizer>> RegularizerFactories = new(StringComparer.Ordinal)
    {
        ["L1"] = a => new L1(a.Double("l1", 0.01)),
        ["L2"] = a => new L2(a.Double("l2", 0.01)),
        ["L1L2"] = a => new L1L2(a.Double("l1", 0.0), a.Double("l2", 0.0)),
    };

    private static readonly Dictionary<string, Func<ConfigReader, Constraint>> ConstraintFactories = new(StringComparer.Ordinal)
    {
        // Keras 3 MaxNorm(max_value=2, axis=0): the norm runs over the given axes only — on a Conv2D kernel
        // (kh, kw, in, out) the default axis 0 gives one norm per (kw, in, out), exactly as Keras computes it.
        ["MaxNorm"] = a => new MaxNorm(a.Double("max_value", 2.0), Axes(a)),
        ["NonNeg"] = _ => new NonNeg(),
        ["UnitNorm"] = a => new UnitNorm(Axes(a)),
        ["MinMaxNorm"] = a => new MinMaxNorm(a.Double("min_value", 0.0), a.Double("max_value", 1.0), a.Double("rate", 1.0), Axes(a)),
    };

    private static int[] Axes(ConfigReader a) => a.Ints("axis") ?? [0];

    /// <summary>The engine activation for a Keras 3 activation name (<c>"relu"</c>); null and <c>"linear"</c> give
    /// the identity.</summary>
    /// <exception cref="KerasImportException">The activation is not one the engine has.</exception>
    public static Activation GetActivation(string? name)
    {
        try
        {
            return Activations.Get(name);
        }
        catch (ArgumentException e)
        {
            throw new KerasImportException(Nowhere.File, 0, 0, "", e.Message);
        }
    }

    /// <summary>The activation argument <paramref name="key"/>, or null when not given (linear).</summary>
    private static Activation? Activation(ConfigReader a, string key)
    {
        var v = a.Take(key);
        switch (v)
        {
            case null or KerasNone:
                return null;
            case KerasString s:
            {
                Activation activation;
                try
                {
                    // Nn's Activations.Get is the engine's list of Keras activation names
                    activation = Activations.Get(s.Value);
                }
                catch (ArgumentException e)
                {
                    throw a.Fail(key, $"activation '{s.Value}' is not supported by the training engine", e.Message);
                }

                if (activation.Kind == ActivationKind.HardSigmoid && a.Context.Generation != KerasGeneration.Keras3)
                {
                    a.Context.Note(ImportNoteKind.Warning,
                        "hard_sigmoid is Keras 3's relu6(x + 3)/6; Keras 1 and 2 computed clip(0.2·x + 0.5, 0, 1), a steeper curve", a.Source);
                }

                return activation;
            }
            default:
                throw a.Fail(key, $"expected an activation name, got {ConfigReader.Describe(v)}");
        }
    }

    /// <summary>Creates an initializer from its Keras name (<c>"he_normal"</c>) or object
    /// (<c>HeNormal(seed=1)</c>).</summary>
    /// <exception cref="KerasImportException">Not an initializer the engine has, or an unsupported argument.</exception>
    public static Initializer CreateInitializer(KerasValue value) =>
        Initializer(new ConfigReader("initializer", KerasConfig.Of(("value", value)), Nowhere, new BuildContext()), "value")
        ?? throw new ArgumentException("An initializer is required.", nameof(value));

    /// <summary>Creates a regularizer from its Keras name (<c>"l2"</c>) or object (<c>L2(l2=1e-4)</c>).</summary>
    /// <exception cref="KerasImportException">Not a regularizer the engine has, or an unsupported argument.</exception>
    public static Regularizer CreateRegularizer(KerasValue value) =>
        Regularizer(new ConfigReader("regularizer", KerasConfig.Of(("value", value)), Nowhere, new BuildContext()), "value")
        ?? throw new ArgumentException("A regularizer is required.", nameof(value));

    /// <summary>Creates a constraint from its Keras name (<c>"max_norm"</c>) or object (<c>MaxNorm(max_value=3)</c>).</summary>
    /// <exception cref="KerasImportException">Not a constraint the engine has, or an unsupported argument.</exception>
    public static Constraint CreateConstraint(KerasValue value) =>
        Constraint(new ConfigReader("constraint", KerasConfig.Of(("value", value)), Nowhere, new BuildContext()), "value")
        ?? throw new ArgumentException("A constraint is required.", nameof(value));

    private static Initializer? Initializer(ConfigReader a, string key) =>
        NestedObject(a, key, InitializerFactories, KerasObjectKind.Initializer, "initializer");

    private static Regularizer? Regularizer(ConfigReader a, string key) =>
        NestedObject(a, key, RegularizerFactories, KerasObjectKind.Regularizer, "regularizer");

    private static Constraint? Constraint(ConfigReader a, string key) =>
        NestedObject(a, key, ConstraintFactories, KerasObjectKind.Constraint, "constraint");

    /// <summary>An object argument of a layer given by name (Keras defaults) or as an object with arguments. Names
    /// (<c>"he_normal"</c>, <c>"l2"</c>, <c>"max_norm"</c>) are resolved to their classes by the importer's catalog,
    /// the one table of Keras spellings.</summary>
    private static T? NestedObject<T>(ConfigReader a, string key, Dictionary<string, Func<ConfigReader, T>> factories,
        KerasObjectKind kind, string what) where T : class
    {
        var v = a.Take(key);
        switch (v)
        {
            case null or KerasNone:
                return null;
            case KerasString s:
            {
                string className = Catalog.ObjectCatalog.Find(kind, s.Value)?.ClassName ?? s.Value;
                if (!factories.TryGetValue(className, out var factory))
                {
                    throw a.Fail(key, $"{what} '{s.Value}' is not supported by the training engine",
                        "supported: " + string.Join(", ", factories.Keys));
                }

                return factory(new ConfigReader($"{a.Owner} {key}", KerasConfig.Empty, a.Source, a.Context));
            }

            case KerasObjectSpec obj:
            {
                if (!factories.TryGetValue(obj.ClassName, out var factory))
                {
                    throw a.Fail(key, $"{what} {obj.ClassName} is not supported by the training engine",
                        "supported: " + string.Join(", ", factories.Keys));
                }

                var nested = a.Nested(key, obj);
                T created;
                try
                {
                    created = factory(nested);
                }
                catch (ArgumentException e)
                {
                    throw nested.FailOwner(e.Message);
                }

                nested.Finish();
                return created;
            }

            default:
                throw a.Fail(key, $"expected a{(what[0] is 'i' ? "n" : "")} {what} name or object, got {ConfigReader.Describe(v)}");
        }
    }
}
