using Convergent.Keras.Python;

namespace Convergent.Keras.Evaluation;

internal sealed partial class ScriptEvaluator
{
    private Flow ExecBlock(List<Stmt> body, Scope scope)
    {
        foreach (var stmt in body)
        {
            var flow = Exec(stmt, scope);
            if (flow != Flow.Normal)
            {
                return flow;
            }
        }

        return Flow.Normal;
    }

    private Flow Exec(Stmt stmt, Scope scope)
    {
        Step(stmt);
        var saved = _statement;
        _statement = stmt;
        try
        {
            return ExecCore(stmt, scope);
        }
        finally
        {
            _statement = saved;
        }
    }

    private Flow ExecCore(Stmt stmt, Scope scope)
    {
        switch (stmt)
        {
            case ExprStmt e:
            {
                int before = _effects;
                var value = Eval(e.Value, scope);
                if ((PyValues.IsUnknown(value) || value is PyArray) && _effects == before)
                {
                    RecordSkip(stmt, SkipReason(value));
                }

                return Flow.Normal;
            }

            case AssignStmt a:
            {
                int before = _effects;
                var value = Eval(a.Value, scope);
                foreach (var target in a.Targets)
                {
                    Assign(target, value, scope, stmt);
                }

                // `x, y = a[:, 0], a[:, 1]` builds a tuple of unknowns: as skipped as a single unknown.
                var unknownPart = value is PyTuple t && t.Items.FirstOrDefault(i => PyValues.IsUnknown(i) || i is PyArray) is { } part ? part : value;
                if ((PyValues.IsUnknown(unknownPart) || unknownPart is PyArray) && _effects == before)
                {
                    RecordSkip(stmt, SkipReason(unknownPart));
                }

                return Flow.Normal;
            }

            case AugAssignStmt aug:
            {
                int before = _effects;
                var current = Eval(aug.Target, scope);
                var value = Eval(aug.Value, scope);
                var result = current is PyList list && aug.Op == "+" && value is PyList or PyTuple
                    ? ExtendInPlace(list, value, aug)
                    : BinaryOp(aug.Op, current, value, aug);
                Assign(aug.Target, result, scope, stmt);
                if ((PyValues.IsUnknown(result) || result is PyArray) && _effects == before)
                {
                    RecordSkip(stmt, SkipReason(result));
                }

                return Flow.Normal;
            }

            case AnnAssignStmt ann:
                if (ann.Value is not null)
                {
                    var value = Eval(ann.Value, scope);
                    Assign(ann.Target, value, scope, stmt);
                }

                return Flow.Normal;
            case ImportStmt import:
                ExecImport(import, scope);
                return Flow.Normal;
            case ImportFromStmt from:
                ExecFromImport(from, scope);
                return Flow.Normal;
            case KeywordStmt k:
                switch (k.Keyword)
                {
                    case "break":
                        return Flow.Break;
                    case "continue":
                        return Flow.Continue;
                    case "global":
                        k.Names.ForEach(n => scope.Globals.Add(n));
                        break;
                }

                return Flow.Normal;
            case ReturnStmt r:
                _returnValue = r.Value is null ? PyNone.Instance : Eval(r.Value, scope);
                return Flow.Return;
            case DelStmt d:
                foreach (var target in d.Targets)
                {
                    if (target is NameExpr n)
                    {
                        scope.Remove(n.Id);
                    }
                }

                return Flow.Normal;
            case AssertOrRaiseStmt ar:
                RecordSkip(stmt, ar.Keyword == "assert" ? "assert statement (not evaluated)" : "raise statement (not evaluated)");
                return Flow.Normal;
            case MagicStmt m:
                RecordSkip(stmt, m.Text == "python2-print" ? "Python 2 print statement" : "notebook magic line");
                return Flow.Normal;
            case IfStmt ifStmt:
                return ExecIf(ifStmt, scope);
            case ForStmt forStmt:
                return ExecFor(forStmt, scope);
            case WhileStmt whileStmt:
                SkipBlock(whileStmt, [whileStmt.Body, whileStmt.OrElse], scope, "a while loop",
                    "while loop (the importer does not run while loops)");
                return Flow.Normal;
            case FunctionDefStmt def:
            {
                var defaults = def.Parameters.Select(p => p.Default is null ? null : Eval(p.Default, scope)).ToArray();
                var function = new PyFunction(def, scope, defaults);
                _functions.Add(function);
                scope.Set(def.Name, function);
                return Flow.Normal;
            }

            case ClassDefStmt cls:
            {
                scope.Set(cls.Name, new PyUnknown(cls.Name, cls.Span.Line,
                    $"class {cls.Name} is defined in the script; custom classes are not imported") { CustomClass = true });
                if (FindModelCall(cls.Body, scope) is { } call)
                {
                    Warn(call.Span, $"class {cls.Name} uses Keras layers or models; subclassed layers and models are not imported");
                }

                RecordSkip(stmt, $"class definition {cls.Name} (custom classes are not imported)");
                return Flow.Normal;
            }

            case WithStmt with:
                foreach (var item in with.Items)
                {
                    var context = Eval(item.Context, scope);
                    if (item.Target is not null)
                    {
                        Assign(item.Target, new PyUnknown(null, with.Span.Line, $"context manager {Text(item.Context)}"), scope, stmt);
                    }

                    _ = context;
                }

                // Context managers in Keras scripts (tf.device, strategy.scope, name scopes) do not change
                // what model is defined, so the body runs as written.
                return ExecBlock(with.Body, scope);
            case TryStmt tryStmt:
                return ExecTry(tryStmt, scope);
            default:
                throw Error(stmt, $"unsupported statement {stmt.GetType().Name}");
        }
    }

