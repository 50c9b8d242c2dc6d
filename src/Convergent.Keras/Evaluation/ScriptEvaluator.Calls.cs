using System.Globalization;
using Convergent.Keras.Python;

namespace Convergent.Keras.Evaluation;

internal sealed partial class ScriptEvaluator
{
    /// <summary>An evaluated call argument with its syntax (for error positions and source text).</summary>
    private sealed record Arg(string? Keyword, PyValue Value, Argument Node);

    private static readonly HashSet<string> ListMethods = ["append", "extend", "insert", "pop", "index", "count", "copy", "reverse", "remove", "clear"];
    private static readonly HashSet<string> DictMethods = ["get", "keys", "values", "items", "update", "copy", "setdefault", "pop"];
    private static readonly HashSet<string> StrMethods = ["format", "lower", "upper", "join", "replace", "split", "strip", "startswith", "endswith", "title", "capitalize"];

    private PyValue EvalCall(CallExpr call, Scope scope)
    {
        var callee = Eval(call.Function, scope);
        var args = new List<Arg>();
        bool unknownSplat = false;
        foreach (var argument in call.Arguments)
        {
            var value = Eval(argument.Value, scope);
            switch (argument.Kind)
            {
                case ArgumentKind.Star when Length(value) is { } n && value is not PyDict:
                    CheckLength(n, call);
                    args.AddRange(Iterate(value, call).Select(v => new Arg(null, v, argument)));
                    break;
                case ArgumentKind.DoubleStar when value is PyDict d && d.Entries.All(e => e.Key is PyStr):
                    args.AddRange(d.Entries.Select(e => new Arg(((PyStr)e.Key).Value, e.Value, argument)));
                    break;
                case ArgumentKind.Star:
                case ArgumentKind.DoubleStar:
                    unknownSplat = true;
                    args.Add(new Arg(argument.Kind == ArgumentKind.Star ? "*" : "**", value, argument));
                    break;
                default:
                    args.Add(new Arg(argument.Name, value, argument));
                    break;
            }
        }

        if (unknownSplat && callee is PyKerasSymbol or PyBoundMethod { Self: PyModel })
        {
            var splat = args.First(a => a.Keyword is "*" or "**");
            throw UnknownError(splat.Value, splat.Node.Span, $"unpacked into {Text(call.Function)}(...)");
        }

        switch (callee)
        {
            case PyKerasSymbol symbol:
                return CallKeras(symbol, args, call);
            case PyBuiltin builtin:
                return CallBuiltin(builtin.Name, args, call);
            case PyFunction function:
                return CallFunction(function, args, call);
            case PyBoundMethod method:
                return CallMethod(method, args, call, scope);
            case PyLayer layer:
                return CallLayer(layer, args, call);
            case PyModel when args.Any(a => a.Value is PyTensor or PyInput):
                throw Error(call, "calling a model on a Keras tensor (nesting models in the functional API) is not supported");
            case PyModel:
                return Unknown(call, "runs the model on data");
            case PyKerasObject o:
                return Unknown(call, $"calls {o.Spec.ClassName} on data");
            case PyUnknown or PyOpaque:
            {
                var keras = args.FirstOrDefault(a => a.Value is PyLayer or PyModel or PyTensor or PyInput);
                if (keras is not null)
                {
                    throw Error(keras.Node.Span,
                        $"passes a Keras {keras.Value.TypeName} to {Text(call.Function)}, which the importer does not know ({SkipReason(callee)})");
                }

                if (callee is PyOpaque opaque && opaque.Path.EndsWith("ImageDataGenerator", StringComparison.Ordinal))
                {
                    Warn(call.Span, "ImageDataGenerator data augmentation is part of the data pipeline and is not imported");
                }

                // An undefined callee keeps its "not defined" identity so a typo such as Dens(10) is reported as one.
                return callee switch
                {
                    PyUnknown { NotDefined: true } => callee,
                    PyUnknown { CustomClass: true } cls => new PyUnknown(null, call.Span.Line, cls.Reason) { CustomClass = true },
                    _ => Unknown(call, $"calls {Text(call.Function)}(...)"),
                };
            }

            case PyLambda:
                return Unknown(call, "calls a lambda");
            case PyModule module:
                throw Error(call, $"'{module.Written}' is a module, not a function");
            default:
                return Unknown(call, $"calls a {callee.TypeName}");
        }
    }

