using System.Globalization;
using Convergent.Keras.Catalog;
using Convergent.Keras.Python;

namespace Convergent.Keras.Evaluation;

// Runtime values of the evaluator. One family, read together (like CPython's Objects/), so they share a file.

/// <summary>A value produced by evaluating the Python subset.</summary>
internal abstract class PyValue
{
    /// <summary>Python-ish type name for messages.</summary>
    public abstract string TypeName { get; }
}

internal sealed class PyNone : PyValue
{
    public static readonly PyNone Instance = new();

    public override string TypeName => "None";
}

internal sealed class PyBool(bool value) : PyValue
{
    public static readonly PyBool True = new(true);
    public static readonly PyBool False = new(false);

    public bool Value { get; } = value;

    public static PyBool Of(bool value) => value ? True : False;

    public override string TypeName => "bool";
}

internal sealed class PyInt(long value) : PyValue
{
    public long Value { get; } = value;

    public override string TypeName => "int";
}

internal sealed class PyFloat(double value) : PyValue
{
    public double Value { get; } = value;

    public override string TypeName => "float";
}

internal sealed class PyStr(string value) : PyValue
{
    public string Value { get; } = value;

    public override string TypeName => "str";
}

internal sealed class PyTuple(PyValue[] items) : PyValue
{
    public static readonly PyTuple Empty = new([]);

    public PyValue[] Items { get; } = items;

    public override string TypeName => "tuple";
}

internal sealed class PyList(List<PyValue> items) : PyValue
{
    public List<PyValue> Items { get; } = items;

    public override string TypeName => "list";
}

internal sealed class PyDict(List<KeyValuePair<PyValue, PyValue>> entries) : PyValue
{
    public List<KeyValuePair<PyValue, PyValue>> Entries { get; } = entries;

    public override string TypeName => "dict";
}

internal sealed class PyRange(long start, long stop, long step) : PyValue
{
    public long Start { get; } = start;

    public long Stop { get; } = stop;

    public long Step { get; } = step;

    public long Length => Step > 0
        ? Math.Max(0, (Stop - Start + Step - 1) / Step)
        : Math.Max(0, (Start - Stop - Step - 1) / -Step);

    public override string TypeName => "range";
}

internal sealed class PySlice(PyValue? lower, PyValue? upper, PyValue? step) : PyValue
{
    public PyValue? Lower { get; } = lower;

    public PyValue? Upper { get; } = upper;

    public PyValue? Step { get; } = step;

    public override string TypeName => "slice";
}

/// <summary>A Keras module (canonical path such as <c>keras.layers</c>), as written by the user.</summary>
internal sealed class PyModule(string path, string written) : PyValue
{
    public string Path { get; } = path;

    public string Written { get; } = written;

    public override string TypeName => "module";
}

/// <summary>
/// Anything outside Keras (numpy, pandas, matplotlib, sklearn, os ...) or a Keras utility that does not define
/// the model (<c>keras.utils.to_categorical</c>, <c>keras.datasets.mnist</c>): attributes stay opaque,
/// calls give <see cref="PyUnknown"/>.
/// </summary>
internal sealed class PyOpaque(string path, string written) : PyValue
{
    public string Path { get; } = path;

    public string Written { get; } = written;

    public override string TypeName => "object";
}

/// <summary>What a Keras name is.</summary>
internal enum SymbolCategory
{
    Layer,
    ModelApi,
    Optimizer,
    Schedule,
    Loss,
    Metric,
    Initializer,
    Regularizer,
    Constraint,
    Callback,
    Activation,
    Backend,
    Application,
}

/// <summary>A Keras class or function, e.g. <c>keras.layers.Dense</c> or <c>keras.losses.categorical_crossentropy</c>.</summary>
internal sealed class PyKerasSymbol(SymbolCategory category, string name, string written) : PyValue
{
    public SymbolCategory Category { get; } = category;

    /// <summary>The attribute name as written (e.g. <c>Convolution2D</c>).</summary>
    public string Name { get; } = name;

    /// <summary>The dotted path as written (e.g. <c>keras.layers.Convolution2D</c>).</summary>
    public string Written { get; } = written;

    public override string TypeName => "keras " + Category.ToString().ToLowerInvariant();
}

/// <summary>A Python builtin such as <c>range</c>, <c>len</c>, <c>print</c>.</summary>
internal sealed class PyBuiltin(string name) : PyValue
{
    public string Name { get; } = name;

    public override string TypeName => "builtin_function";
}

/// <summary>A function defined in the script.</summary>
internal sealed class PyFunction(FunctionDefStmt definition, Scope closure, PyValue?[] defaults) : PyValue
{
    public FunctionDefStmt Definition { get; } = definition;

    public Scope Closure { get; } = closure;

    /// <summary>Default values per parameter (evaluated at definition time, as in Python), null when none.</summary>
    public PyValue?[] Defaults { get; } = defaults;

    public bool Called { get; set; }

    public override string TypeName => "function";
}

/// <summary>A lambda: kept as source text (callback hooks), not evaluated.</summary>
internal sealed class PyLambda(LambdaExpr expression) : PyValue
{
    public LambdaExpr Expression { get; } = expression;

    public override string TypeName => "function";
}

/// <summary>A method looked up on a value, waiting to be called.</summary>
internal sealed class PyBoundMethod(PyValue self, string name) : PyValue
{
    public PyValue Self { get; } = self;

    public string Name { get; } = name;

    public override string TypeName => "method";
}

