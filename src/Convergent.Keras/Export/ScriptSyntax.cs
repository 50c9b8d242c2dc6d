using Convergent.Keras.Python;

namespace Convergent.Keras.Export;

/// <summary>
/// A parsed script seen from the patcher's side: finds the call a <see cref="SourceRef"/> names, the node that holds a
/// node, the statement around it, where names are bound, and the line layout (indentation, line ends) that edits keep.
/// </summary>
internal sealed class ScriptSyntax
{
    private readonly Dictionary<Node, Node> _parents = [];
    private readonly Dictionary<(int, int), CallExpr> _calls = [];
    private readonly Dictionary<string, List<Node>> _bindings = new(StringComparer.Ordinal);

    public ScriptSyntax(string source, string file)
    {
        Source = source;
        Module = PythonParser.Parse(source, file);
        var stack = new Stack<Node>();
        stack.Push(Module);
        while (stack.Count > 0)
        {
            var node = stack.Pop();
            if (node is CallExpr call)
            {
                _calls.TryAdd((call.Span.Start, call.Span.End), call);
            }

            RecordBindings(node);
            foreach (var child in AstWalker.Children(node))
            {
                _parents[child] = node;
                stack.Push(child);
            }
        }

        Quote = PreferredQuote();
    }

    public string Source { get; }

    public ModuleNode Module { get; }

    /// <summary>The quote character most string literals of the script use.</summary>
    public char Quote { get; }

    /// <summary>The call that <paramref name="source"/> points at, or null.</summary>
    public CallExpr? CallAt(SourceRef source) => _calls.GetValueOrDefault((source.Start, source.End));

    public Node? Parent(Node node) => _parents.GetValueOrDefault(node);

    /// <summary>The statement that contains <paramref name="node"/>.</summary>
    public Stmt? StatementOf(Node node)
    {
        Node? n = node;
        while (n is not null and not Stmt)
        {
            n = Parent(n);
        }

        return n as Stmt;
    }

    /// <summary>How many compound statements (loops, ifs, functions, with, try) enclose <paramref name="stmt"/>.</summary>
    public int Depth(Stmt stmt)
    {
        int depth = 0;
        for (var n = Parent(stmt); n is not null and not ModuleNode; n = Parent(n))
        {
            if (n is Stmt)
            {
                depth++;
            }
        }

        return depth;
    }

