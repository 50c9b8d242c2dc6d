namespace Convergent.Keras.Python;

internal sealed partial class PythonParser
{
    private Stmt ParseSmallStatement()
    {
        var first = Peek;
        if (first.Kind == TokenKind.Name)
        {
            switch (first.Text)
            {
                case "pass":
                case "break":
                case "continue":
                    _p++;
                    return Spanned(new KeywordStmt(first.Text, []), first);
                case "global":
                case "nonlocal":
                {
                    _p++;
                    var names = new List<string> { ExpectName("a name") };
                    while (Accept(","))
                    {
                        names.Add(ExpectName("a name"));
                    }

                    return Spanned(new KeywordStmt(first.Text, names), first);
                }

                case "return":
                {
                    _p++;
                    Expr? value = AtStatementEnd ? null : ParseTestListStarExpr();
                    return Spanned(new ReturnStmt(value), first);
                }

                case "del":
                {
                    _p++;
                    var targets = new List<Expr> { ParseExpr() };
                    while (Accept(",") && !AtStatementEnd)
                    {
                        targets.Add(ParseExpr());
                    }

                    return Spanned(new DelStmt(targets), first);
                }

                case "assert":
                {
                    _p++;
                    var values = new List<Expr> { ParseTest() };
                    if (Accept(","))
                    {
                        values.Add(ParseTest());
                    }

                    return Spanned(new AssertOrRaiseStmt("assert", values), first);
                }

                case "raise":
                {
                    _p++;
                    var values = new List<Expr>();
                    if (!AtStatementEnd)
                    {
                        values.Add(ParseTest());
                        if (AcceptKeyword("from"))
                        {
                            values.Add(ParseTest());
                        }
                    }

                    return Spanned(new AssertOrRaiseStmt("raise", values), first);
                }

                case "import":
                    return ParseImport();
                case "from":
                    return ParseFromImport();
                case "print" when IsPython2Print():
                    return ParsePython2Print();
            }
        }

        var target = Peek.IsKeyword("yield") ? ParseYield() : ParseTestListStarExpr();
        if (Peek.Is(":"))
        {
            _p++;
            var annotation = ParseTest();
            Expr? value = null;
            if (Accept("="))
            {
                value = Peek.IsKeyword("yield") ? ParseYield() : ParseTestListStarExpr();
            }

            return Spanned(new AnnAssignStmt(target, annotation, value), first);
        }

        if (Peek.Kind == TokenKind.Operator && AugmentedOperators.Contains(Peek.Text))
        {
            string op = Next().Text[..^1];
            var value = Peek.IsKeyword("yield") ? ParseYield() : ParseTestListStarExpr();
            return Spanned(new AugAssignStmt(target, op, value), first);
        }

        if (Peek.Is("="))
        {
            var targets = new List<Expr> { target };
            Expr value = target;
            while (Accept("="))
            {
                value = Peek.IsKeyword("yield") ? ParseYield() : ParseTestListStarExpr();
                targets.Add(value);
            }

            targets.RemoveAt(targets.Count - 1);
            foreach (var t in targets)
            {
                CheckAssignable(t);
            }

            return Spanned(new AssignStmt(targets, value), first);
        }

        return Spanned(new ExprStmt(target), first);
    }

    private bool AtStatementEnd => Peek.Kind is TokenKind.Newline or TokenKind.EndOfFile || Peek.Is(";");

    /// <summary>Python 2's <c>print "x"</c> / <c>print x, y</c> / <c>print &gt;&gt;f, x</c>: old Keras 1 scripts
    /// are full of them, and they never define the model.</summary>
    private bool IsPython2Print()
    {
        var next = PeekAt(1);
        return next.Kind is TokenKind.String or TokenKind.Number ||
               (next.Kind == TokenKind.Name && !Keywords.Contains(next.Text)) || next.Is(">>");
    }

    private Stmt ParsePython2Print()
    {
        var first = Next();
        while (Peek.Kind is not (TokenKind.Newline or TokenKind.EndOfFile))
        {
            _p++;
        }

        return Spanned(new MagicStmt("python2-print"), first);
    }

