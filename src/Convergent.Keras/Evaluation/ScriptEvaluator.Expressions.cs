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

    private PyValue EvalCompare(CompareExpr cmp, Scope scope)
    {
        var left = Eval(cmp.Left, scope);
        for (int i = 0; i < cmp.Ops.Count; i++)
        {
            var right = Eval(cmp.Comparators[i], scope);
            bool? result = Compare(cmp.Ops[i], left, right);
            if (result is null)
            {
                return PyValues.IsUnknown(left) ? left : PyValues.IsUnknown(right) ? right : Unknown(cmp, "comparison the importer cannot decide");
            }

            if (!result.Value)
            {
                return PyBool.False;
            }

            left = right;
        }

        return PyBool.True;
    }

    private static bool? Compare(string op, PyValue left, PyValue right)
    {
        switch (op)
        {
            case "is":
            case "is not":
            {
                bool? same = (left, right) switch
                {
                    (PyNone, PyNone) => true,
                    (PyNone, _) when !PyValues.IsUnknown(right) => false,
                    (_, PyNone) when !PyValues.IsUnknown(left) => false,
                    (PyBool a, PyBool b) => a.Value == b.Value,
                    _ when ReferenceEquals(left, right) && !PyValues.IsUnknown(left) => true,
                    _ => null,
                };
                return op == "is" ? same : !same;
            }

            case "==":
                return PyEquals(left, right);
            case "!=":
                return !PyEquals(left, right);
            case "in":
            case "not in":
            {
                bool? contains = Contains(right, left);
                return op == "in" ? contains : !contains;
            }
        }

        int? order = PyCompare(left, right);
        return order is null ? null : op switch
        {
            "<" => order < 0,
            ">" => order > 0,
            "<=" => order <= 0,
            ">=" => order >= 0,
            _ => null,
        };
    }

    private static bool? Contains(PyValue container, PyValue item)
    {
        switch (container)
        {
            case PyStr s when item is PyStr sub:
                return s.Value.Contains(sub.Value, StringComparison.Ordinal);
            case PyList or PyTuple:
            {
                var items = container is PyList l ? l.Items : (IList<PyValue>)((PyTuple)container).Items;
                bool unknown = false;
                foreach (var x in items)
                {
                    bool? eq = PyEquals(x, item);
                    if (eq == true)
                    {
                        return true;
                    }

                    unknown |= eq is null;
                }

                return unknown ? null : false;
            }

            case PyDict d:
                return Contains(new PyList(d.Entries.Select(e => e.Key).ToList()), item);
            case PyRange r when item is PyInt i:
                return r.Step > 0
                    ? i.Value >= r.Start && i.Value < r.Stop && (i.Value - r.Start) % r.Step == 0
                    : i.Value <= r.Start && i.Value > r.Stop && (r.Start - i.Value) % -r.Step == 0;
            default:
                return null;
        }
    }

    /// <summary>Python equality for known values; null when either side is unknown.</summary>
    private static bool? PyEquals(PyValue a, PyValue b, int depth = 0)
    {
        if (depth > MaxValueDepth || PyValues.IsUnknown(a) || PyValues.IsUnknown(b))
        {
            return null;
        }

        if (Number(a) is { } x && Number(b) is { } y)
        {
            return x == y;
        }

        switch (a, b)
        {
            case (PyStr s, PyStr t):
                return s.Value == t.Value;
            case (PyNone, PyNone):
                return true;
            case (PyTuple or PyList, PyTuple or PyList):
            {
                if (a.GetType() != b.GetType())
                {
                    return false;
                }

                var left = a is PyList la ? la.Items : (IList<PyValue>)((PyTuple)a).Items;
                var right = b is PyList lb ? lb.Items : (IList<PyValue>)((PyTuple)b).Items;
                if (left.Count != right.Count)
                {
                    return false;
                }

                for (int i = 0; i < left.Count; i++)
                {
                    bool? eq = PyEquals(left[i], right[i], depth + 1);
                    if (eq != true)
                    {
                        return eq;
                    }
                }

                return true;
            }

            default:
                if (a is PyStr or PyNone or PyTuple or PyList || b is PyStr or PyNone or PyTuple or PyList ||
                    Number(a) is not null || Number(b) is not null)
                {
                    return false;
                }

                return ReferenceEquals(a, b) ? true : null;
        }
    }

    private static int? PyCompare(PyValue a, PyValue b, int depth = 0)
    {
        if (depth > MaxValueDepth)
        {
            return null;
        }

        if (Number(a) is { } x && Number(b) is { } y)
        {
            return x.CompareTo(y);
        }

        if (a is PyStr s && b is PyStr t)
        {
            return Math.Sign(string.CompareOrdinal(s.Value, t.Value));
        }

        if (a is PyTuple ta && b is PyTuple tb)
        {
            for (int i = 0; i < Math.Min(ta.Items.Length, tb.Items.Length); i++)
            {
                bool? eq = PyEquals(ta.Items[i], tb.Items[i]);
                if (eq is null)
                {
                    return null;
                }

                if (!eq.Value)
                {
                    return PyCompare(ta.Items[i], tb.Items[i], depth + 1);
                }
            }

            return ta.Items.Length.CompareTo(tb.Items.Length);
        }

        return null;
    }

    private static double? Number(PyValue value) => value switch
    {
        PyInt i => i.Value,
        PyFloat f => f.Value,
        PyBool b => b.Value ? 1 : 0,
        _ => null,
    };

    /// <summary>Python truthiness for known values; null when unknown.</summary>
    private static bool? Truth(PyValue value) => value switch
    {
        PyNone => false,
        PyBool b => b.Value,
        PyInt i => i.Value != 0,
        PyFloat f => f.Value != 0,
        PyStr s => s.Value.Length > 0,
        PyTuple t => t.Items.Length > 0,
        PyList l => l.Items.Count > 0,
        PyDict d => d.Entries.Count > 0,
        PyRange r => r.Length > 0,
        PyUnknown or PyOpaque => null,
        _ => true,
    };

    private PyValue UnaryOp(string op, PyValue operand, Node at)
    {
        if (PyValues.IsUnknown(operand))
        {
            return operand;
        }

        switch (op)
        {
            case "not":
                return Truth(operand) is { } truth ? PyBool.Of(!truth) : Unknown(at, "condition not known");
            case "-":
                return operand switch
                {
                    PyInt i when i.Value != long.MinValue => new PyInt(-i.Value),
                    PyBool b => new PyInt(b.Value ? -1 : 0),
                    PyFloat f => new PyFloat(-f.Value),
                    _ => Unknown(at, $"unary - on {operand.TypeName}"),
                };
            case "+":
                return operand is PyInt or PyFloat ? operand : Unknown(at, $"unary + on {operand.TypeName}");
            case "~":
                return operand is PyInt ii ? new PyInt(~ii.Value) : Unknown(at, $"~ on {operand.TypeName}");
            default:
                return Unknown(at, $"operator {op}");
        }
    }

    private PyValue BinaryOp(string op, PyValue left, PyValue right, Node at)
    {
        if (PyValues.IsUnknown(left))
        {
            return left;
        }

        if (PyValues.IsUnknown(right))
        {
            return right;
        }

        try
        {
            return BinaryOpCore(op, left, right, at);
        }
        catch (OverflowException)
        {
            return Unknown(at, "integer arithmetic beyond 64 bits");
        }
    }

    private PyValue BinaryOpCore(string op, PyValue left, PyValue right, Node at)
    {
        if (left is PyInt or PyBool && right is PyInt or PyBool)
        {
            long a = (long)Number(left)!.Value;
            long b = (long)Number(right)!.Value;
            return op switch
            {
                "+" => new PyInt(checked(a + b)),
                "-" => new PyInt(checked(a - b)),
                "*" => new PyInt(checked(a * b)),
                "/" => b == 0 ? Unknown(at, "division by zero") : new PyFloat((double)a / b),
                "//" => b == 0 ? Unknown(at, "division by zero") : new PyInt(FloorDiv(a, b)),
                "%" => b == 0 ? Unknown(at, "division by zero") : new PyInt(a - (FloorDiv(a, b) * b)),
                "**" => b >= 0 ? new PyInt(CheckedPow(a, b)) : new PyFloat(Math.Pow(a, b)),
                "<<" => b is >= 0 and < 63 ? new PyInt(checked(a * (1L << (int)b))) : Unknown(at, "shift out of range"),
                ">>" => b >= 0 ? new PyInt(b >= 64 ? (a < 0 ? -1 : 0) : a >> (int)b) : Unknown(at, "negative shift"),
                "&" => new PyInt(a & b),
                "|" => new PyInt(a | b),
                "^" => new PyInt(a ^ b),
                _ => Unknown(at, $"operator {op}"),
            };
        }

        if (Number(left) is { } x && Number(right) is { } y && left is not PyStr && right is not PyStr)
        {
            return op switch
            {
                "+" => new PyFloat(x + y),
                "-" => new PyFloat(x - y),
                "*" => new PyFloat(x * y),
                "/" => y == 0 ? Unknown(at, "division by zero") : new PyFloat(x / y),
                "//" => y == 0 ? Unknown(at, "division by zero") : new PyFloat(Math.Floor(x / y)),
                "%" => y == 0 ? Unknown(at, "division by zero") : new PyFloat(x - (y * Math.Floor(x / y))),
                "**" => new PyFloat(Math.Pow(x, y)),
                _ => Unknown(at, $"operator {op} on floats"),
            };
        }

        switch (op, left, right)
        {
            case ("+", PyStr s, PyStr t):
                CheckString((long)s.Value.Length + t.Value.Length, at);
                return new PyStr(s.Value + t.Value);
            case ("*", PyStr s, PyInt n):
                return RepeatString(s.Value, n.Value, at);
            case ("*", PyInt n, PyStr s):
                return RepeatString(s.Value, n.Value, at);
            case ("+", PyTuple a, PyTuple b):
                CheckLength((long)a.Items.Length + b.Items.Length, at);
                return new PyTuple([.. a.Items, .. b.Items]);
            case ("+", PyList a, PyList b):
                CheckLength((long)a.Items.Count + b.Items.Count, at);
                return new PyList([.. a.Items, .. b.Items]);
            case ("*", PyTuple t, PyInt n):
                return new PyTuple(Repeat(t.Items, n.Value, at).ToArray());
            case ("*", PyInt n, PyTuple t):
                return new PyTuple(Repeat(t.Items, n.Value, at).ToArray());
            case ("*", PyList l, PyInt n):
                return new PyList(Repeat(l.Items, n.Value, at));
            case ("*", PyInt n, PyList l):
                return new PyList(Repeat(l.Items, n.Value, at));
            case ("%", PyStr format, _):
                return PercentFormat(format.Value, right, at);
        }

        return Unknown(at, $"operator {op} on {left.TypeName} and {right.TypeName}");
    }

    private static long FloorDiv(long a, long b)
    {
        long q = a / b;
        if ((a % b != 0) && ((a < 0) != (b < 0)))
        {
            q--;
        }

        return q;
    }

    private static long CheckedPow(long a, long b)
    {
        long result = 1;
        // Overflow ends this loop within 64 multiplications unless |a| <= 1.
        for (long i = 0; i < b; i++)
        {
            result = checked(result * a);
            if (a is 0 or 1 || (a == -1 && i > 1))
            {
                return a == -1 ? (b % 2 == 0 ? 1 : -1) : (a == 0 ? 0 : 1);
            }
        }

        return result;
    }

    private PyStr RepeatString(string s, long n, Node at)
    {
        long length = Math.Max(0, n) * s.Length;
        CheckString(length, at);
        var sb = new StringBuilder((int)length);
        for (long i = 0; i < n; i++)
        {
            sb.Append(s);
        }

        return new PyStr(sb.ToString());
    }

    private List<PyValue> Repeat(IList<PyValue> items, long n, Node at)
    {
        long length = Math.Max(0, n) * items.Count;
        CheckLength(length, at);
        var result = new List<PyValue>((int)length);
        for (long i = 0; i < n; i++)
        {
            result.AddRange(items);
        }

        return result;
    }

    private void CheckLength(long length, Node at)
    {
        if (length > MaxCollectionLength)
        {
            throw Error(at, $"collection of {length:N0} elements is larger than the importer's limit of {MaxCollectionLength:N0}");
        }
    }

    private void CheckString(long length, Node at)
    {
        if (length > MaxStringLength)
        {
            throw Error(at, $"string of {length:N0} characters is longer than the importer's limit of 1 MB");
        }
    }

    private PyValue PercentFormat(string format, PyValue args, Node at)
    {
        var values = args is PyTuple t ? t.Items : [args];
        var sb = new StringBuilder();
        int next = 0;
        for (int i = 0; i < format.Length; i++)
        {
            if (format[i] != '%' || i + 1 >= format.Length)
            {
                sb.Append(format[i]);
                continue;
            }

            int j = i + 1;
            while (j < format.Length && (char.IsAsciiDigit(format[j]) || format[j] is '.' or '-' or '+' or ' '))
            {
                j++;
            }

            if (j >= format.Length)
            {
                return Unknown(at, "%-format");
            }

            char conversion = format[j];
            if (conversion == '%')
            {
                sb.Append('%');
                i = j;
                continue;
            }

            if (next >= values.Length)
            {
                return Unknown(at, "%-format with too few values");
            }

            var value = values[next++];
            string spec = format[(i + 1)..j];
            string? text = conversion switch
            {
                's' or 'r' => Str(value),
                'd' or 'i' => value is PyInt or PyBool or PyFloat ? ((long)Number(value)!.Value).ToString(CultureInfo.InvariantCulture) : null,
                'f' or 'e' or 'g' => spec.StartsWith('.') ? FormatWithSpec(value, spec + conversion) : FormatWithSpec(value, ".6" + conversion),
                _ => null,
            };
            if (text is null)
            {
                return PyValues.IsUnknown(value) ? value : Unknown(at, "%-format");
            }

            sb.Append(text);
            i = j;
        }

        CheckString(sb.Length, at);
        return new PyStr(sb.ToString());
    }

    private PyValue Subscript(PyValue target, PyValue index, Node at)
    {
        if (PyValues.IsUnknown(target))
        {
            return target;
        }

        if (PyValues.IsUnknown(index))
        {
            return index;
        }

        switch (target)
        {
            case PyList or PyTuple or PyStr:
            {
                var items = target switch
                {
                    PyList l => l.Items,
                    PyTuple t => (IList<PyValue>)t.Items,
                    _ => ((PyStr)target).Value.Select(c => (PyValue)new PyStr(c.ToString())).ToList(),
                };
                if (index is PyInt or PyBool)
                {
                    long i = (long)Number(index)!.Value;
                    if (i < 0)
                    {
                        i += items.Count;
                    }

                    return i >= 0 && i < items.Count ? items[(int)i] : Unknown(at, "index out of range");
                }

                if (index is PySlice slice && SliceIndices(slice, items.Count) is { } indices)
                {
                    var picked = indices.Select(i => items[i]).ToList();
                    return target switch
                    {
                        PyList => new PyList(picked),
                        PyTuple => new PyTuple(picked.ToArray()),
                        _ => new PyStr(string.Concat(picked.Select(p => ((PyStr)p).Value))),
                    };
                }

                return Unknown(at, "subscript the importer does not evaluate");
            }

            case PyDict d:
            {
                int found = d.Entries.FindIndex(e => PyEquals(e.Key, index) == true);
                return found >= 0 ? d.Entries[found].Value : Unknown(at, "key not found");
            }

            case PyRange r when index is PyInt ri:
            {
                long i = ri.Value < 0 ? ri.Value + r.Length : ri.Value;
                return i >= 0 && i < r.Length ? new PyInt(r.Start + (i * r.Step)) : Unknown(at, "index out of range");
            }

            default:
                return Unknown(at, $"subscript of {target.TypeName}");
        }
    }

    private static List<int>? SliceIndices(PySlice slice, int count)
    {
        static long? Get(PyValue? v) => v switch
        {
            null or PyNone => null,
            PyInt i => i.Value,
            _ => long.MinValue,
        };

        long? lower = Get(slice.Lower);
        long? upper = Get(slice.Upper);
        long step = Get(slice.Step) ?? 1;
        if (lower == long.MinValue || upper == long.MinValue || step == 0 || step == long.MinValue)
        {
            return null;
        }

        long Clamp(long v, long lo, long hi) => Math.Max(lo, Math.Min(hi, v < 0 ? v + count : v));
        var result = new List<int>();
        if (step > 0)
        {
            long start = lower is null ? 0 : Clamp(lower.Value, 0, count);
            long stop = upper is null ? count : Clamp(upper.Value, 0, count);
            for (long i = start; i < stop; i += step)
            {
                result.Add((int)i);
            }
        }
        else
        {
            long start = lower is null ? count - 1 : Clamp(lower.Value, -1, count - 1);
            long stop = upper is null ? -1 : Clamp(upper.Value, -1, count - 1);
            for (long i = start; i > stop; i += step)
            {
                result.Add((int)i);
            }
        }

        return result;
    }

    /// <summary>The number of items of a known iterable, or null.</summary>
    private static long? Length(PyValue value) => value switch
    {
        PyList l => l.Items.Count,
        PyTuple t => t.Items.Length,
        PyStr s => s.Value.Length,
        PyDict d => d.Entries.Count,
        PyRange r => r.Length,
        _ => null,
    };

    /// <summary>Items of a known iterable (snapshot for lists, so loops that append stay bounded).</summary>
    private IEnumerable<PyValue> Iterate(PyValue value, Node at)
    {
        switch (value)
        {
            case PyList l:
                return l.Items.ToArray();
            case PyTuple t:
                return t.Items;
            case PyStr s:
                return s.Value.Select(c => (PyValue)new PyStr(c.ToString())).ToArray();
            case PyDict d:
                return d.Entries.Select(e => e.Key).ToArray();
            case PyRange r:
                return RangeItems(r);
            default:
                throw Error(at, $"cannot iterate over {value.TypeName}");
        }
    }

    private static IEnumerable<PyValue> RangeItems(PyRange r)
    {
        long n = r.Length;
        for (long i = 0; i < n; i++)
        {
            yield return new PyInt(r.Start + (i * r.Step));
        }
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
