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

    /// <summary>Scripts larger than this are refused before tokenizing (Keras scripts are kilobytes; 2 MB still
    /// lets a million-digit literal reach the tokenizer's own, more specific, error).</summary>
    public const int MaxSourceChars = 2 << 20;

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
}