    private PyValue CallBuiltin(string name, List<Arg> args, CallExpr call)
    {
        var values = args.Where(a => a.Keyword is null).Select(a => a.Value).ToList();
        if (name == "print")
        {
            return Unknown(call, "prints output");
        }

        if (values.Any(PyValues.IsUnknown))
        {
            return values.First(PyValues.IsUnknown);
        }

        switch (name)
        {
            case "range" when values.Count is >= 1 and <= 3 && values.All(v => v is PyInt or PyBool):
            {
                var n = values.Select(v => (long)Number(v)!.Value).ToArray();
                var range = n.Length switch
                {
                    1 => new PyRange(0, n[0], 1),
                    2 => new PyRange(n[0], n[1], 1),
                    _ => new PyRange(n[0], n[1], n[2]),
                };
                return range.Step == 0 ? Unknown(call, "range() step is zero") : range;
            }

            case "len" when values.Count == 1 && Length(values[0]) is { } length:
                return new PyInt(length);
            case "len" when values.Count == 1 && values[0] is PyArray { Shape.Length: > 0 } array:
                return new PyInt(array.Shape[0]);
            case "int" when values.Count == 1:
                return values[0] switch
                {
                    PyInt i => i,
                    PyBool b => new PyInt(b.Value ? 1 : 0),
                    PyFloat f when Math.Abs(f.Value) < 9.2e18 => new PyInt((long)Math.Truncate(f.Value)),
                    PyStr s when long.TryParse(s.Value.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long parsed) => new PyInt(parsed),
                    _ => Unknown(call, "int() of a value the importer does not convert"),
                };
            case "float" when values.Count == 1:
                return values[0] switch
                {
                    PyInt or PyFloat or PyBool => new PyFloat(Number(values[0])!.Value),
                    PyStr s when double.TryParse(s.Value.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out double d) => new PyFloat(d),
                    _ => Unknown(call, "float() of a value the importer does not convert"),
                };
            case "str" when values.Count == 1 && Str(values[0]) is { } text:
                return new PyStr(text);
            case "bool" when values.Count == 1 && Truth(values[0]) is { } truth:
                return PyBool.Of(truth);
            case "tuple" when values.Count == 0:
                return PyTuple.Empty;
            case "list" when values.Count == 0:
                return new PyList([]);
            case "tuple" or "list" when values.Count == 1 && Length(values[0]) is { } n:
                CheckLength(n, call);
                return name == "tuple" ? new PyTuple(Iterate(values[0], call).ToArray()) : new PyList(Iterate(values[0], call).ToList());
            case "dict" when values.Count == 0:
                return new PyDict(args.Where(a => a.Keyword is not null).Select(a => new KeyValuePair<PyValue, PyValue>(new PyStr(a.Keyword!), a.Value)).ToList());
            case "min" or "max" or "sum" when values.Count >= 1:
            {
                var items = values.Count == 1 && Length(values[0]) is { } count && count <= MaxCollectionLength
                    ? Iterate(values[0], call).ToList()
                    : values;
                if (items.Count == 0 || items.Any(i => Number(i) is null))
                {
                    return name == "sum" && items.Count == 0 ? new PyInt(0) : Unknown(call, $"{name}() of values the importer does not compare");
                }

                if (name == "sum")
                {
                    return items.Aggregate<PyValue, PyValue>(new PyInt(0), (acc, v) => BinaryOp("+", acc, v, call));
                }

                var best = items[0];
                foreach (var item in items.Skip(1))
                {
                    double a = Number(item)!.Value;
                    double b = Number(best)!.Value;
                    if (name == "min" ? a < b : a > b)
                    {
                        best = item;
                    }
                }

                return best;
            }

            case "abs" when values.Count == 1:
                return values[0] switch
                {
                    PyInt i when i.Value != long.MinValue => new PyInt(Math.Abs(i.Value)),
                    PyFloat f => new PyFloat(Math.Abs(f.Value)),
                    _ => Unknown(call, "abs()"),
                };
            case "round" when values.Count is 1 or 2 && Number(values[0]) is { } x:
                if (values.Count == 1)
                {
                    return new PyInt((long)Math.Round(x, MidpointRounding.ToEven));
                }

                return values[1] is PyInt digits && digits.Value is >= 0 and <= 15
                    ? new PyFloat(Math.Round(x, (int)digits.Value, MidpointRounding.ToEven))
                    : Unknown(call, "round()");
            case "enumerate" when values.Count is 1 or 2 && Length(values[0]) is { } count2 && count2 <= MaxCollectionLength:
            {
                var startValue = values.Count == 2 ? values[1] : args.FirstOrDefault(a => a.Keyword == "start")?.Value;
                long start = startValue is PyInt s ? s.Value : 0;
                return new PyList(Iterate(values[0], call).Select((v, i) => (PyValue)new PyTuple([new PyInt(start + i), v])).ToList());
            }

            case "zip" when values.Count >= 1 && values.All(v => Length(v) is { } c && c <= MaxCollectionLength):
            {
                var lists = values.Select(v => Iterate(v, call).ToList()).ToList();
                int shortest = lists.Min(l => l.Count);
                return new PyList(Enumerable.Range(0, shortest).Select(i => (PyValue)new PyTuple(lists.Select(l => l[i]).ToArray())).ToList());
            }

            case "sorted" or "reversed" when values.Count == 1 && Length(values[0]) is { } c3 && c3 <= MaxCollectionLength:
            {
                var items = Iterate(values[0], call).ToList();
                if (name == "reversed")
                {
                    items.Reverse();
                    return new PyList(items);
                }

                if (items.All(i => Number(i) is not null))
                {
                    return new PyList(items.OrderBy(i => Number(i)).ToList());
                }

                return items.All(i => i is PyStr)
                    ? new PyList(items.OrderBy(i => ((PyStr)i).Value, StringComparer.Ordinal).ToList())
                    : Unknown(call, "sorted()");
            }

            default:
                return Unknown(call, $"calls {name}(...)");
        }
    }

