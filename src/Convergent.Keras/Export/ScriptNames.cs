using Convergent.Keras.Evaluation;
using Convergent.Keras.Python;

namespace Convergent.Keras.Export;

/// <summary>
/// How the patched script refers to a Keras class it did not use before, in the script's own import style: a name it
/// already imports (<c>Dense</c>), a name added to an import line that lists the module's names
/// (<c>from keras.layers import Dense, Rescaling</c>), a module it imports (<c>layers.Rescaling</c>,
/// <c>keras.layers.Rescaling</c>, <c>tf.keras.layers.Rescaling</c>), or else a new import line after the script's
/// imports, from <c>keras</c> or <c>tensorflow.keras</c> as the script imports Keras.
/// </summary>
internal sealed class ScriptNames
{
    private readonly ScriptSyntax _syntax;
    private readonly ScriptEdits _edits;
    private readonly List<(string Module, string Name, string Bound)> _names = [];
    private readonly List<string> _starModules = [];
    private readonly List<(string Alias, string Module)> _modules = [];
    private readonly List<(ImportFromStmt Stmt, string Module)> _fromImports = [];
    private readonly Dictionary<string, List<string>> _newLines = new(StringComparer.Ordinal);
    private readonly Stmt? _lastImport;
    private readonly bool _tensorflowKeras;

    public ScriptNames(ScriptSyntax syntax, ScriptEdits edits)
    {
        _syntax = syntax;
        _edits = edits;
        foreach (var node in AstWalker.Descendants([syntax.Module]))
        {
            switch (node)
            {
                case ImportStmt imp:
                    foreach (var n in imp.Names)
                    {
                        _tensorflowKeras |= n.Name.StartsWith("tensorflow", StringComparison.Ordinal);
                        // `import a.b` binds a; `import a.b as c` binds c to a.b
                        string module = n.Alias is null ? n.Name.Split('.')[0] : n.Name;
                        _modules.Add((n.Alias ?? module, KerasModules.Canonical(module)));
                    }

                    break;
                case ImportFromStmt { Level: 0 } from:
                {
                    string module = KerasModules.Canonical(from.Module);
                    _tensorflowKeras |= from.Module.StartsWith("tensorflow", StringComparison.Ordinal);
                    if (from.Star)
                    {
                        _starModules.Add(module);
                        break;
                    }

                    _fromImports.Add((from, module));
                    foreach (var n in from.Names)
                    {
                        // `from keras import layers` imports a module; `from keras.layers import Dense` a class
                        if (char.IsLower(n.Name[0]) && KerasModules.IsKeras(module))
                        {
                            _modules.Add((n.Alias ?? n.Name, module + "." + n.Name));
                        }
                        else
                        {
                            _names.Add((module, n.Name, n.Alias ?? n.Name));
                        }
                    }

                    break;
                }
            }

            if (node is ImportStmt or ImportFromStmt && syntax.Parent(node) is ModuleNode)
            {
                _lastImport = (Stmt)node;
            }
        }
    }

    /// <summary>True when the script imports standalone Keras the Keras 1/2 way (<c>from keras.models import
    /// Sequential</c>, <c>keras.layers.core</c> ...), not through TensorFlow: it may be a Keras 2 older than 2.3.</summary>
    public bool ClassicStandaloneKeras =>
        !_tensorflowKeras && _fromImports.Any(f => f.Module == "keras.models" || f.Module.StartsWith("keras.layers.", StringComparison.Ordinal) ||
                                                   f.Module == "keras.utils" && f.Stmt.Names.Any(n => n.Name == "np_utils"));

    /// <summary>The Keras module of a kind of object (<c>keras.optimizers</c> ...).</summary>
    public static string ModuleOf(KerasObjectKind kind) => kind switch
    {
        KerasObjectKind.Optimizer => "keras.optimizers",
        KerasObjectKind.LearningRateSchedule => "keras.optimizers.schedules",
        KerasObjectKind.Loss => "keras.losses",
        KerasObjectKind.Metric => "keras.metrics",
        KerasObjectKind.Initializer => "keras.initializers",
        KerasObjectKind.Regularizer => "keras.regularizers",
        KerasObjectKind.Constraint => "keras.constraints",
        _ => "keras.callbacks",
    };

    /// <summary>The expression that names class <paramref name="name"/> of the canonical Keras module
    /// <paramref name="module"/> (e.g. <c>keras.layers</c>) in the patched script; adds to an import when needed.</summary>
    public string Reference(string module, string name)
    {
        foreach (var (m, n, bound) in _names)
        {
            if (n == name && (m == module || m.StartsWith(module + ".", StringComparison.Ordinal)))
            {
                return bound;
            }
        }

        if (_starModules.Any(m => m == module || m.StartsWith(module + ".", StringComparison.Ordinal)))
        {
            return name;
        }

        foreach (var (stmt, m) in _fromImports)
        {
            if (m == module && stmt.Names.Count > 0 && _syntax.Parent(stmt) is ModuleNode &&
                stmt.Names.All(n => !char.IsLower(n.Name[0])))
            {
                var last = stmt.Names[^1];
                if (_edits.Add(last.Span.End, last.Span.End, ", " + name) is null)
                {
                    _names.Add((m, name, name));
                    return name;
                }
            }
        }

        foreach (var (alias, m) in _modules)
        {
            if (m == module)
            {
                return alias + "." + name;
            }
        }

        foreach (var (alias, m) in _modules)
        {
            if (m == "keras")
            {
                return alias + module["keras".Length..] + "." + name;
            }

            if (m == "tensorflow")
            {
                return alias + "." + module + "." + name;
            }
        }

        string written = (_tensorflowKeras ? "tensorflow." : "") + module;
        if (!_newLines.TryGetValue(written, out var list))
        {
            _newLines[written] = list = [];
        }

        if (!list.Contains(name))
        {
            list.Add(name);
        }

        _names.Add((module, name, name));
        return name;
    }

    /// <summary>Writes the new import lines (once all references are known): after the script's last top-level import,
    /// else at the top.</summary>
    public string? Flush()
    {
        if (_newLines.Count == 0)
        {
            return null;
        }

        string text = string.Concat(_newLines.Select(kv => $"from {kv.Key} import {string.Join(", ", kv.Value)}\n"));
        int at = _lastImport is null ? 0 : _syntax.NextLineStart(_lastImport.Span.End);
        if (_lastImport is not null && at == _syntax.Source.Length && !_syntax.Source.EndsWith('\n'))
        {
            text = "\n" + text;
        }

        return _edits.Add(at, at, text);
    }
}
