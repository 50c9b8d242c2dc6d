using System.Text;

namespace Convergent.Keras.Python;

internal sealed partial class PythonParser
{
    private static readonly HashSet<string> ComparisonOperators = ["<", ">", "==", ">=", "<=", "!="];

    /// <summary>testlist_star_expr: a bare tuple when commas appear (<c>a, b = 1, 2</c>).</summary>
    private Expr ParseTestListStarExpr()
    {
        var first = Peek;
        var item = Peek.Is("*") ? ParseStarExpr() : ParseNamedExprTest();
        if (!Peek.Is(","))
        {
            return item;
        }

        var items = new List<Expr> { item };
        while (Accept(","))
        {
            if (AtTupleEnd)
            {
                break;
            }

            items.Add(Peek.Is("*") ? ParseStarExpr() : ParseNamedExprTest());
        }

        return Spanned(new TupleExpr(items), first);
    }

    private bool AtTupleEnd =>
        Peek.Kind is TokenKind.Newline or TokenKind.EndOfFile ||
        Peek.Is("=") || Peek.Is(")") || Peek.Is("]") || Peek.Is("}") || Peek.Is(";") || Peek.Is(":") ||
        (Peek.Kind == TokenKind.Operator && AugmentedOperators.Contains(Peek.Text)) || Peek.IsKeyword("in");

    /// <summary>exprlist (for-loop targets, del): bitwise-or expressions and stars, a tuple on commas.</summary>
    private Expr ParseExprList()
    {
        var first = Peek;
        var item = Peek.Is("*") ? ParseStarExpr() : ParseExpr();
        if (!Peek.Is(","))
        {
            return item;
        }

        var items = new List<Expr> { item };
        while (Accept(","))
        {
            if (AtTupleEnd)
            {
                break;
            }

            items.Add(Peek.Is("*") ? ParseStarExpr() : ParseExpr());
        }

        return Spanned(new TupleExpr(items), first);
    }

    private Expr ParseStarExpr()
    {
        var first = Expect("*");
        var value = ParseExpr();
        return Spanned(new StarredExpr(value, doubleStar: false), first);
    }

    private Expr ParseNamedExprTest()
    {
        if (AtNameToken && PeekAt(1).Is(":="))
        {
            var first = Next();
            var target = Spanned(new NameExpr(first.Text), first);
            _p++;
            var value = ParseTest();
            return Spanned(new NamedExpr(target, value), first);
        }

        return ParseTest();
    }

    private Expr ParseTest()
    {
        var first = Peek;
        Enter(first);
        Expr result;
        if (first.IsKeyword("lambda"))
        {
            result = ParseLambda(allowConditional: true);
        }
        else
        {
            result = ParseOrTest();
            if (Peek.IsKeyword("if"))
            {
                _p++;
                var test = ParseOrTest();
                ExpectKeyword("else");
                var orElse = ParseTest();
                result = Spanned(new IfExpr(test, result, orElse), first);
            }
        }

        Leave();
        return result;
    }

    private Expr ParseLambda(bool allowConditional)
    {
        var first = Next();
        var parameters = ParseParameters(":", allowAnnotations: false);
        Expect(":");
        var body = allowConditional ? ParseTest() : ParseOrTest();
        return Spanned(new LambdaExpr(parameters, body), first);
    }

    private Expr ParseOrTest()
    {
        var first = Peek;
        var left = ParseAndTest();
        if (!Peek.IsKeyword("or"))
        {
            return left;
        }

        var values = new List<Expr> { left };
        while (AcceptKeyword("or"))
        {
            values.Add(ParseAndTest());
        }

        return Spanned(new BoolOpExpr("or", values), first);
    }

    private Expr ParseAndTest()
    {
        var first = Peek;
        var left = ParseNotTest();
        if (!Peek.IsKeyword("and"))
        {
            return left;
        }

        var values = new List<Expr> { left };
        while (AcceptKeyword("and"))
        {
            values.Add(ParseNotTest());
        }

        return Spanned(new BoolOpExpr("and", values), first);
    }

    private Expr ParseNotTest()
    {
        var first = Peek;
        if (!first.IsKeyword("not"))
        {
            return ParseComparison();
        }

        _p++;
        Enter(first);
        var operand = ParseNotTest();
        Leave();
        return Spanned(new UnaryExpr("not", operand), first);
    }

