using Convergent.Keras.Python;

namespace Convergent.Keras.Tests.Python;

public class PythonParserTests
{
    private static ModuleNode Parse(string source) => PythonParser.Parse(source, "p.py");

    private static T Single<T>(string source)
        where T : Stmt => Assert.IsType<T>(Assert.Single(Parse(source).Body));

    [Fact]
    public void Parse_ChainedAssignmentWithTupleTarget_TwoTargets()
    {
        var assign = Single<AssignStmt>("(a, b), c = d = f()\n");

        Assert.Equal(2, assign.Targets.Count);
        var tuple = Assert.IsType<TupleExpr>(assign.Targets[0]);
        Assert.IsType<TupleExpr>(tuple.Items[0]);
        Assert.Equal("d", Assert.IsType<NameExpr>(assign.Targets[1]).Id);
        Assert.IsType<CallExpr>(assign.Value);
    }

    [Fact]
    public void Parse_OperatorPrecedence_PowerBindsTighterThanUnaryMinus()
    {
        var assign = Single<AssignStmt>("x = -2 ** 2 + 3 * 4\n");

        var add = Assert.IsType<BinaryExpr>(assign.Value);
        Assert.Equal("+", add.Op);
        var neg = Assert.IsType<UnaryExpr>(add.Left);
        Assert.Equal("**", Assert.IsType<BinaryExpr>(neg.Operand).Op);
        Assert.Equal("*", Assert.IsType<BinaryExpr>(add.Right).Op);
    }

    [Fact]
    public void Parse_CallArguments_KindsAndNames()
    {
        var call = Assert.IsType<CallExpr>(Single<ExprStmt>("f(1, *a, k=2, **kw)\n").Value);

        Assert.Equal([ArgumentKind.Positional, ArgumentKind.Star, ArgumentKind.Keyword, ArgumentKind.DoubleStar],
            call.Arguments.Select(a => a.Kind));
        Assert.Equal("k", call.Arguments[2].Name);
    }

    [Fact]
    public void Parse_ImportForms_ModulesNamesAndAliases()
    {
        var body = Parse("import keras\nimport tensorflow as tf\nfrom keras.layers import (Dense,\n    Conv2D as C)\nfrom keras.layers import *\nfrom . import util\n").Body;

        Assert.Equal("keras", Assert.IsType<ImportStmt>(body[0]).Names[0].Name);
        Assert.Equal("tf", Assert.IsType<ImportStmt>(body[1]).Names[0].Alias);
        var from = Assert.IsType<ImportFromStmt>(body[2]);
        Assert.Equal("keras.layers", from.Module);
        Assert.Equal(["Dense", "Conv2D"], from.Names.Select(n => n.Name));
        Assert.Equal("C", from.Names[1].Alias);
        Assert.True(Assert.IsType<ImportFromStmt>(body[3]).Star);
        Assert.Equal(1, Assert.IsType<ImportFromStmt>(body[4]).Level);
    }

    [Fact]
    public void Parse_IfElifElse_ElifNestsInOrElse()
    {
        var ifStmt = Single<IfStmt>("if a:\n    x = 1\nelif b:\n    x = 2\nelse:\n    x = 3\n");

        var elif = Assert.IsType<IfStmt>(Assert.Single(ifStmt.OrElse));
        Assert.Single(elif.OrElse);
    }

    [Fact]
    public void Parse_CompoundStatementSpan_EndsAtLastLineOfBody()
    {
        var body = Parse("for i in range(3):\n    x = i\n\n    y = x\nz = 1\n").Body;

        Assert.Equal(1, body[0].Span.Line);
        Assert.Equal(4, body[0].Span.EndLine);
        Assert.Equal(5, body[1].Span.Line);
    }

    [Fact]
    public void Parse_Comprehensions_AllFourKinds()
    {
        var body = Parse("a = [x for x in y if x]\nb = {x for x in y}\nc = {k: v for k, v in d}\ne = (x for x in y for z in w)\n").Body;

        Assert.Equal(ComprehensionKind.List, ((ComprehensionExpr)((AssignStmt)body[0]).Value).Kind);
        Assert.Equal(ComprehensionKind.Set, ((ComprehensionExpr)((AssignStmt)body[1]).Value).Kind);
        Assert.Equal(ComprehensionKind.Dict, ((ComprehensionExpr)((AssignStmt)body[2]).Value).Kind);
        var gen = (ComprehensionExpr)((AssignStmt)body[3]).Value;
        Assert.Equal(ComprehensionKind.Generator, gen.Kind);
        Assert.Equal(2, gen.Fors.Count);
    }

    [Fact]
    public void Parse_SlicesAndSubscripts_SliceParts()
    {
        var sub = Assert.IsType<SubscriptExpr>(((AssignStmt)Parse("a = x[1:, ::2]\n").Body[0]).Value);

        var index = Assert.IsType<TupleExpr>(sub.Index);
        var first = Assert.IsType<SliceExpr>(index.Items[0]);
        Assert.NotNull(first.Lower);
        Assert.Null(first.Upper);
        Assert.NotNull(Assert.IsType<SliceExpr>(index.Items[1]).Step);
    }

