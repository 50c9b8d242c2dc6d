using System.Runtime.CompilerServices;

namespace Convergent.Keras.Python;

/// <summary>
/// Recursive-descent parser for Python 3 statements and expressions (the grammar of CPython's
/// <c>Grammar/python.gram</c>, minus <c>match</c> and type-parameter syntax), producing the tree in
/// Ast.cs. It parses whole scripts, including code the evaluator will skip, because a script that
/// does not parse cannot be trusted to mean what it seems to. Nesting is bounded by <see cref="MaxDepth"/>.
/// </summary>
internal sealed partial class PythonParser
{
    /// <summary>Nesting limit for expressions and blocks. CPython's parser allows about 200 too; real scripts
    /// stay far below, and the limit keeps recursion well inside the thread's stack.</summary>
    public const int MaxDepth = 200;

    /// <summary>Scripts larger than this are refused before tokenizing (Keras scripts are kilobytes).</summary>
    public const int MaxSourceChars = 4 << 20;

    private static readonly HashSet<string> Keywords =
    [
        "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue", "def",
        "del", "elif", "else", "except", "finally", "for", "from", "global", "if", "import", "in", "is", "lambda",
        "nonlocal", "not", "or", "pass", "raise", "return", "try", "while", "with", "yield",
    ];

    private static readonly HashSet<string> AugmentedOperators =
        ["+=", "-=", "*=", "/=", "//=", "%=", "**=", "@=", "&=", "|=", "^=", ">>=", "<<="];

    private readonly List<Token> _t;
    private readonly string _src;
    private readonly string _file;
    private int _p;
    private int _depth;

    private PythonParser(List<Token> tokens, string source, string file, int depth = 0)
    {
        _t = tokens;
        _src = source;
        _file = file;
        _depth = depth;
    }

    /// <summary>Parses a whole script; throws <see cref="KerasImportException"/> with file:line:column and what
    /// was expected on a syntax error.</summary>
    public static ModuleNode Parse(string source, string file)
    {
        if (source.Length > MaxSourceChars)
        {
            throw new KerasImportException(file, 1, 1, "",
                $"script is {source.Length:N0} characters; the importer reads scripts up to {MaxSourceChars:N0}");
        }

        var parser = new PythonParser(PythonTokenizer.Tokenize(source, file), source, file);
        return parser.ParseModule();
    }

    private Token Peek => _t[_p];

    private Token PeekAt(int k) => _t[Math.Min(_p + k, _t.Count - 1)];

    private Token Last => _t[Math.Max(0, _p - 1)];

    private Token Next()
    {
        var token = _t[_p];
        if (token.Kind != TokenKind.EndOfFile)
        {
            _p++;
        }

        return token;
    }

    private bool Accept(string op)
    {
        if (Peek.Is(op))
        {
            _p++;
            return true;
        }

        return false;
    }

    private bool AcceptKeyword(string keyword)
    {
        if (Peek.IsKeyword(keyword))
        {
            _p++;
            return true;
        }

        return false;
    }

    private Token Expect(string op)
    {
        if (!Peek.Is(op))
        {
            throw Error(Peek, $"expected '{op}' but found {Peek}");
        }

        return Next();
    }

    private void ExpectKeyword(string keyword)
    {
        if (!Peek.IsKeyword(keyword))
        {
            throw Error(Peek, $"expected '{keyword}' but found {Peek}");
        }

        _p++;
    }

    private string ExpectName(string what)
    {
        var token = Peek;
        if (token.Kind != TokenKind.Name || Keywords.Contains(token.Text))
        {
            throw Error(token, $"expected {what} but found {token}");
        }

        _p++;
        return token.Text;
    }

    private bool AtNameToken => Peek.Kind == TokenKind.Name && !Keywords.Contains(Peek.Text);

    private T Spanned<T>(T node, Token first)
        where T : Node
    {
        node.Span = SourceSpan.From(first, LastMeaningful);
        return node;
    }

