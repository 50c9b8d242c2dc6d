namespace Convergent.Nn;

/// <summary>Keras 3's serialized form of a nested object (an initializer, regularizer or constraint inside a layer's
/// configuration): <c>{"module": …, "class_name": …, "config": {…}, "registered_name": null}</c>.</summary>
public static class KerasObject
{
    /// <summary>The serialized initializer (null stays null).</summary>
    public static IReadOnlyDictionary<string, object?>? Serialize(Initializer? i) =>
        i is null ? null : Wrap("keras.initializers", i.ClassName, i.GetConfig());

    /// <summary>The serialized regularizer (null stays null).</summary>
    public static IReadOnlyDictionary<string, object?>? Serialize(Regularizer? r) =>
        r is null ? null : Wrap("keras.regularizers", r.ClassName, r.GetConfig());

    /// <summary>The serialized constraint (null stays null).</summary>
    public static IReadOnlyDictionary<string, object?>? Serialize(Constraint? c) =>
        c is null ? null : Wrap("keras.constraints", c.ClassName, c.GetConfig());

    /// <summary>An activation as Keras serializes a built-in one: its name (null means <c>"linear"</c>).</summary>
    public static string Serialize(Activation? a) => a?.KerasName ?? "linear";

    private static IReadOnlyDictionary<string, object?> Wrap(string module, string className, IReadOnlyDictionary<string, object?> config) =>
        new Dictionary<string, object?>
        {
            ["module"] = module,
            ["class_name"] = className,
            ["config"] = config,
            ["registered_name"] = null,
        };
}