    private Expr ParseComparison()
    {
        var first = Peek;
        var left = ParseExpr();
        List<string>? ops = null;
        List<Expr>? comparators = null;
        while (true)
        {
            string? op = null;
            if (Peek.Kind == TokenKind.Operator && ComparisonOperators.Contains(Peek.Text))
            {
                op = Next().Text;
            }
            else if (Peek.IsKeyword("in"))
            {
                _p++;
                op = "in";
            }
            else if (Peek.IsKeyword("not") && PeekAt(1).IsKeyword("in"))
            {
                _p += 2;
                op = "not in";
            }
            else if (Peek.IsKeyword("is"))
            {
                _p++;
                op = AcceptKeyword("not") ? "is not" : "is";
            }

            if (op is null)
            {
                break;
            }

            (ops ??= []).Add(op);
            (comparators ??= []).Add(ParseExpr());
        }

        return ops is null ? left : Spanned(new CompareExpr(left, ops, comparators!), first);
    }

    private Expr ParseExpr() => ParseBinary(0);

    // Binary operator levels from loosest to tightest: | ^ & shifts additive multiplicative.
    private static readonly string[][] BinaryLevels =
    [
        ["|"], ["^"], ["&"], ["<<", ">>"], ["+", "-"], ["*", "/", "//", "%", "@"],
    ];

    private Expr ParseBinary(int level)
    {
        if (level == BinaryLevels.Length)
        {
            return ParseFactor();
        }

        var first = Peek;
        var left = ParseBinary(level + 1);
        int chain = 0;
        while (Peek.Kind == TokenKind.Operator && Array.IndexOf(BinaryLevels[level], Peek.Text) >= 0)
        {
            CheckChain(++chain);
            string op = Next().Text;
            var right = ParseBinary(level + 1);
            left = Spanned(new BinaryExpr(op, left, right), first);
        }

        return left;
    }

    private Expr ParseFactor()
    {
        var first = Peek;
        if (first.Is("-") || first.Is("+") || first.Is("~"))
        {
            _p++;
            Enter(first);
            var operand = ParseFactor();
            Leave();
            return Spanned(new UnaryExpr(first.Text, operand), first);
        }

        return ParsePower();
    }

    private Expr ParsePower()
    {
        var first = Peek;
        var baseExpr = ParseAwaitPrimary();
        if (!Peek.Is("**"))
        {
            return baseExpr;
        }

        var opToken = Next();
        Enter(opToken);
        var exponent = ParseFactor();
        Leave();
        return Spanned(new BinaryExpr("**", baseExpr, exponent), first);
    }

    private Expr ParseAwaitPrimary()
    {
        var first = Peek;
        if (first.IsKeyword("await"))
        {
            _p++;
            var value = ParseAwaitPrimary();
            return Spanned(new OpaqueExpr("await", value), first);
        }

        var expr = ParseAtom();
        int chain = 0;
        while (true)
        {
            if (Peek.Is("(") || Peek.Is("[") || Peek.Is("."))
            {
                CheckChain(++chain);
            }

            if (Peek.Is("("))
            {
                var open = Next();
                Enter(open);
                var arguments = ParseArguments();
                Expect(")");
                Leave();
                expr = Spanned(new CallExpr(expr, arguments), first);
            }
            else if (Peek.Is("["))
            {
                var open = Next();
                Enter(open);
                var index = ParseSubscriptList();
                Expect("]");
                Leave();
                expr = Spanned(new SubscriptExpr(expr, index), first);
            }
            else if (Peek.Is("."))
            {
                _p++;
                string name = Peek.Kind == TokenKind.Name ? Next().Text : throw Error(Peek, $"expected an attribute name after '.' but found {Peek}");
                expr = Spanned(new AttributeExpr(expr, name), first);
            }
            else
            {
                return expr;
            }
        }
    }

    /// <summary>Left-associative chains (<c>a + b + c</c>, <c>x.y.z()</c>) parse in a loop but build a tree as
    /// deep as the chain, which the evaluator walks recursively; so they count towards the nesting limit.</summary>
    private void CheckChain(int length)
    {
        if (length + _depth > MaxDepth)
        {
            throw Error(Peek, $"expression too deeply nested (more than {MaxDepth} levels)");
        }
    }