    private PyValue CallFunction(PyFunction function, List<Arg> args, CallExpr call)
    {
        if (_callDepth >= MaxCallDepth)
        {
            throw Error(call, $"function calls nested more than {MaxCallDepth} deep (recursion is not supported)");
        }

        function.Called = true;
        var def = function.Definition;
        var local = new Scope(function.Closure);
        var positional = args.Where(a => a.Keyword is null).ToList();
        var keywords = args.Where(a => a.Keyword is not null).ToList();
        var extraPositional = new List<PyValue>();
        var extraKeywords = new List<KeyValuePair<PyValue, PyValue>>();
        int next = 0;
        for (int i = 0; i < def.Parameters.Count; i++)
        {
            var p = def.Parameters[i];
            switch (p.Kind)
            {
                case ParameterKind.Normal:
                    if (next < positional.Count)
                    {
                        local.Set(p.Name, positional[next++].Value);
                    }

                    break;
                case ParameterKind.VarArgs:
                    while (next < positional.Count)
                    {
                        extraPositional.Add(positional[next++].Value);
                    }

                    local.Set(p.Name, new PyTuple(extraPositional.ToArray()));
                    break;
            }
        }

        foreach (var keyword in keywords)
        {
            var param = def.Parameters.FirstOrDefault(p => p.Name == keyword.Keyword && p.Kind is ParameterKind.Normal or ParameterKind.KeywordOnly);
            if (param is not null)
            {
                local.Set(param.Name, keyword.Value);
            }
            else
            {
                extraKeywords.Add(new(new PyStr(keyword.Keyword!), keyword.Value));
            }
        }

        for (int i = 0; i < def.Parameters.Count; i++)
        {
            var p = def.Parameters[i];
            if (p.Kind == ParameterKind.KwArgs)
            {
                local.Set(p.Name, new PyDict(extraKeywords));
            }
            else if (p.Kind is ParameterKind.Normal or ParameterKind.KeywordOnly && !local.TryGetLocal(p.Name, out _))
            {
                local.Set(p.Name, function.Defaults[i] ?? new PyUnknown(p.Name, call.Span.Line, $"argument '{p.Name}' of {def.Name}() not given"));
            }
        }

        _callDepth++;
        var savedReturn = _returnValue;
        _returnValue = null;
        try
        {
            var flow = ExecBlock(def.Body, local);
            return flow == Flow.Return ? _returnValue ?? PyNone.Instance : PyNone.Instance;
        }
        finally
        {
            _callDepth--;
            _returnValue = savedReturn;
        }
    }