    private PyValue ExtendInPlace(PyList list, PyValue items, Node at)
    {
        var source = items is PyList l ? l.Items : ((PyTuple)items).Items.AsEnumerable();
        var copy = source.ToList();
        CheckLength(list.Items.Count + copy.Count, at);
        list.Items.AddRange(copy);
        return list;
    }

    private Flow ExecIf(IfStmt ifStmt, Scope scope)
    {
        var test = Eval(ifStmt.Test, scope);
        bool? decided = Truth(test);
        if (decided is null)
        {
            SkipBlock(ifStmt, [ifStmt.Body, ifStmt.OrElse], scope, "an if statement whose condition the importer cannot decide",
                $"if statement: condition {Text(ifStmt.Test, 40)} is not known ({SkipReason(test)})");
            return Flow.Normal;
        }

        return ExecBlock(decided.Value ? ifStmt.Body : ifStmt.OrElse, scope);
    }

    private Flow ExecFor(ForStmt f, Scope scope)
    {
        var iterable = Eval(f.Iterable, scope);
        long count = Length(iterable) ?? -1;
        if (count < 0)
        {
            SkipBlock(f, [f.Body, f.OrElse], scope, "a for loop over values the importer does not know",
                $"for loop over {Text(f.Iterable, 40)} ({SkipReason(iterable)})");
            return Flow.Normal;
        }

        if (count > MaxLoopIterations)
        {
            if (FindModelCall(f.Body, scope) is { } call)
            {
                throw Error(call, $"loop of {count:N0} iterations defines the model; the importer runs at most {MaxLoopIterations:N0} iterations");
            }

            SkipBlock(f, [f.Body, f.OrElse], scope, "a loop", $"for loop of {count:N0} iterations (no model code inside)");
            return Flow.Normal;
        }

        foreach (var item in Iterate(iterable, f))
        {
            Assign(f.Target, item, scope, f);
            var flow = ExecBlock(f.Body, scope);
            if (flow == Flow.Break)
            {
                return Flow.Normal;
            }

            if (flow == Flow.Return)
            {
                return flow;
            }
        }

        return ExecBlock(f.OrElse, scope);
    }

    private Flow ExecTry(TryStmt t, Scope scope)
    {
        // The importer assumes the try body succeeds (e.g. `try: from keras.layers import Conv2D`), so the
        // handlers never run; model code in them would be ignored, which the user must hear about.
        foreach (var handler in t.Handlers)
        {
            if (FindModelCall(handler.Body, scope) is { } call)
            {
                Warn(call.Span, "model code in an except block is not imported (the importer assumes the try block succeeds)");
            }
        }

        var flow = ExecBlock(t.Body, scope);
        if (flow == Flow.Normal)
        {
            flow = ExecBlock(t.OrElse, scope);
        }

        var final = ExecBlock(t.FinalBody, scope);
        return final != Flow.Normal ? final : flow;
    }

