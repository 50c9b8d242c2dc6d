using Convergent.Keras.Python;

namespace Convergent.Keras.Evaluation;

internal sealed partial class ScriptEvaluator
{
    private static readonly HashSet<string> ModelMethods = ["add", "compile", "fit", "fit_generator", "pop", "build"];

    private static readonly HashSet<string> Mutators =
        ["append", "extend", "insert", "update", "pop", "remove", "clear", "setdefault", "add", "discard", "sort", "reverse"];

    private CallExpr? FindModelCall(Node node, Scope scope) => FindModelCall([node], scope);

    /// <summary>The first call in code the evaluator will not run that would define the model (a Keras layer,
    /// model, optimizer or callback, <c>model.add/compile/fit</c>, or a script function that does so).</summary>
    private CallExpr? FindModelCall(IEnumerable<Node> roots, Scope scope, HashSet<PyFunction>? visiting = null)
    {
        foreach (var node in AstWalker.Descendants(roots))
        {
            if (node is not CallExpr call)
            {
                continue;
            }

            switch (StaticResolve(call.Function, scope))
            {
                case PyKerasSymbol { Category: SymbolCategory.Layer or SymbolCategory.ModelApi or SymbolCategory.Optimizer
                    or SymbolCategory.Schedule or SymbolCategory.Callback or SymbolCategory.Application }:
                case PyBoundMethod { Self: PyModel } m when ModelMethods.Contains(m.Name):
                case PyLayer:
                    return call;
                case PyFunction f when (visiting ??= []).Add(f) && FindModelCall(f.Definition.Body, f.Closure, visiting) is not null:
                    return call;
            }
        }

        return null;
    }

    /// <summary>Resolves a callee without evaluating anything that could have effects.</summary>
    private PyValue? StaticResolve(Expr expr, Scope scope)
    {
        switch (expr)
        {
            case NameExpr n:
                return Lookup(n.Id, scope, n, quiet: true);
            case AttributeExpr a:
                return StaticResolve(a.Target, scope) switch
                {
                    PyModule m => KerasModules.Attribute(m.Path, m.Written, a.Name),
                    PyOpaque o => KerasModules.Attribute(o.Path, o.Written, a.Name),
                    PyModel model => new PyBoundMethod(model, a.Name),
                    _ => null,
                };
            default:
                return null;
        }
    }

    private List<string> NamesBoundIn(List<Stmt> body)
    {
        var names = new List<string>();
        void Target(Expr? target)
        {
            switch (target)
            {
                case NameExpr n:
                    names.Add(n.Id);
                    break;
                case TupleExpr t:
                    t.Items.ForEach(Target);
                    break;
                case ListExpr l:
                    l.Items.ForEach(Target);
                    break;
                case StarredExpr s:
                    Target(s.Value);
                    break;
                case SubscriptExpr { Target: NameExpr owner }:
                    names.Add(owner.Id);
                    break;
                case AttributeExpr { Target: NameExpr owner }:
                    names.Add(owner.Id);
                    break;
            }
        }

        var stack = new Stack<Node>(body.AsEnumerable().Reverse());
        while (stack.Count > 0)
        {
            var node = stack.Pop();
            switch (node)
            {
                case AssignStmt a:
                    a.Targets.ForEach(Target);
                    break;
                case AugAssignStmt aug:
                    Target(aug.Target);
                    break;
                case AnnAssignStmt ann:
                    Target(ann.Target);
                    break;
                case ForStmt f:
                    Target(f.Target);
                    break;
                case WithStmt w:
                    w.Items.ForEach(i => Target(i.Target));
                    break;
                case ImportStmt import:
                    names.AddRange(import.Names.Select(n => n.Alias ?? n.Name.Split('.')[0]));
                    break;
                case ImportFromStmt from:
                    names.AddRange(from.Names.Select(n => n.Alias ?? n.Name));
                    break;
                case FunctionDefStmt def:
                    names.Add(def.Name);
                    continue;
                case ClassDefStmt cls:
                    names.Add(cls.Name);
                    continue;
                case TryStmt t:
                    names.AddRange(t.Handlers.Where(h => h.Name is not null).Select(h => h.Name!));
                    break;
                case CallExpr { Function: AttributeExpr { Target: NameExpr owner } method } when Mutators.Contains(method.Name):
                    names.Add(owner.Id);
                    break;
                case NamedExpr named:
                    names.Add(named.Target.Id);
                    break;
            }

            foreach (var child in AstWalker.Children(node).Reverse())
            {
                stack.Push(child);
            }
        }

        return names.Distinct().ToList();
    }
}