    private List<Argument> ParseArguments()
    {
        var arguments = new List<Argument>();
        while (!Peek.Is(")"))
        {
            var first = Peek;
            if (Accept("**"))
            {
                var value = ParseTest();
                arguments.Add(new Argument(ArgumentKind.DoubleStar, null, value, SourceSpan.From(first, Last)));
            }
            else if (Accept("*"))
            {
                var value = ParseTest();
                arguments.Add(new Argument(ArgumentKind.Star, null, value, SourceSpan.From(first, Last)));
            }
            else if (Peek.Kind == TokenKind.Name && PeekAt(1).Is("="))
            {
                string name = ExpectName("an argument name");
                _p++;
                var value = ParseTest();
                arguments.Add(new Argument(ArgumentKind.Keyword, name, value, SourceSpan.From(first, Last)));
            }
            else
            {
                var value = ParseNamedExprTest();
                if (Peek.IsKeyword("for") || (Peek.IsKeyword("async") && PeekAt(1).IsKeyword("for")))
                {
                    var fors = ParseComprehensionFors();
                    value = Spanned(new ComprehensionExpr(ComprehensionKind.Generator, value, null, fors), first);
                }

                if (arguments.Any(a => a.Kind is ArgumentKind.Keyword or ArgumentKind.DoubleStar))
                {
                    throw Error(first, "positional argument follows keyword argument");
                }

                arguments.Add(new Argument(ArgumentKind.Positional, null, value, SourceSpan.From(first, Last)));
            }

            if (!Accept(","))
            {
                break;
            }
        }

        return arguments;
    }

    private Expr ParseSubscriptList()
    {
        var first = Peek;
        var item = ParseSubscript();
        if (!Peek.Is(","))
        {
            return item;
        }

        var items = new List<Expr> { item };
        while (Accept(","))
        {
            if (Peek.Is("]"))
            {
                break;
            }

            items.Add(ParseSubscript());
        }

        return Spanned(new TupleExpr(items), first);
    }

    private Expr ParseSubscript()
    {
        var first = Peek;
        if (Peek.Is("*"))
        {
            return ParseStarExpr();
        }

        Expr? lower = null;
        if (!Peek.Is(":"))
        {
            lower = ParseNamedExprTest();
            if (!Peek.Is(":"))
            {
                return lower;
            }
        }

        _p++;
        Expr? upper = Peek.Is(":") || Peek.Is("]") || Peek.Is(",") ? null : ParseTest();
        Expr? step = null;
        if (Accept(":") && !Peek.Is("]") && !Peek.Is(","))
        {
            step = ParseTest();
        }

        return Spanned(new SliceExpr(lower, upper, step), first);
    }

    private List<ComprehensionFor> ParseComprehensionFors()
    {
        var fors = new List<ComprehensionFor>();
        while (Peek.IsKeyword("for") || (Peek.IsKeyword("async") && PeekAt(1).IsKeyword("for")))
        {
            AcceptKeyword("async");
            _p++;
            var target = ParseExprList();
            CheckAssignable(target);
            ExpectKeyword("in");
            var iterable = ParseOrTest();
            var conditions = new List<Expr>();
            while (Peek.IsKeyword("if"))
            {
                _p++;
                conditions.Add(Peek.IsKeyword("lambda") ? ParseLambda(allowConditional: false) : ParseOrTest());
            }

            fors.Add(new ComprehensionFor(target, iterable, conditions));
        }

        return fors;
    }

    private Expr ParseYield()
    {
        var first = Next();
        if (AcceptKeyword("from"))
        {
            return Spanned(new OpaqueExpr("yield from", ParseTest()), first);
        }

        Expr? value = AtStatementEnd || Peek.Is(")") || Peek.Is("=") ? null : ParseTestListStarExpr();
        return Spanned(new OpaqueExpr("yield", value), first);
    }

    private Expr ParseAtom()
    {
        var token = Peek;
        switch (token.Kind)
        {
            case TokenKind.Name:
                switch (token.Text)
                {
                    case "None":
                        _p++;
                        return Spanned(new ConstantExpr(ConstantKind.None, null), token);
                    case "True":
                        _p++;
                        return Spanned(new ConstantExpr(ConstantKind.True, true), token);
                    case "False":
                        _p++;
                        return Spanned(new ConstantExpr(ConstantKind.False, false), token);
                }

                if (Keywords.Contains(token.Text))
                {
                    throw Error(token, $"expected an expression but found keyword '{token.Text}'");
                }

                _p++;
                return Spanned(new NameExpr(token.Text), token);
            case TokenKind.Number:
                _p++;
                if (token.IsImaginary)
                {
                    return Spanned(new ConstantExpr(ConstantKind.Imaginary, token.Text), token);
                }

                return Spanned(token.Value is long l
                    ? new ConstantExpr(ConstantKind.Int, l)
                    : new ConstantExpr(ConstantKind.Float, token.Value), token);
            case TokenKind.String:
                return ParseStrings();
            case TokenKind.Operator:
                switch (token.Text)
                {
                    case "(":
                        return ParseParenthesized();
                    case "[":
                        return ParseListDisplay();
                    case "{":
                        return ParseDictOrSet();
                    case "...":
                        _p++;
                        return Spanned(new ConstantExpr(ConstantKind.Ellipsis, null), token);
                }

                break;
        }

        throw Error(token, $"expected an expression but found {token}");
    }