    [Fact]
    public void Parse_FString_FieldsParsedWithScriptPositions()
    {
        var f = Assert.IsType<FStringExpr>(((AssignStmt)Parse("x = 1\nname = f'dense_{i + 1:02d}_{x!r}'\n").Body[1]).Value);

        Assert.Equal("dense_", f.Parts[0]);
        var field = Assert.IsType<FormattedValue>(f.Parts[1]);
        Assert.Equal("02d", field.FormatSpec);
        var add = Assert.IsType<BinaryExpr>(field.Value);
        Assert.Equal(2, add.Span.Line);
        Assert.Equal(17, add.Span.Column);
        Assert.Equal('r', Assert.IsType<FormattedValue>(f.Parts[3]).Conversion);
    }

    [Fact]
    public void Parse_SelfDocumentingFString_ParsesExpressionBeforeEquals()
    {
        var f = Assert.IsType<FStringExpr>(((ExprStmt)Parse("f'{epoch=} {a == b}'\n").Body[0]).Value);

        Assert.Equal("epoch", Assert.IsType<NameExpr>(((FormattedValue)f.Parts[0]).Value).Id);
        Assert.IsType<CompareExpr>(((FormattedValue)f.Parts[2]).Value);
    }

    [Fact]
    public void Parse_DefWithDefaultsStarArgsAndAnnotations_Parameters()
    {
        var def = Single<FunctionDefStmt>("@decorator\ndef f(a, b: int = 2, *args, c=3, **kw) -> None:\n    return a\n");

        Assert.Equal(["a", "b", "args", "c", "kw"], def.Parameters.Select(p => p.Name));
        Assert.Equal([ParameterKind.Normal, ParameterKind.Normal, ParameterKind.VarArgs, ParameterKind.KeywordOnly, ParameterKind.KwArgs],
            def.Parameters.Select(p => p.Kind));
        Assert.Single(def.Decorators);
    }

    [Fact]
    public void Parse_TryExceptElseFinallyAndWith_Parsed()
    {
        var body = Parse("try:\n    import a\nexcept (ImportError, OSError) as e:\n    pass\nelse:\n    pass\nfinally:\n    pass\nwith open(p) as f, g:\n    pass\n").Body;

        var t = Assert.IsType<TryStmt>(body[0]);
        Assert.Equal("e", Assert.Single(t.Handlers).Name);
        Assert.Single(t.OrElse);
        Assert.Single(t.FinalBody);
        Assert.Equal(2, Assert.IsType<WithStmt>(body[1]).Items.Count);
    }

    [Fact]
    public void Parse_ClassLambdaYieldWalrusAndGlobal_Parsed()
    {
        var body = Parse("class A(B, metaclass=M):\n    x = lambda a, b=1: a + b\n    def g(self):\n        global q\n        yield (n := 3)\n").Body;

        var cls = Assert.IsType<ClassDefStmt>(Assert.Single(body));
        Assert.Equal(2, cls.Bases.Count);
        Assert.Equal(2, cls.Body.Count);
    }

    [Fact]
    public void Parse_Python2PrintStatement_BecomesSkippableStatement()
    {
        var stmt = Single<MagicStmt>("print 'hello', x\n");

        Assert.Equal("python2-print", stmt.Text);
    }

    [Fact]
    public void Parse_SemicolonSeparatedStatements_Split()
    {
        Assert.Equal(3, Parse("a = 1; b = 2; c = 3\n").Body.Count);
    }

    [Theory]
    [InlineData("x = 1 +\n", 1, 8, "expected an expression but found end of line")]
    [InlineData("if x\n    y = 1\n", 1, 5, "expected ':' but found end of line")]
    [InlineData("def f(a b):\n    pass\n", 1, 9, "expected ')' but found 'b'")]
    [InlineData("for x in y:\nz = 1\n", 2, 1, "expected an indented block after 'for' on line 1")]
    [InlineData("x = 1\n    y = 2\n", 2, 5, "unexpected indent")]
    [InlineData("f(a=1, 2)\n", 1, 8, "positional argument follows keyword argument")]
    [InlineData("1 = x\n", 1, 1, "cannot assign to this expression")]
    [InlineData("x = (1 2)\n", 1, 8, "expected ')' but found '2'")]
    [InlineData("try:\n    pass\nx = 1\n", 3, 1, "expected 'except' or 'finally' block after 'try' on line 1")]
    [InlineData("x = y z\n", 1, 7, "expected end of line but found 'z'")]
    public void Parse_SyntaxError_SaysWhereAndWhatWasExpected(string source, int line, int column, string reason)
    {
        var e = Assert.Throws<KerasImportException>(() => Parse(source));

        Assert.Equal("syntax error: " + reason, e.Reason);
        Assert.Equal(line, e.Line);
        Assert.Equal(column, e.Column);
    }
}
