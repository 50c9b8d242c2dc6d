namespace Convergent.Keras.Python;

/// <summary>Enumerates the direct children of syntax nodes, for scans over code the evaluator does not run.</summary>
internal static class AstWalker
{
    public static IEnumerable<Node> Children(Node node)
    {
        switch (node)
        {
            case ModuleNode m:
                return m.Body;
            case FStringExpr f:
                return f.Parts.OfType<FormattedValue>().Select(p => (Node)p.Value);
            case TupleExpr t:
                return t.Items;
            case ListExpr l:
                return l.Items;
            case SetExpr s:
                return s.Items;
            case DictExpr d:
                return d.Entries.SelectMany(e => e.Key is null ? new Node[] { e.Value } : [e.Key, e.Value]);
            case StarredExpr st:
                return [st.Value];
            case AttributeExpr a:
                return [a.Target];
            case SubscriptExpr sub:
                return [sub.Target, sub.Index];
            case SliceExpr sl:
                return new[] { sl.Lower, sl.Upper, sl.Step }.OfType<Node>();
            case CallExpr c:
                return c.Arguments.Select(a => (Node)a.Value).Prepend(c.Function);
            case BinaryExpr b:
                return [b.Left, b.Right];
            case UnaryExpr u:
                return [u.Operand];
            case BoolOpExpr bo:
                return bo.Values;
            case CompareExpr cmp:
                return cmp.Comparators.Prepend(cmp.Left);
            case IfExpr ie:
                return [ie.Test, ie.Body, ie.OrElse];
            case LambdaExpr lambda:
                return lambda.Parameters.Where(p => p.Default is not null).Select(p => (Node)p.Default!).Append(lambda.Body);
            case ComprehensionExpr comp:
                return comp.Fors.SelectMany(f => f.Conditions.Prepend(f.Iterable).Prepend(f.Target))
                    .Append(comp.Element).Concat(comp.Value is null ? [] : [comp.Value]);
            case NamedExpr n:
                return [n.Target, n.Value];
            case OpaqueExpr o:
                return o.Value is null ? [] : [o.Value];
            case ExprStmt e:
                return [e.Value];
            case AssignStmt a:
                return a.Targets.Append(a.Value);
            case AugAssignStmt aug:
                return [aug.Target, aug.Value];
            case AnnAssignStmt ann:
                return ann.Value is null ? [ann.Target] : [ann.Target, ann.Value];
            case ReturnStmt r:
                return r.Value is null ? [] : [r.Value];
            case DelStmt d:
                return d.Targets;
            case AssertOrRaiseStmt ar:
                return ar.Values;
            case IfStmt i:
                return i.Body.Concat(i.OrElse).Prepend<Node>(i.Test);
            case ForStmt f:
                return f.Body.Concat(f.OrElse).Prepend<Node>(f.Iterable).Prepend(f.Target);
            case WhileStmt w:
                return w.Body.Concat(w.OrElse).Prepend<Node>(w.Test);
            case FunctionDefStmt def:
                return def.Body.Concat<Node>(def.Decorators).Concat(def.Parameters.Where(p => p.Default is not null).Select(p => p.Default!));
            case ClassDefStmt cls:
                return cls.Body.Concat<Node>(cls.Decorators).Concat(cls.Bases.Select(b => b.Value));
            case WithStmt with:
                return with.Items.SelectMany(i => i.Target is null ? new Node[] { i.Context } : [i.Context, i.Target]).Concat(with.Body);
            case TryStmt t:
                return t.Body.Concat(t.Handlers.SelectMany(h => h.Type is null ? h.Body : h.Body.Prepend<Node>(h.Type)))
                    .Concat(t.OrElse).Concat(t.FinalBody);
            default:
                return [];
        }
    }

    /// <summary>All nodes under <paramref name="roots"/>, depth first, without recursion.</summary>
    public static IEnumerable<Node> Descendants(IEnumerable<Node> roots)
    {
        var stack = new Stack<Node>(roots.Reverse());
        while (stack.Count > 0)
        {
            var node = stack.Pop();
            yield return node;
            foreach (var child in Children(node).Reverse())
            {
                stack.Push(child);
            }
        }
    }
}