    private Expr ParseParenthesized()
    {
        var open = Next();
        if (Accept(")"))
        {
            return Spanned(new TupleExpr([]), open);
        }

        if (Peek.IsKeyword("yield"))
        {
            var y = ParseYield();
            Expect(")");
            return y;
        }

        var first = Peek.Is("*") ? ParseStarExpr() : ParseNamedExprTest();
        if (Peek.IsKeyword("for") || (Peek.IsKeyword("async") && PeekAt(1).IsKeyword("for")))
        {
            var fors = ParseComprehensionFors();
            Expect(")");
            return Spanned(new ComprehensionExpr(ComprehensionKind.Generator, first, null, fors), open);
        }

        if (Accept(")"))
        {
            return first;
        }

        var items = new List<Expr> { first };
        while (Accept(","))
        {
            if (Peek.Is(")"))
            {
                break;
            }


            items.Add(Peek.Is("*") ? ParseStarExpr() : ParseNamedExprTest());
        }

        Expect(")");
        return Spanned(new TupleExpr(items), open);
    }

    private Expr ParseListDisplay()
    {
        var open = Next();
        if (Accept("]"))
        {
            return Spanned(new ListExpr([]), open);
        }

        var first = Peek.Is("*") ? ParseStarExpr() : ParseNamedExprTest();
        if (Peek.IsKeyword("for") || (Peek.IsKeyword("async") && PeekAt(1).IsKeyword("for")))
        {
            var fors = ParseComprehensionFors();
            Expect("]");
            return Spanned(new ComprehensionExpr(ComprehensionKind.List, first, null, fors), open);
        }

        var items = new List<Expr> { first };
        while (Accept(","))
        {
            if (Peek.Is("]"))
            {
                break;
            }

            items.Add(Peek.Is("*") ? ParseStarExpr() : ParseNamedExprTest());
        }

        Expect("]");
        return Spanned(new ListExpr(items), open);
    }

    private Expr ParseDictOrSet()
    {
        var open = Next();
        if (Accept("}"))
        {
            return Spanned(new DictExpr([]), open);
        }

        if (Peek.Is("**") || !Peek.Is("*"))
        {
            Expr? key = null;
            Expr value;
            if (Accept("**"))
            {
                value = ParseExpr();
            }
            else
            {
                var firstItem = ParseNamedExprTest();
                if (!Peek.Is(":"))
                {
                    return ParseSetRest(open, firstItem);
                }

                _p++;
                key = firstItem;
                value = ParseTest();
                if (Peek.IsKeyword("for") || (Peek.IsKeyword("async") && PeekAt(1).IsKeyword("for")))
                {
                    var fors = ParseComprehensionFors();
                    Expect("}");
                    return Spanned(new ComprehensionExpr(ComprehensionKind.Dict, key, value, fors), open);
                }
            }

            var entries = new List<(Expr? Key, Expr Value)> { (key, value) };
            while (Accept(","))
            {
                if (Peek.Is("}"))
                {
                    break;
                }

                if (Accept("**"))
                {
                    entries.Add((null, ParseExpr()));
                }
                else
                {
                    var k = ParseTest();
                    Expect(":");
                    entries.Add((k, ParseTest()));
                }
            }

            Expect("}");
            return Spanned(new DictExpr(entries), open);
        }

        return ParseSetRest(open, ParseStarExpr());
    }

    private Expr ParseSetRest(Token open, Expr first)
    {
        if (Peek.IsKeyword("for") || (Peek.IsKeyword("async") && PeekAt(1).IsKeyword("for")))
        {
            var fors = ParseComprehensionFors();
            Expect("}");
            return Spanned(new ComprehensionExpr(ComprehensionKind.Set, first, null, fors), open);
        }

        var items = new List<Expr> { first };
        while (Accept(","))
        {
            if (Peek.Is("}"))
            {
                break;
            }

            items.Add(Peek.Is("*") ? ParseStarExpr() : ParseNamedExprTest());
        }

        Expect("}");
        return Spanned(new SetExpr(items), open);
    }
}