    private void CheckAssignable(Expr target)
    {
        switch (target)
        {
            case NameExpr:
            case AttributeExpr:
            case SubscriptExpr:
                return;
            case StarredExpr s:
                CheckAssignable(s.Value);
                return;
            case TupleExpr t:
                t.Items.ForEach(CheckAssignable);
                return;
            case ListExpr l:
                l.Items.ForEach(CheckAssignable);
                return;
            default:
                var at = FindToken(target.Span.Start);
                throw Error(at, "cannot assign to this expression");
        }
    }

    private Token FindToken(int offset)
    {
        foreach (var t in _t)
        {
            if (t.Start >= offset)
            {
                return t;
            }
        }

        return _t[^1];
    }

    private Stmt ParseImport()
    {
        var first = Next();
        var names = new List<ImportName>();
        do
        {
            var start = Peek;
            string name = ParseDottedName();
            string? alias = AcceptKeyword("as") ? ExpectName("an alias name") : null;
            names.Add(new ImportName(name, alias, SourceSpan.From(start, Last)));
        }
        while (Accept(","));

        return Spanned(new ImportStmt(names), first);
    }

    private string ParseDottedName()
    {
        string name = ExpectName("a module name");
        while (Peek.Is(".") && PeekAt(1).Kind == TokenKind.Name)
        {
            _p++;
            name += "." + ExpectName("a module name");
        }

        return name;
    }

    private Stmt ParseFromImport()
    {
        var first = Next();
        int level = 0;
        while (Peek.Is(".") || Peek.Is("..."))
        {
            level += Next().Text.Length;
        }

        string module = Peek.IsKeyword("import") ? "" : ParseDottedName();
        ExpectKeyword("import");
        if (Accept("*"))
        {
            return Spanned(new ImportFromStmt(module, level, [], star: true), first);
        }

        bool parenthesized = Accept("(");
        var names = new List<ImportName>();
        do
        {
            if (parenthesized && Peek.Is(")"))
            {
                break;
            }

            var start = Peek;
            string name = ExpectName("a name to import");
            string? alias = AcceptKeyword("as") ? ExpectName("an alias name") : null;
            names.Add(new ImportName(name, alias, SourceSpan.From(start, Last)));
        }
        while (Accept(","));

        if (parenthesized)
        {
            Expect(")");
        }

        return Spanned(new ImportFromStmt(module, level, names, star: false), first);
    }

    private Stmt ParseIf()
    {
        var first = Next();
        var test = ParseNamedExprTest();
        var body = ParseBlock(first);
        var orElse = new List<Stmt>();
        if (Peek.IsKeyword("elif"))
        {
            orElse.Add(ParseIf());
        }
        else if (Peek.IsKeyword("else"))
        {
            var elseToken = Next();
            orElse = ParseBlock(elseToken);
        }

        return Spanned(new IfStmt(test, body, orElse), first);
    }

    private Stmt ParseWhile()
    {
        var first = Next();
        var test = ParseNamedExprTest();
        var body = ParseBlock(first);
        var orElse = Peek.IsKeyword("else") ? ParseBlock(Next()) : [];
        return Spanned(new WhileStmt(test, body, orElse), first);
    }

    private Stmt ParseFor()
    {
        var first = Next();
        var target = ParseExprList();
        CheckAssignable(target);
        ExpectKeyword("in");
        var iterable = ParseTestListStarExpr();
        var body = ParseBlock(first);
        var orElse = Peek.IsKeyword("else") ? ParseBlock(Next()) : [];
        return Spanned(new ForStmt(target, iterable, body, orElse), first);
    }

