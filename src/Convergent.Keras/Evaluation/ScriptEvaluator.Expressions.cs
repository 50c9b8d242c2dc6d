using System.Globalization;
using System.Text;
using Convergent.Keras.Python;

namespace Convergent.Keras.Evaluation;

internal sealed partial class ScriptEvaluator
{
    private static readonly HashSet<string> Builtins =
    [
        "print", "range", "len", "int", "float", "str", "bool", "tuple", "list", "dict", "set", "min", "max", "abs",
        "round", "sum", "enumerate", "zip", "sorted", "reversed", "isinstance", "type", "open", "input", "getattr",
        "hasattr", "setattr", "super", "object", "map", "filter", "any", "all", "iter", "next", "format", "repr",
        "hash", "id", "vars", "dir", "globals", "locals", "exec", "eval", "exit", "quit", "divmod", "pow", "chr",
        "ord", "hex", "bin", "oct", "callable", "frozenset", "bytes", "bytearray", "complex", "slice", "property",
        "staticmethod", "classmethod", "Exception", "ValueError", "TypeError", "KeyError", "IndexError",
        "ImportError", "RuntimeError", "NotImplementedError", "StopIteration", "AttributeError", "OSError",
        "IOError", "FileNotFoundError", "ZeroDivisionError", "KeyboardInterrupt", "display", "get_ipython",
    ];

    private PyValue Lookup(string name, Scope scope, Node at, bool quiet = false)
    {
        for (var s = scope; s is not null; s = s.Parent)
        {
            if (s.TryGetLocal(name, out var value))
            {
                return value;
            }
        }

        var root = scope.Root;
        foreach (bool strict in new[] { true, false })
        {
            for (int i = root.StarImports.Count - 1; i >= 0; i--)
            {
                if (KerasModules.FromStarImport(root.StarImports[i], name, strict) is { } found)
                {
                    return found is PyKerasSymbol sym ? new PyKerasSymbol(sym.Category, sym.Name, name) : found;
                }
            }
        }

        if (name == "__name__")
        {
            return new PyStr("__main__");
        }

        if (Builtins.Contains(name))
        {
            return new PyBuiltin(name);
        }

        if (!quiet && SuppliedArray(name, at.Span) is { } array)
        {
            return array;
        }

        if (!quiet && _options.Bindings.TryGetValue(name, out var bound))
        {
            if (_usedBindings.Add(name))
            {
                Warn(at.Span, $"'{name}' set to {bound.ToPython()} from the supplied bindings");
            }

            return FromKeras(bound);
        }

        return new PyUnknown(name, at.Span.Line, $"name '{name}' is not defined") { NotDefined = true };
    }

    private PyValue Eval(Expr expr, Scope scope)
    {
        Step(expr);
        switch (expr)
        {
            case NameExpr n:
                return Lookup(n.Id, scope, n);
            case ConstantExpr c:
                return c.Kind switch
                {
                    ConstantKind.None => PyNone.Instance,
                    ConstantKind.True => PyBool.True,
                    ConstantKind.False => PyBool.False,
                    ConstantKind.Int => new PyInt((long)c.Value!),
                    ConstantKind.Float => new PyFloat((double)c.Value!),
                    ConstantKind.Str => new PyStr((string)c.Value!),
                    ConstantKind.Bytes => Unknown(c, "bytes literal"),
                    ConstantKind.Imaginary => Unknown(c, "complex number literal"),
                    _ => Unknown(c, "Ellipsis"),
                };
            case FStringExpr f:
                return EvalFString(f, scope);
            case TupleExpr t:
                return EvalItems(t.Items, scope, t) is { } tupleItems ? new PyTuple(tupleItems.ToArray()) : UnknownItems(t, scope);
            case ListExpr l:
                return EvalItems(l.Items, scope, l) is { } listItems ? new PyList(listItems) : UnknownItems(l, scope);
            case SetExpr s:
                return EvalItems(s.Items, scope, s) is { } setItems ? new PyList(Distinct(setItems)) : UnknownItems(s, scope);
            case DictExpr d:
                return EvalDict(d, scope);
            case StarredExpr star:
                return Eval(star.Value, scope);
            case AttributeExpr a:
                return GetAttribute(Eval(a.Target, scope), a.Name, a);
            case SubscriptExpr sub:
                return Subscript(Eval(sub.Target, scope), Eval(sub.Index, scope), sub);
            case SliceExpr slice:
                return new PySlice(
                    slice.Lower is null ? null : Eval(slice.Lower, scope),
                    slice.Upper is null ? null : Eval(slice.Upper, scope),
                    slice.Step is null ? null : Eval(slice.Step, scope));
            case CallExpr call:
                return EvalCall(call, scope);
            case BinaryExpr b:
            {
                var left = Eval(b.Left, scope);
                var right = Eval(b.Right, scope);
                return BinaryOp(b.Op, left, right, b);
            }

            case UnaryExpr u:
                return UnaryOp(u.Op, Eval(u.Operand, scope), u);
            case BoolOpExpr bo:
            {
                PyValue result = PyNone.Instance;
                foreach (var operand in bo.Values)
                {
                    result = Eval(operand, scope);
                    bool? truth = Truth(result);
                    if (truth is null)
                    {
                        return result is PyUnknown ? result : Unknown(bo, "condition not known");
                    }

                    if (bo.Op == "and" ? !truth.Value : truth.Value)
                    {
                        return result;
                    }
                }

                return result;
            }

            case CompareExpr cmp:
                return EvalCompare(cmp, scope);
            case IfExpr ie:
            {
                var test = Eval(ie.Test, scope);
                bool? truth = Truth(test);
                if (truth is null)
                {
                    if ((FindModelCall(ie.Body, scope) ?? FindModelCall(ie.OrElse, scope)) is { } call)
                    {
                        throw Error(call, "model-defining call inside a conditional expression whose condition the importer cannot decide");
                    }

                    return test is PyUnknown ? test : Unknown(ie, "condition not known");
                }

                return Eval(truth.Value ? ie.Body : ie.OrElse, scope);
            }

            case LambdaExpr lambda:
                return new PyLambda(lambda);
            case ComprehensionExpr comp:
                return EvalComprehension(comp, scope);
            case NamedExpr named:
            {
                var value = Eval(named.Value, scope);
                scope.Set(named.Target.Id, value);
                return value;
            }

            case OpaqueExpr o:
                return Unknown(o, o.Keyword + " expression");
            default:
                throw Error(expr, $"unsupported expression {expr.GetType().Name}");
        }
    }

