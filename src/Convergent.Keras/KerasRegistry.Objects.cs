using Convergent.Keras.Building;
using Convergent.Nn;

namespace Convergent.Keras;

public static partial class KerasRegistry
{
    private static readonly string[] ActivationNames =
    [
        "linear", "relu", "leaky_relu", "elu", "selu", "gelu", "tanh", "sigmoid", "hard_sigmoid", "softmax", "softplus",
        "softsign", "exponential",
    ];

    /// <summary>Initializer names (and Keras 3 class names) → engine initializers with Keras's defaults.</summary>
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

    /// <summary>Keras 3 snake_case initializer names → their classes.</summary>
    private static readonly Dictionary<string, string> InitializerNames = new(StringComparer.Ordinal)
    {
        ["zeros"] = "Zeros", ["ones"] = "Ones", ["constant"] = "Constant", ["random_normal"] = "RandomNormal",
        ["random_uniform"] = "RandomUniform", ["truncated_normal"] = "TruncatedNormal", ["glorot_uniform"] = "GlorotUniform",
        ["glorot_normal"] = "GlorotNormal", ["he_normal"] = "HeNormal", ["he_uniform"] = "HeUniform",
        ["lecun_normal"] = "LecunNormal", ["lecun_uniform"] = "LecunUniform", ["orthogonal"] = "Orthogonal",
        ["variance_scaling"] = "VarianceScaling",
    };

    private static readonly Dictionary<string, Func<ConfigReader, Regularizer>> RegularizerFactories = new(StringComparer.Ordinal)
    {
        ["L1"] = a => new L1(a.Double("l1", 0.01)),
        ["L2"] = a => new L2(a.Double("l2", 0.01)),
        ["L1L2"] = a => new L1L2(a.Double("l1", 0.0), a.Double("l2", 0.0)),
    };

    private static readonly Dictionary<string, string> RegularizerNames = new(StringComparer.Ordinal)
    {
        ["l1"] = "L1", ["l2"] = "L2", ["l1_l2"] = "L1L2",
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

    private static readonly Dictionary<string, string> ConstraintNames = new(StringComparer.Ordinal)
    {
        ["max_norm"] = "MaxNorm", ["non_neg"] = "NonNeg", ["unit_norm"] = "UnitNorm", ["min_max_norm"] = "MinMaxNorm",
    };

    private static int[] Axes(ConfigReader a) => a.Ints("axis") ?? [0];

    /// <summary>The engine activation for a Keras 3 activation name (<c>"relu"</c>); null and <c>"linear"</c> give
    /// the identity.</summary>
    /// <exception cref="KerasImportException">The activation is not one the engine has.</exception>
    public static Activation GetActivation(string? name) => GetActivation(name, Nowhere, "activation");

    private static Activation GetActivation(string? name, SourceRef source, string argument)
    {
        if (name is null || Array.IndexOf(ActivationNames, name) >= 0)
        {
            return Activations.Get(name);
        }

        throw Unsupported(source, argument, name, ActivationNames);
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
                if (Array.IndexOf(ActivationNames, s.Value) < 0)
                {
                    throw a.Fail(key, $"activation '{s.Value}' is not supported by the training engine",
                        "supported: " + string.Join(", ", ActivationNames));
                }

                if (s.Value == "hard_sigmoid" && a.Context.Generation != KerasGeneration.Keras3)
                {
                    a.Context.Note(ImportNoteKind.Warning,
                        "hard_sigmoid is Keras 3's relu6(x + 3)/6; Keras 1 and 2 computed clip(0.2·x + 0.5, 0, 1), a steeper curve", a.Source);
                }

                return Activations.Get(s.Value);
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
        NestedObject(a, key, InitializerFactories, InitializerNames, "initializer");

    private static Regularizer? Regularizer(ConfigReader a, string key) =>
        NestedObject(a, key, RegularizerFactories, RegularizerNames, "regularizer");

    private static Constraint? Constraint(ConfigReader a, string key) =>
        NestedObject(a, key, ConstraintFactories, ConstraintNames, "constraint");

    /// <summary>An object argument of a layer given by name (Keras defaults) or as an object with arguments.</summary>
    private static T? NestedObject<T>(ConfigReader a, string key, Dictionary<string, Func<ConfigReader, T>> factories,
        Dictionary<string, string> names, string what) where T : class
    {
        var v = a.Take(key);
        switch (v)
        {
            case null or KerasNone:
                return null;
            case KerasString s:
            {
                string className = names.TryGetValue(s.Value, out var c) ? c : s.Value;
                if (!factories.TryGetValue(className, out var factory))
                {
                    throw a.Fail(key, $"{what} '{s.Value}' is not supported by the training engine",
                        "supported: " + string.Join(", ", names.Keys));
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