    /// <summary>Skips a block the importer will not run: an error when it contains model-defining code,
    /// otherwise every name it could bind (or mutate) becomes unknown.</summary>
    private void SkipBlock(Stmt stmt, List<Stmt>[] blocks, Scope scope, string what, string reason)
    {
        foreach (var block in blocks)
        {
            if (FindModelCall(block, scope) is { } call)
            {
                throw Error(call, $"model-defining call inside {what} is not supported",
                    "define the model with straight-line code, literal for-loops or list comprehensions");
            }
        }

        foreach (var block in blocks)
        {
            foreach (string name in NamesBoundIn(block))
            {
                if (Lookup(name, scope, stmt, quiet: true) is PyModel or PyLayer)
                {
                    continue;
                }

                scope.Set(name, new PyUnknown(name, stmt.Span.Line, $"set inside a skipped block: {reason}"));
            }
        }

        RecordSkip(stmt, reason);
    }

    private void ExecImport(ImportStmt import, Scope scope)
    {
        foreach (var name in import.Names)
        {
            if (name.Alias is not null)
            {
                scope.Set(name.Alias, KerasModules.Module(name.Name, name.Alias));
            }
            else
            {
                // `import keras.layers` binds `keras`.
                string top = name.Name.Split('.')[0];
                scope.Set(top, KerasModules.Module(top, top));
            }

            if (KerasModules.IsKeras(KerasModules.Canonical(name.Name)))
            {
                _effects++;
            }
        }
    }

    private void ExecFromImport(ImportFromStmt from, Scope scope)
    {
        if (from.Level > 0 || from.Module == "__future__")
        {
            foreach (var name in from.Names)
            {
                scope.Set(name.Alias ?? name.Name, new PyUnknown(name.Alias ?? name.Name, from.Span.Line, $"imported from {new string('.', from.Level)}{from.Module}"));
            }

            return;
        }

        var module = KerasModules.Module(from.Module, from.Module);
        if (KerasModules.IsKeras(KerasModules.Canonical(from.Module)) || from.Module.StartsWith("tensorflow", StringComparison.Ordinal))
        {
            _effects++;
        }

        if (from.Star)
        {
            if (module is PyModule keras)
            {
                scope.Root.StarImports.Add(keras);
            }

            return;
        }

        foreach (var name in from.Names)
        {
            PyValue value = module switch
            {
                PyModule m => KerasModules.Attribute(m.Path, m.Written, name.Name),
                PyOpaque o => KerasModules.Attribute(o.Path, o.Written, name.Name),
                _ => new PyUnknown(name.Name, from.Span.Line, $"imported from {from.Module}"),
            };
            if (value is PyKerasSymbol symbol)
            {
                value = new PyKerasSymbol(symbol.Category, symbol.Name, name.Alias ?? name.Name);
            }
            else if (value is PyModule sub)
            {
                value = new PyModule(sub.Path, name.Alias ?? name.Name);
            }
            else if (value is PyOpaque op)
            {
                value = new PyOpaque(op.Path, name.Alias ?? name.Name);
            }

            scope.Set(name.Alias ?? name.Name, value);
        }
    }