    /// <summary>True when a loop or a function body encloses <paramref name="stmt"/> (it may run several times).</summary>
    public bool InLoopOrFunction(Stmt stmt)
    {
        for (var n = Parent(stmt); n is not null; n = Parent(n))
        {
            if (n is ForStmt or WhileStmt or FunctionDefStmt)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The value of the one plain assignment <c>name = value</c> that binds the name of <paramref name="use"/>, when the
    /// script binds the name nowhere else (no loop variable, parameter, augmented or tuple assignment) and assigns it
    /// before <paramref name="use"/>; else null.</summary>
    public AssignStmt? SoleAssignment(NameExpr use)
    {
        if (!_bindings.TryGetValue(use.Id, out var sites) || sites.Count != 1)
        {
            return null;
        }

        return sites[0] is AssignStmt { Targets: [NameExpr] } assign && assign.Span.End <= use.Span.Start ? assign : null;
    }

    public string Text(Node node) => node.Span.TextIn(Source);

    public int LineStart(int offset)
    {
        int nl = offset > 0 ? Source.LastIndexOf('\n', offset - 1) : -1;
        return nl + 1;
    }

    /// <summary>The offset just past the newline that ends the line holding <paramref name="offset"/>.</summary>
    public int NextLineStart(int offset)
    {
        int nl = Source.IndexOf('\n', offset);
        return nl < 0 ? Source.Length : nl + 1;
    }

    /// <summary>The whitespace before <paramref name="offset"/> on its line, or null when code precedes it.</summary>
    public string? IndentBefore(int offset)
    {
        int start = LineStart(offset);
        string prefix = Source[start..offset];
        return prefix.All(c => c is ' ' or '\t') ? prefix : null;
    }

    /// <summary>True when only whitespace or a comment follows <paramref name="offset"/> on its line.</summary>
    public bool RestOfLineIsBlank(int offset)
    {
        for (int i = offset; i < Source.Length && Source[i] != '\n'; i++)
        {
            if (Source[i] == '#')
            {
                return true;
            }

            if (Source[i] is not (' ' or '\t' or '\r'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The offset of the next character that is not whitespace or a comment, from <paramref name="offset"/>.</summary>
    public int SkipBlank(int offset)
    {
        int i = offset;
        while (i < Source.Length)
        {
            char c = Source[i];
            if (c == '#')
            {
                while (i < Source.Length && Source[i] != '\n')
                {
                    i++;
                }
            }
            else if (char.IsWhiteSpace(c) || c == '\\')
            {
                i++;
            }
            else
            {
                break;
            }
        }

        return i;
    }

    /// <summary>True when a newline lies between the two offsets.</summary>
    public bool LineBreakBetween(int from, int to) => Source.IndexOf('\n', from, Math.Max(0, to - from)) >= 0;

    private void RecordBindings(Node node)
    {
        void Bind(string name, Node site)
        {
            if (!_bindings.TryGetValue(name, out var list))
            {
                _bindings[name] = list = [];
            }

            list.Add(site);
        }

        void BindTarget(Expr target, Node site)
        {
            switch (target)
            {
                case NameExpr n:
                    Bind(n.Id, site);
                    break;
                case TupleExpr t:
                    t.Items.ForEach(i => BindTarget(i, site));
                    break;
                case ListExpr l:
                    l.Items.ForEach(i => BindTarget(i, site));
                    break;
                case StarredExpr s:
                    BindTarget(s.Value, site);
                    break;
            }
        }

        switch (node)
        {
            case AssignStmt a:
                foreach (var t in a.Targets)
                {
                    // tuple targets bind through unpacking: never a plain assignment
                    BindTarget(t, t is NameExpr && a.Targets.Count == 1 ? a : t);
                }

                break;
            case AugAssignStmt aug:
                BindTarget(aug.Target, aug);
                break;
            case AnnAssignStmt ann:
                BindTarget(ann.Target, ann);
                break;
            case ForStmt f:
                BindTarget(f.Target, f);
                break;
            case ComprehensionExpr c:
                c.Fors.ForEach(f => BindTarget(f.Target, c));
                break;
            case NamedExpr n:
                Bind(n.Target.Id, n);
                break;
            case WithStmt w:
                w.Items.Where(i => i.Target is not null).ToList().ForEach(i => BindTarget(i.Target!, w));
                break;
            case FunctionDefStmt def:
                Bind(def.Name, def);
                def.Parameters.ForEach(p => Bind(p.Name, def));
                break;
            case LambdaExpr lambda:
                lambda.Parameters.ForEach(p => Bind(p.Name, lambda));
                break;
            case ClassDefStmt cls:
                Bind(cls.Name, cls);
                break;
            case ImportStmt imp:
                imp.Names.ForEach(n => Bind(n.Alias ?? n.Name.Split('.')[0], imp));
                break;
            case ImportFromStmt from:
                from.Names.ForEach(n => Bind(n.Alias ?? n.Name, from));
                break;
            case TryStmt t:
                t.Handlers.Where(h => h.Name is not null).ToList().ForEach(h => Bind(h.Name!, t));
                break;
        }
    }

    private char PreferredQuote()
    {
        int single = 0, dbl = 0;
        foreach (var node in AstWalker.Descendants([Module]))
        {
            if (node is ConstantExpr { Kind: ConstantKind.Str } s)
            {
                string text = s.Span.TextIn(Source).TrimStart('r', 'R', 'u', 'U', 'b', 'B');
                if (text.StartsWith('\''))
                {
                    single++;
                }
                else if (text.StartsWith('"') && !text.StartsWith("\"\"\"", StringComparison.Ordinal))
                {
                    dbl++;
                }
            }
        }

        return single > dbl ? '\'' : '"';
    }
}