    private Stmt ParseTry()
    {
        var first = Next();
        var body = ParseBlock(first);
        var handlers = new List<ExceptHandler>();
        while (Peek.IsKeyword("except"))
        {
            var exceptToken = Next();
            Accept("*");
            Expr? type = null;
            string? name = null;
            if (!Peek.Is(":"))
            {
                type = ParseTest();
                if (AcceptKeyword("as") || Accept(","))
                {
                    name = ExpectName("a name");
                }
            }

            var handlerBody = ParseBlock(exceptToken);
            handlers.Add(new ExceptHandler(type, name, handlerBody, SourceSpan.From(exceptToken, Last)));
        }

        var orElse = handlers.Count > 0 && Peek.IsKeyword("else") ? ParseBlock(Next()) : [];
        var finalBody = Peek.IsKeyword("finally") ? ParseBlock(Next()) : [];
        if (handlers.Count == 0 && finalBody.Count == 0)
        {
            throw Error(Peek, $"expected 'except' or 'finally' block after 'try' on line {first.Line}");
        }

        return Spanned(new TryStmt(body, handlers, orElse, finalBody), first);
    }

    private Stmt ParseWith()
    {
        var first = Next();
        var items = new List<WithItem>();
        do
        {
            var context = ParseTest();
            Expr? target = null;
            if (AcceptKeyword("as"))
            {
                target = ParseExpr();
                CheckAssignable(target);
            }

            items.Add(new WithItem(context, target));
        }
        while (Accept(","));

        var body = ParseBlock(first);
        return Spanned(new WithStmt(items, body), first);
    }

    private Stmt ParseDecorated()
    {
        var first = Peek;
        var decorators = new List<Expr>();
        while (Accept("@"))
        {
            decorators.Add(ParseNamedExprTest());
            Expect(TokenKind.Newline);
        }

        AcceptKeyword("async");
        if (Peek.IsKeyword("def"))
        {
            return ParseFunctionDef(decorators, first);
        }

        if (Peek.IsKeyword("class"))
        {
            return ParseClassDef(decorators, first);
        }

        throw Error(Peek, $"expected 'def' or 'class' after a decorator but found {Peek}");
    }

    private Stmt ParseFunctionDef(List<Expr> decorators, Token first)
    {
        var defToken = Next();
        string name = ExpectName("a function name");
        Expect("(");
        var parameters = ParseParameters(")", allowAnnotations: true);
        Expect(")");
        if (Accept("->"))
        {
            ParseTest();
        }

        var body = ParseBlock(defToken);
        return Spanned(new FunctionDefStmt(name, parameters, body, decorators), first);
    }

    private Stmt ParseClassDef(List<Expr> decorators, Token first)
    {
        var classToken = Next();
        string name = ExpectName("a class name");
        var bases = new List<Argument>();
        if (Accept("("))
        {
            bases = ParseArguments();
            Expect(")");
        }

        var body = ParseBlock(classToken);
        return Spanned(new ClassDefStmt(name, bases, body, decorators), first);
    }

    private List<Parameter> ParseParameters(string closer, bool allowAnnotations)
    {
        var parameters = new List<Parameter>();
        bool keywordOnly = false;
        while (!Peek.Is(closer))
        {
            if (Accept("/"))
            {
                // Positional-only marker: does not change how the evaluator binds arguments by position.
            }
            else if (Accept("**"))
            {
                string name = ExpectName("a parameter name");
                SkipAnnotation(allowAnnotations);
                parameters.Add(new Parameter(name, ParameterKind.KwArgs, null));
            }
            else if (Accept("*"))
            {
                keywordOnly = true;
                if (AtNameToken)
                {
                    string name = ExpectName("a parameter name");
                    SkipAnnotation(allowAnnotations);
                    parameters.Add(new Parameter(name, ParameterKind.VarArgs, null));
                }
            }
            else
            {
                string name = ExpectName("a parameter name");
                SkipAnnotation(allowAnnotations);
                Expr? defaultValue = Accept("=") ? ParseTest() : null;
                parameters.Add(new Parameter(name, keywordOnly ? ParameterKind.KeywordOnly : ParameterKind.Normal,
                    defaultValue));
            }

            if (!Accept(","))
            {
                break;
            }
        }

        return parameters;
    }

    private void SkipAnnotation(bool allowAnnotations)
    {
        if (allowAnnotations && Accept(":"))
        {
            ParseTest();
        }
    }
}