    /// <summary>Binds <paramref name="value"/> to an assignment target (names, tuples, attributes, subscripts).</summary>
    private void Assign(Expr target, PyValue value, Scope scope, Stmt stmt)
    {
        switch (target)
        {
            case NameExpr n:
                if (value is PyUnknown or PyOpaque && SuppliedArray(n.Id, stmt.Span) is { } array)
                {
                    value = array;
                }
                else if (value is PyUnknown or PyOpaque && _options.Bindings.TryGetValue(n.Id, out var bound))
                {
                    value = FromKeras(bound);
                    if (_usedBindings.Add(n.Id))
                    {
                        Warn(stmt.Span, $"'{n.Id}' set to {bound.ToPython()} from the supplied bindings (the script computes it from data)");
                    }
                }
                else if (value is PyUnknown u && u.Name != n.Id)
                {
                    value = new PyUnknown(n.Id, stmt.Span.Line, u.CustomClass ? u.Reason : SkipReason(u)) { CustomClass = u.CustomClass };
                }
                else if (value is PyOpaque o && o.Path.Split('.')[0] is not ("keras" or "tensorflow"))
                {
                    value = new PyUnknown(n.Id, stmt.Span.Line, $"uses {o.Written}");
                }

                scope.Set(n.Id, value);
                return;
            case TupleExpr or ListExpr:
            {
                var targets = target is TupleExpr t ? t.Items : ((ListExpr)target).Items;
                var items = Length(value) is { } len && value is not (PyStr or PyDict) && len <= MaxCollectionLength
                    ? Iterate(value, target).ToList()
                    : null;
                int starAt = targets.FindIndex(x => x is StarredExpr);
                if (items is null || (starAt < 0 ? items.Count != targets.Count : items.Count < targets.Count - 1))
                {
                    var unknown = value as PyUnknown ?? new PyUnknown(null, stmt.Span.Line,
                        items is null ? $"cannot unpack {value.TypeName}" : $"unpacks {items.Count} values into {targets.Count} names");
                    foreach (var sub in targets)
                    {
                        Assign(sub is StarredExpr s ? s.Value : sub, unknown, scope, stmt);
                    }

                    return;
                }

                if (starAt < 0)
                {
                    for (int i = 0; i < targets.Count; i++)
                    {
                        Assign(targets[i], items[i], scope, stmt);
                    }

                    return;
                }

                int after = targets.Count - starAt - 1;
                for (int i = 0; i < starAt; i++)
                {
                    Assign(targets[i], items[i], scope, stmt);
                }

                Assign(((StarredExpr)targets[starAt]).Value, new PyList(items.Skip(starAt).Take(items.Count - starAt - after).ToList()), scope, stmt);
                for (int i = 0; i < after; i++)
                {
                    Assign(targets[starAt + 1 + i], items[items.Count - after + i], scope, stmt);
                }

                return;
            }

            case StarredExpr s:
                Assign(s.Value, value, scope, stmt);
                return;
            case AttributeExpr attr:
                AssignAttribute(attr, value, scope, stmt);
                return;
            case SubscriptExpr sub:
                AssignSubscript(sub, value, scope);
                return;
        }
    }

    private void AssignAttribute(AttributeExpr attr, PyValue value, Scope scope, Stmt stmt)
    {
        var owner = Eval(attr.Target, scope);
        switch (owner)
        {
            case PyLayer layer when attr.Name == "trainable" && value is PyBool b:
                var config = b.Value ? layer.Layer.Config.Without("trainable") : layer.Layer.Config.With("trainable", KerasValue.Of(false));
                layer.Layer = layer.Layer with { Config = config };
                _effects++;
                return;
            case PyModel model:
                Warn(stmt.Span, $"model.{attr.Name} = ... is not imported");
                _effects++;
                _ = model;
                return;
            case PyLayer l:
                Warn(stmt.Span, $"{l.Layer.Definition.ClassName}.{attr.Name} = ... is not imported");
                _effects++;
                return;
        }
    }

    private void AssignSubscript(SubscriptExpr sub, PyValue value, Scope scope)
    {
        var owner = Eval(sub.Target, scope);
        var index = Eval(sub.Index, scope);
        switch (owner)
        {
            case PyList list when index is PyInt i:
                long at = i.Value < 0 ? i.Value + list.Items.Count : i.Value;
                if (at >= 0 && at < list.Items.Count)
                {
                    list.Items[(int)at] = value;
                }

                return;
            case PyDict dict when !PyValues.IsUnknown(index):
                int existing = dict.Entries.FindIndex(e => PyEquals(e.Key, index) == true);
                if (existing >= 0)
                {
                    dict.Entries[existing] = new(index, value);
                }
                else
                {
                    CheckLength(dict.Entries.Count + 1, sub);
                    dict.Entries.Add(new(index, value));
                }

                return;
        }
    }
}
