using System.Globalization;
using System.Text;
using Convergent.Keras.Python;

namespace Convergent.Keras.Evaluation;

internal sealed partial class ScriptEvaluator
{
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
        PyUnknown or PyOpaque or PyArray => null,
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
        if ((left is PyArray || right is PyArray) && op is "+" or "-" or "*" or "/" or "//" or "%" or "**")
        {
            return ArrayArithmetic(left, right) ?? Unknown(at, $"array arithmetic the importer does not evaluate");
        }

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
            case PyArray array:
                return ArraySubscript(array, index, at);
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
}