    private PyValue GetAttribute(PyValue target, string name, AttributeExpr at)
    {
        switch (target)
        {
            case PyArray array:
                return ArrayAttribute(array, name, at);
            case PyModule module:
                return KerasModules.Attribute(module.Path, module.Written, name);
            case PyOpaque opaque:
                return KerasModules.Attribute(opaque.Path, opaque.Written, name);
            case PyUnknown:
                return target;
            case PyModel model:
                return name switch
                {
                    "layers" => new PyList(model.Layers.Cast<PyValue>().ToList()),
                    "name" => model.Name is null ? Unknown(at, "model.name") : new PyStr(model.Name),
                    _ => new PyBoundMethod(model, name),
                };
            case PyList when ListMethods.Contains(name):
            case PyDict when DictMethods.Contains(name):
            case PyStr when StrMethods.Contains(name):
            case PyLayer:
                return new PyBoundMethod(target, name);
            default:
                return Unknown(at, $"attribute .{name} of {target.TypeName}");
        }
    }

    private PyValue CallMethod(PyBoundMethod method, List<Arg> args, CallExpr call, Scope scope)
    {
        var values = args.Where(a => a.Keyword is null).Select(a => a.Value).ToList();
        switch (method.Self)
        {
            case PyModel model:
                return CallModelMethod(model, method.Name, args, call);
            case PyLayer layer:
                return Unknown(call, $"{layer.Layer.Definition.ClassName}.{method.Name}(...)");
            case PyArray array:
                return ArrayMethod(array, method.Name, args, call);
            case PyList list:
                switch (method.Name)
                {
                    case "append" when values.Count == 1:
                        CheckLength(list.Items.Count + 1L, call);
                        list.Items.Add(values[0]);
                        if (values[0] is PyLayer or PyKerasObject)
                        {
                            _effects++;
                        }

                        return PyNone.Instance;
                    case "extend" when values.Count == 1 && Length(values[0]) is { } n:
                        CheckLength(list.Items.Count + n, call);
                        list.Items.AddRange(Iterate(values[0], call));
                        return PyNone.Instance;
                    case "insert" when values.Count == 2 && values[0] is PyInt at:
                        CheckLength(list.Items.Count + 1L, call);
                        list.Items.Insert((int)Math.Clamp(at.Value < 0 ? at.Value + list.Items.Count : at.Value, 0, list.Items.Count), values[1]);
                        return PyNone.Instance;
                    case "pop" when list.Items.Count > 0 && (values.Count == 0 || values[0] is PyInt):
                    {
                        long i = values.Count == 0 ? list.Items.Count - 1 : ((PyInt)values[0]).Value;
                        i = i < 0 ? i + list.Items.Count : i;
                        if (i < 0 || i >= list.Items.Count)
                        {
                            return Unknown(call, "pop index out of range");
                        }

                        var item = list.Items[(int)i];
                        list.Items.RemoveAt((int)i);
                        return item;
                    }

                    case "copy":
                        return new PyList([.. list.Items]);
                    case "reverse":
                        list.Items.Reverse();
                        return PyNone.Instance;
                    case "clear":
                        list.Items.Clear();
                        return PyNone.Instance;
                    case "count" when values.Count == 1:
                        return new PyInt(list.Items.Count(x => PyEquals(x, values[0]) == true));
                    case "index" when values.Count == 1:
                        int found = list.Items.FindIndex(x => PyEquals(x, values[0]) == true);
                        return found >= 0 ? new PyInt(found) : Unknown(call, "value not in list");
                }

                return Unknown(call, $"list.{method.Name}(...)");
            case PyDict dict:
                switch (method.Name)
                {
                    case "get" when values.Count is 1 or 2:
                    {
                        int found = dict.Entries.FindIndex(e => PyEquals(e.Key, values[0]) == true);
                        return found >= 0 ? dict.Entries[found].Value : values.Count == 2 ? values[1] : PyNone.Instance;
                    }

                    case "keys":
                        return new PyList(dict.Entries.Select(e => e.Key).ToList());
                    case "values":
                        return new PyList(dict.Entries.Select(e => e.Value).ToList());
                    case "items":
                        return new PyList(dict.Entries.Select(e => (PyValue)new PyTuple([e.Key, e.Value])).ToList());
                    case "copy":
                        return new PyDict([.. dict.Entries]);
                    case "update" when values.Count == 1 && values[0] is PyDict other:
                        foreach (var e in other.Entries)
                        {
                            Put(dict.Entries, e.Key, e.Value);
                        }

                        return PyNone.Instance;
                }

                return Unknown(call, $"dict.{method.Name}(...)");
            case PyStr s:
                return CallStringMethod(s.Value, method.Name, args, call);
            default:
                return Unknown(call, $"calls {Text(call.Function)}(...)");
        }
    }