/// <summary>A data array whose values are unknown but whose shape the caller supplied
/// (<see cref="KerasScriptOptions.ArrayShapes"/>).</summary>
internal sealed class PyArray(long[] shape, string origin) : PyValue
{
    public long[] Shape { get; } = shape;

    /// <summary>The name whose supplied shape this came from.</summary>
    public string Origin { get; } = origin;

    public long Size => Shape.Aggregate(1L, (a, d) => a * d);

    public override string TypeName => "array";
}

/// <summary>A layer created by the script.</summary>
internal sealed class PyLayer(NormalizedLayer layer, SourceRef source) : PyValue
{
    public NormalizedLayer Layer { get; set; } = layer;

    public SourceRef Source { get; } = source;

    /// <summary>The model or tensor chain that uses it, or null while unused.</summary>
    public object? UsedBy { get; set; }

    public LayerSpec ToSpec() => new(Layer.Definition.ClassName, Layer.Name, Layer.Config, Layer.InputShape, Source)
    {
        WrittenClassName = Layer.WrittenClassName,
    };

    public override string TypeName => "layer " + Layer.Definition.ClassName;
}

/// <summary><c>keras.Input(...)</c> or <c>InputLayer(...)</c>: the model's input.</summary>
internal sealed class PyInput(int?[] shape, int? batchSize, string? dtype, SourceRef source) : PyValue
{
    public int?[] Shape { get; } = shape;

    public int? BatchSize { get; } = batchSize;

    public string? DType { get; } = dtype;

    public SourceRef Source { get; } = source;

    public bool UsedInSequential { get; set; }

    public override string TypeName => "keras input";
}

/// <summary>A symbolic tensor of the functional API: the output of <see cref="Layer"/> applied to <see cref="Parent"/>
/// (or an input).</summary>
internal sealed class PyTensor(PyTensor? parent, PyLayer? layer, PyInput? input) : PyValue
{
    public PyTensor? Parent { get; } = parent;

    public PyLayer? Layer { get; } = layer;

    public PyInput? Input { get; } = input;

    public override string TypeName => "keras tensor";
}

/// <summary>A Keras object: optimizer, initializer, callback ...</summary>
internal sealed class PyKerasObject(KerasObjectSpec spec, SourceRef source) : PyValue
{
    public KerasObjectSpec Spec { get; } = spec;

    public SourceRef Source { get; } = source;

    public override string TypeName => ObjectCatalog.KindWord(Spec.Kind) + " " + Spec.ClassName;
}

/// <summary>A Sequential model under construction.</summary>
internal sealed class PyModel(SourceRef source) : PyValue
{
    public SourceRef Source { get; } = source;

    public string? Name { get; set; }

    public List<PyLayer> Layers { get; } = [];

    public int?[]? InputShape { get; set; }

    public int? InputBatchSize { get; set; }

    public string? InputDType { get; set; }

    public CompileSpec? Compile { get; set; }

    public FitSpec? Fit { get; set; }

    /// <summary>How many times <c>fit</c> ran on this model (a fit inside an epoch loop runs many times).</summary>
    public int FitCalls { get; set; }

    /// <summary>Set when this Sequential was nested in another and its layers moved there.</summary>
    public PyModel? AbsorbedInto { get; set; }

    public override string TypeName => "keras model";
}

/// <summary>
/// A value the importer does not know: the result of code it skipped (data loading, numpy, unknown calls).
/// It can flow through skipped code freely; using it to define the model is an error that names
/// <see cref="Name"/> and where it came from.
/// </summary>
internal sealed class PyUnknown(string? name, int line, string reason) : PyValue
{
    /// <summary>The variable it was read from, if any.</summary>
    public string? Name { get; } = name;

    /// <summary>Line of the statement that produced it.</summary>
    public int Line { get; } = line;

    /// <summary>One line: why it is unknown, e.g. <c>calls np.load(...)</c>.</summary>
    public string Reason { get; } = reason;

    /// <summary>True when the name was never defined (a typo, or a name from a skipped import).</summary>
    public bool NotDefined { get; init; }

    /// <summary>True for a class defined in the script (a custom layer, model or callback) and its instances.</summary>
    public bool CustomClass { get; init; }

    public override string TypeName => "unknown";

    public string Describe() =>
        Name is null
            ? $"{Reason} (line {Line})"
            : $"'{Name}' is unknown: set at line {Line} by code the importer skipped ({Reason})";
}

/// <summary>Helpers for values.</summary>
internal static class PyValues
{
    public static string Repr(PyValue value, int depth = 0) => depth > 8 ? "…" : value switch
    {
        PyNone => "None",
        PyBool b => b.Value ? "True" : "False",
        PyInt i => i.Value.ToString(CultureInfo.InvariantCulture),
        PyFloat f => KerasValue.FormatFloat(f.Value),
        PyStr s => "'" + (s.Value.Length > 40 ? s.Value[..40] + "…" : s.Value) + "'",
        PyTuple t => "(" + string.Join(", ", t.Items.Take(8).Select(x => Repr(x, depth + 1))) + (t.Items.Length == 1 ? ",)" : ")"),
        PyList l => "[" + string.Join(", ", l.Items.Take(8).Select(x => Repr(x, depth + 1))) + (l.Items.Count > 8 ? ", …]" : "]"),
        PyKerasSymbol s => s.Written,
        PyModule m => m.Written,
        PyOpaque o => o.Written,
        PyLayer l => l.Layer.Definition.ClassName + "(...)",
        PyKerasObject o => o.Spec.ClassName + "(...)",
        PyFunction f => f.Definition.Name,
        _ => value.TypeName,
    };

    public static bool IsUnknown(PyValue value) => value is PyUnknown or PyOpaque;
}