    /// <summary>Evaluates display items, splicing <c>*iterable</c>; null when a starred item is unknown.</summary>
    private List<PyValue>? EvalItems(List<Expr> items, Scope scope, Node at)
    {
        var result = new List<PyValue>(items.Count);
        foreach (var item in items)
        {
            if (item is StarredExpr star)
            {
                var spliced = Eval(star.Value, scope);
                if (Length(spliced) is not { } n || spliced is PyDict)
                {
                    return null;
                }

                CheckLength(result.Count + n, at);
                result.AddRange(Iterate(spliced, at));
            }
            else
            {
                result.Add(Eval(item, scope));
            }
        }

        return result;
    }

    private PyValue UnknownItems(Node at, Scope scope) => Unknown(at, "unpacks a value the importer does not know");

    private static List<PyValue> Distinct(List<PyValue> items)
    {
        var result = new List<PyValue>();
        foreach (var item in items)
        {
            if (!result.Any(r => PyEquals(r, item) == true))
            {
                result.Add(item);
            }
        }

        return result;
    }

    private PyValue EvalDict(DictExpr d, Scope scope)
    {
        var entries = new List<KeyValuePair<PyValue, PyValue>>();
        foreach (var (keyExpr, valueExpr) in d.Entries)
        {
            if (keyExpr is null)
            {
                if (Eval(valueExpr, scope) is not PyDict other)
                {
                    return Unknown(d, "unpacks a mapping the importer does not know");
                }

                foreach (var entry in other.Entries)
                {
                    Put(entries, entry.Key, entry.Value);
                }

                continue;
            }

            var key = Eval(keyExpr, scope);
            var value = Eval(valueExpr, scope);
            if (PyValues.IsUnknown(key))
            {
                return key;
            }

            Put(entries, key, value);
        }

        CheckLength(entries.Count, d);
        return new PyDict(entries);
    }

    private static void Put(List<KeyValuePair<PyValue, PyValue>> entries, PyValue key, PyValue value)
    {
        int at = entries.FindIndex(e => PyEquals(e.Key, key) == true);
        if (at >= 0)
        {
            entries[at] = new(key, value);
        }
        else
        {
            entries.Add(new(key, value));
        }
    }

    private PyValue EvalFString(FStringExpr f, Scope scope)
    {
        var sb = new StringBuilder();
        foreach (var part in f.Parts)
        {
            if (part is string literal)
            {
                sb.Append(literal);
                continue;
            }

            var field = (FormattedValue)part;
            var value = Eval(field.Value, scope);
            string? text = field.FormatSpec is null ? Str(value) : FormatWithSpec(value, field.FormatSpec);
            if (field.Conversion == 'r' && value is PyStr rs)
            {
                text = "'" + rs.Value + "'";
            }

            if (text is null)
            {
                return PyValues.IsUnknown(value) ? value : Unknown(f, "f-string with a value the importer does not format");
            }

            sb.Append(text);
            if (sb.Length > MaxStringLength)
            {
                throw Error(f, "string longer than 1 MB");
            }
        }

        return new PyStr(sb.ToString());
    }