    private PyValue CallStringMethod(string s, string name, List<Arg> args, CallExpr call)
    {
        var values = args.Where(a => a.Keyword is null).Select(a => a.Value).ToList();
        if (args.Any(a => PyValues.IsUnknown(a.Value)))
        {
            return args.First(a => PyValues.IsUnknown(a.Value)).Value;
        }

        switch (name)
        {
            case "lower":
                return new PyStr(s.ToLowerInvariant());
            case "upper":
                return new PyStr(s.ToUpperInvariant());
            case "strip" when values.Count == 0:
                return new PyStr(s.Trim());
            case "startswith" when values.Count == 1 && values[0] is PyStr p:
                return PyBool.Of(s.StartsWith(p.Value, StringComparison.Ordinal));
            case "endswith" when values.Count == 1 && values[0] is PyStr e:
                return PyBool.Of(s.EndsWith(e.Value, StringComparison.Ordinal));
            case "replace" when values.Count == 2 && values[0] is PyStr a && values[1] is PyStr b && a.Value.Length > 0:
            {
                string result = s.Replace(a.Value, b.Value, StringComparison.Ordinal);
                CheckString(result.Length, call);
                return new PyStr(result);
            }

            case "join" when values.Count == 1 && Length(values[0]) is { } n && n <= MaxCollectionLength:
            {
                var parts = Iterate(values[0], call).ToList();
                if (!parts.All(p => p is PyStr))
                {
                    return Unknown(call, "str.join of non-strings");
                }

                string result = string.Join(s, parts.Select(p => ((PyStr)p).Value));
                CheckString(result.Length, call);
                return new PyStr(result);
            }

            case "format":
                return FormatMethod(s, args, call);
            default:
                return Unknown(call, $"str.{name}(...)");
        }
    }

    /// <summary><c>'conv_{}'.format(i)</c>, <c>'{0}_{name}'.format(...)</c>: plain fields and simple specs.</summary>
    private PyValue FormatMethod(string format, List<Arg> args, CallExpr call)
    {
        var positional = args.Where(a => a.Keyword is null).Select(a => a.Value).ToList();
        var sb = new System.Text.StringBuilder();
        int auto = 0;
        for (int i = 0; i < format.Length; i++)
        {
            char c = format[i];
            if (c == '{' && i + 1 < format.Length && format[i + 1] == '{')
            {
                sb.Append('{');
                i++;
                continue;
            }

            if (c == '}' && i + 1 < format.Length && format[i + 1] == '}')
            {
                sb.Append('}');
                i++;
                continue;
            }

            if (c != '{')
            {
                sb.Append(c);
                continue;
            }

            int close = format.IndexOf('}', i);
            if (close < 0)
            {
                return Unknown(call, "str.format");
            }

            string field = format[(i + 1)..close];
            string? spec = null;
            int colon = field.IndexOf(':');
            if (colon >= 0)
            {
                spec = field[(colon + 1)..];
                field = field[..colon];
            }

            PyValue? value = field.Length == 0
                ? auto < positional.Count ? positional[auto++] : null
                : int.TryParse(field, out int index)
                    ? index < positional.Count ? positional[index] : null
                    : args.FirstOrDefault(a => a.Keyword == field)?.Value;
            string? text = value is null ? null : spec is null ? Str(value) : FormatWithSpec(value, spec);
            if (text is null)
            {
                return Unknown(call, "str.format");
            }

            sb.Append(text);
            CheckString(sb.Length, call);
            i = close;
        }

        return new PyStr(sb.ToString());
    }
}
