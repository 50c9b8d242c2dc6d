using Convergent.Keras.Catalog;
using Convergent.Keras.Python;

namespace Convergent.Keras.Evaluation;

/// <summary>
/// Runs a parsed Keras script over the Python subset that defines Sequential models and their training:
/// imports, assignments and arithmetic, decidable <c>if</c>s, bounded <c>for</c> loops and comprehensions,
/// functions defined in the script, Keras layer/optimizer/... calls, <c>model.add/compile/fit</c>. Everything
/// else is skipped and recorded; names it binds become <see cref="PyUnknown"/>, an error only when used to
/// define the model. Work is bounded (steps, loop iterations, call depth, collection and string sizes).
/// </summary>
internal sealed partial class ScriptEvaluator
{
    /// <summary>Per-loop iteration limit: models have tens of layers, never thousands.</summary>
    public const int MaxLoopIterations = 10_000;

    /// <summary>Total evaluation steps for a script; a Keras script needs a few thousand.</summary>
    public const int MaxSteps = 2_000_000;

    /// <summary>Nested calls of functions defined in the script.</summary>
    public const int MaxCallDepth = 32;

    /// <summary>Longest list, tuple or dict the evaluator builds.</summary>
    public const int MaxCollectionLength = 1_000_000;

    /// <summary>Longest string the evaluator builds (1 MB).</summary>
    public const int MaxStringLength = 1 << 20;

    /// <summary>Deepest nesting of tuples/lists converted to Keras values.</summary>
    public const int MaxValueDepth = 64;

    private readonly string _file;
    private readonly string _source;
    private readonly KerasScriptOptions _options;
    private readonly Scope _globals = new(null);
    private readonly List<SkippedStatement> _skipped = [];
    private readonly HashSet<Stmt> _skippedNodes = [];
    private readonly List<KerasImportWarning> _warnings = [];
    private readonly List<PyModel> _models = [];
    private readonly List<PyLayer> _layers = [];
    private readonly List<PyFunction> _functions = [];
    private readonly HashSet<string> _usedBindings = [];
    private int _steps;
    private int _callDepth;
    private int _effects;
    private bool _keras1;
    private (string Format, string Origin)? _globalDataFormat;
    private Stmt? _statement;
    private PyValue? _returnValue;

    private ScriptEvaluator(string source, string file, KerasScriptOptions options)
    {
        _source = source;
        _file = file;
        _options = options;
    }

    private enum Flow
    {
        Normal,
        Break,
        Continue,
        Return,
    }

    /// <summary>Parses and evaluates <paramref name="source"/> and returns the model it defines.</summary>
    public static KerasModelSpec Run(string source, string file, KerasScriptOptions options)
    {
        var module = PythonParser.Parse(source, file);
        var evaluator = new ScriptEvaluator(source, file, options);
        evaluator.ExecBlock(module.Body, evaluator._globals);
        return evaluator.Finish();
    }

    /// <summary>Counts work; hostile scripts hit this instead of running for minutes.</summary>
    private void Step(Node at)
    {
        if (!System.Runtime.CompilerServices.RuntimeHelpers.TryEnsureSufficientExecutionStack())
        {
            throw Error(at, "script nested too deeply for the evaluator's stack");
        }

        if (++_steps > MaxSteps)
        {
            throw Error(at, $"script too expensive to evaluate (more than {MaxSteps:N0} steps)",
                "the importer evaluates model definitions, not computations");
        }
    }

    private string StatementText
    {
        get
        {
            if (_statement is null)
            {
                return "";
            }

            string text = _statement.Span.TextIn(_source);
            if (_statement is IfStmt or ForStmt or WhileStmt or WithStmt or TryStmt or FunctionDefStmt or ClassDefStmt)
            {
                int nl = text.IndexOf('\n');
                return nl < 0 ? text : text[..nl].TrimEnd();
            }

            return text;
        }
    }

    private KerasImportException Error(Node at, string reason, string? hint = null) =>
        new(_file, at.Span.Line, at.Span.Column, StatementText, reason, hint);

    private KerasImportException Error(SourceSpan at, string reason, string? hint = null) =>
        new(_file, at.Line, at.Column, StatementText, reason, hint);

    private SourceRef Ref(Node node) =>
        Ref(node.Span);

    private SourceRef Ref(SourceSpan span) =>
        new(_file, span.Line, span.Column, span.TextIn(_source)) { EndLine = span.EndLine, Start = span.Start, End = span.End };

    private static ArgSite Site(SourceSpan span) => new(span.Line, span.Column, null);

    private NormalizeContext Context(SourceSpan callSpan) =>
        new(_file, isJson: false, _warnings) { SourceText = StatementText, CallSite = Site(callSpan) };

    private void Absorb(NormalizeContext ctx) => _keras1 |= ctx.SawKeras1Spelling;

    private void Warn(SourceSpan at, string message) => _warnings.Add(new KerasImportWarning(Ref(at), message));

    private string Text(Node node, int max = 60)
    {
        string text = node.Span.TextIn(_source).ReplaceLineEndings(" ");
        return text.Length > max ? text[..max] + "…" : text;
    }

    private void RecordSkip(Stmt stmt, string reason)
    {
        if (!_skippedNodes.Add(stmt))
        {
            return;
        }

        string text = stmt.Span.TextIn(_source);
        int nl = text.IndexOf('\n');
        if (nl >= 0)
        {
            text = text[..nl].TrimEnd();
        }

        if (text.Length > 120)
        {
            text = text[..120] + "…";
        }

        _skipped.Add(new SkippedStatement(stmt.Span.Line, stmt.Span.EndLine, reason, text));
    }

    private static string SkipReason(PyValue value) => value switch
    {
        PyUnknown { NotDefined: true } u => $"uses '{u.Name}', which is not defined",
        PyUnknown { Name: not null } u => $"uses '{u.Name}' (unknown since line {u.Line})",
        PyUnknown u => u.Reason,
        PyOpaque o => $"uses {o.Written}",
        PyArray a => $"data work on '{a.Origin}' (shape from the supplied array shapes)",
        _ => "not part of the model",
    };

    /// <summary>The error for an unknown value used where the model needs a value.</summary>
    private KerasImportException UnknownError(PyValue value, SourceSpan at, string use)
    {
        const string Hint =
            "the importer reads literals, arithmetic and Keras calls; write data-dependent values (such as " +
            "x_train.shape[1:]) as numbers, or pass them in KerasScriptOptions.Bindings";
        switch (value)
        {
            case PyUnknown { NotDefined: true } u:
            {
                var candidates = LayerCatalog.AllNames.Concat(_globals.Locals.Select(kv => kv.Key));
                string? closest = KerasNames.Closest(u.Name!, candidates);
                return Error(at, $"name '{u.Name}' is not defined ({use})",
                    closest is not null ? $"did you mean '{closest}'?" : null);
            }

            case PyUnknown { Name: not null } u:
                return Error(at, $"'{u.Name}' is not known to the importer ({use}): it was set at line {u.Line} by code that was skipped ({u.Reason})", Hint);
            case PyUnknown u:
                return Error(at, $"value not known to the importer ({use}): {u.Reason} (line {u.Line})", Hint);
            case PyOpaque o:
                return Error(at, $"'{o.Written}' is not known to the importer ({use})", Hint);
            default:
                return Error(at, $"unexpected {value.TypeName} ({use})");
        }
    }

    private PyUnknown Unknown(Node at, string reason) => new(null, at.Span.Line, reason);
}