    /// <summary>Python's <c>str()</c> for known scalars and containers, or null.</summary>
    private static string? Str(PyValue value) => value switch
    {
        PyStr s => s.Value,
        PyInt or PyFloat or PyBool or PyNone or PyTuple or PyList => PyValues.Repr(value),
        _ => null,
    };

    private static string? FormatWithSpec(PyValue value, string spec)
    {
        if (spec.Contains('{'))
        {
            return null;
        }

        double? number = value switch
        {
            PyInt i => i.Value,
            PyFloat f => f.Value,
            _ => null,
        };
        if (spec.Length >= 2 && spec[0] == '.' && spec[^1] is 'f' or 'e' or 'g' or '%' &&
            int.TryParse(spec.AsSpan(1, spec.Length - 2), out int digits) && number is not null && digits < 20)
        {
            return spec[^1] switch
            {
                'f' => number.Value.ToString("F" + digits, CultureInfo.InvariantCulture),
                'e' => number.Value.ToString("0." + new string('0', digits) + "e+00", CultureInfo.InvariantCulture),
                '%' => (number.Value * 100).ToString("F" + digits, CultureInfo.InvariantCulture) + "%",
                _ => number.Value.ToString("G" + Math.Max(1, digits), CultureInfo.InvariantCulture),
            };
        }

        if (value is PyInt iv && spec.TrimStart('0').Length == 0 && spec.Length > 0)
        {
            return iv.Value.ToString(CultureInfo.InvariantCulture);
        }

        if (value is PyInt pad && spec.EndsWith('d') && int.TryParse(spec.AsSpan(0, spec.Length - 1), out int width) && width < 64)
        {
            string s = pad.Value.ToString(CultureInfo.InvariantCulture);
            return spec.StartsWith('0') ? s.PadLeft(width, '0') : s.PadLeft(width);
        }

        return spec == "d" && value is PyInt d ? d.Value.ToString(CultureInfo.InvariantCulture) : null;
    }

    private PyValue EvalComprehension(ComprehensionExpr comp, Scope scope)
    {
        var inner = new Scope(scope);
        var results = new List<PyValue>();
        var keys = new List<PyValue>();
        int iterations = 0;
        PyUnknown? unknown = null;

        void Loop(int level)
        {
            if (unknown is not null)
            {
                return;
            }

            if (level == comp.Fors.Count)
            {
                if (comp.Kind == ComprehensionKind.Dict)
                {
                    keys.Add(Eval(comp.Element, inner));
                    results.Add(Eval(comp.Value!, inner));
                }
                else
                {
                    results.Add(Eval(comp.Element, inner));
                }

                return;
            }

            var clause = comp.Fors[level];
            var iterable = Eval(clause.Iterable, level == 0 ? scope : inner);
            long count = Length(iterable) ?? -1;
            if (count < 0 || count > MaxLoopIterations)
            {
                if (FindModelCall(comp.Element, scope) is { } call)
                {
                    throw count < 0
                        ? Error(call, "model-defining call inside a comprehension over values the importer does not know",
                            SkipReason(iterable))
                        : Error(call, $"comprehension of {count:N0} iterations defines the model; the importer runs at most {MaxLoopIterations:N0}");
                }

                unknown = iterable as PyUnknown ?? Unknown(comp, count < 0 ? $"comprehension over {Text(clause.Iterable, 40)}" : $"comprehension of {count:N0} items");
                return;
            }

            foreach (var item in Iterate(iterable, comp))
            {
                if (++iterations > MaxLoopIterations * 10)
                {
                    throw Error(comp, $"comprehension runs more than {MaxLoopIterations * 10:N0} iterations");
                }

                Assign(clause.Target, item, inner, _statement ?? new ExprStmt(comp));
                bool keep = true;
                foreach (var condition in clause.Conditions)
                {
                    bool? truth = Truth(Eval(condition, inner));
                    if (truth is null)
                    {
                        unknown = Unknown(condition, "comprehension condition not known");
                        return;
                    }

                    keep &= truth.Value;
                }

                if (keep)
                {
                    Loop(level + 1);
                }
            }
        }

        Loop(0);
        if (unknown is not null)
        {
            return unknown;
        }

        CheckLength(results.Count, comp);
        return comp.Kind switch
        {
            ComprehensionKind.Dict => new PyDict(keys.Zip(results, (k, v) => new KeyValuePair<PyValue, PyValue>(k, v)).ToList()),
            ComprehensionKind.Set => new PyList(Distinct(results)),
            _ => new PyList(results),
        };
    }
}