    /// <summary>The last consumed token that is not layout: a block's DEDENT sits on the next statement's
    /// line, so spans must end before it.</summary>
    private Token LastMeaningful
    {
        get
        {
            int i = _p - 1;
            while (i > 0 && _t[i].Kind is TokenKind.Newline or TokenKind.Indent or TokenKind.Dedent or TokenKind.EndOfFile)
            {
                i--;
            }

            return _t[Math.Max(0, i)];
        }
    }

    private void Enter(Token at)
    {
        if (++_depth > MaxDepth)
        {
            throw Error(at, $"nesting too deep (more than {MaxDepth} levels)");
        }

        if (!RuntimeHelpers.TryEnsureSufficientExecutionStack())
        {
            throw Error(at, "nesting too deep for the available stack");
        }
    }

    private void Leave() => _depth--;

    private KerasImportException Error(Token at, string reason) =>
        new(_file, at.Line, at.Column, PythonTokenizer.LineText(_src, at.Line), "syntax error: " + reason);

    private ModuleNode ParseModule()
    {
        var body = new List<Stmt>();
        while (Peek.Kind != TokenKind.EndOfFile)
        {
            if (Peek.Kind == TokenKind.Newline)
            {
                _p++;
                continue;
            }

            if (Peek.Kind == TokenKind.Indent)
            {
                throw Error(Peek, "unexpected indent");
            }

            ParseStatementInto(body);
        }

        return new ModuleNode(body);
    }

    private void ParseStatementInto(List<Stmt> into)
    {
        var token = Peek;
        switch (token.Kind)
        {
            case TokenKind.Magic:
                _p++;
                var magic = Spanned(new MagicStmt(token.Text), token);
                Expect(TokenKind.Newline);
                into.Add(magic);
                return;
            case TokenKind.Indent:
                throw Error(token, "unexpected indent");
            case TokenKind.Dedent:
                throw Error(token, "unexpected dedent");
        }

        if (token.Kind == TokenKind.Name)
        {
            switch (token.Text)
            {
                case "if":
                    into.Add(ParseIf());
                    return;
                case "while":
                    into.Add(ParseWhile());
                    return;
                case "for":
                    into.Add(ParseFor());
                    return;
                case "try":
                    into.Add(ParseTry());
                    return;
                case "with":
                    into.Add(ParseWith());
                    return;
                case "def":
                    into.Add(ParseFunctionDef([], token));
                    return;
                case "class":
                    into.Add(ParseClassDef([], token));
                    return;
                case "async" when PeekAt(1).Kind == TokenKind.Name && PeekAt(1).Text is "def" or "for" or "with":
                    _p++;
                    ParseStatementInto(into);
                    return;
            }
        }

        if (token.Is("@"))
        {
            into.Add(ParseDecorated());
            return;
        }

        ParseSimpleStatementsInto(into);
    }

    private void Expect(TokenKind kind)
    {
        if (Peek.Kind != kind)
        {
            throw Error(Peek, kind == TokenKind.Newline
                ? $"expected end of line but found {Peek}"
                : $"expected {kind} but found {Peek}");
        }

        _p++;
    }

    private void ParseSimpleStatementsInto(List<Stmt> into)
    {
        while (true)
        {
            into.Add(ParseSmallStatement());
            if (Accept(";"))
            {
                if (Peek.Kind == TokenKind.Newline)
                {
                    break;
                }

                continue;
            }

            break;
        }

        Expect(TokenKind.Newline);
    }

    private List<Stmt> ParseBlock(Token owner)
    {
        Expect(":");
        var body = new List<Stmt>();
        Enter(owner);
        if (Peek.Kind == TokenKind.Newline)
        {
            _p++;
            if (Peek.Kind != TokenKind.Indent)
            {
                throw Error(Peek, $"expected an indented block after '{owner.Text}' on line {owner.Line}");
            }

            _p++;
            while (Peek.Kind != TokenKind.Dedent && Peek.Kind != TokenKind.EndOfFile)
            {
                if (Peek.Kind == TokenKind.Newline)
                {
                    _p++;
                    continue;
                }

                ParseStatementInto(body);
            }

            if (Peek.Kind == TokenKind.Dedent)
            {
                _p++;
            }
        }
        else
        {
            ParseSimpleStatementsInto(body);
        }

        Leave();
        return body;
    }

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
