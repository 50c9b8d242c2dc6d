using System.Diagnostics;
using static Convergent.Keras.Tests.Support.CorpusFiles;

namespace Convergent.Keras.Tests;

/// <summary>Garbled, truncated and hostile scripts: each must end in a clean <see cref="KerasImportException"/>
/// with the right place, quickly (the bound is generous because the build machine is shared).</summary>
public class HostileInputTests
{
    private const string Header = "from keras.models import Sequential\nfrom keras.layers import Dense\nmodel = Sequential()\n";

    private static KerasImportException FailsFast(string source)
    {
        var watch = Stopwatch.StartNew();
        var e = ReadError(source);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"took {watch.Elapsed}");
        return e;
    }

    [Fact]
    public void UnterminatedString_ReportsWhereItStarts()
    {
        var e = FailsFast(Header + "model.add(Dense(10, name='oops))\n");

        Assert.Equal(4, e.Line);
        Assert.Equal(26, e.Column);
        Assert.Contains("unterminated string literal", e.Message);
    }

    [Fact]
    public void TruncatedScript_UnclosedCall_ReportsOpeningBracket()
    {
        var e = FailsFast(Header + "model.add(Dense(10, activation='relu'\n");

        Assert.Equal((4, 16), (e.Line, e.Column));
        Assert.Equal("syntax error: '(' was never closed", e.Reason);
    }

    [Fact]
    public void FiveThousandOpenParentheses_StopsAtBracketLimit()
    {
        var e = FailsFast("x = " + new string('(', 5000) + "1" + new string(')', 5000) + "\n");

        Assert.Equal(1, e.Line);
        Assert.Equal(5 + 200, e.Column);
        Assert.Contains("too many nested brackets", e.Message);
    }

    [Fact]
    public void MillionDigitInteger_RejectedAsBeyond64Bits()
    {
        var e = FailsFast(Header + "units = " + new string('7', 1_000_000) + "\n");

        Assert.Equal((4, 9), (e.Line, e.Column));
        Assert.Contains("does not fit in 64 bits", e.Message);
        Assert.Contains("(1000000 digits)", e.Message);
        Assert.True(e.Message.Length < 1000);
    }

    [Fact]
    public void ListLiteralOverAMillionElements_Rejected()
    {
        var e = FailsFast("x = [" + string.Concat(Enumerable.Repeat("0,", 1_000_001)) + "]\n");

        Assert.Equal(1, e.Line);
        Assert.Equal("syntax error: script has more than 500,000 tokens; the importer reads Keras scripts, which have a few thousand", e.Reason);
    }

    [Fact]
    public void LongUnaryChain_RejectedAsTooDeep()
    {
        var e = FailsFast("x = " + string.Concat(Enumerable.Repeat("- ", 100_000)) + "1\n");

        Assert.Contains("nesting too deep", e.Message);
    }

    [Fact]
    public void LongAdditionChain_RejectedInsteadOfOverflowingTheStack()
    {
        var e = FailsFast("x = 1" + string.Concat(Enumerable.Repeat(" + 1", 100_000)) + "\n");

        Assert.Contains("expression too deeply nested", e.Message);
    }

    [Fact]
    public void LongAttributeChain_RejectedInsteadOfOverflowingTheStack()
    {
        var e = FailsFast("x = a" + string.Concat(Enumerable.Repeat(".b", 50_000)) + "\n");

        Assert.Contains("expression too deeply nested", e.Message);
    }

    [Fact]
    public void DeeplyNestedBlocks_RejectedAsTooDeep()
    {
        var source = string.Concat(Enumerable.Range(0, 300).Select(i => new string(' ', i) + "if True:\n")) + new string(' ', 300) + "pass\n";

        var e = FailsFast(source);

        Assert.Contains("nesting too deep", e.Message);
    }

    [Fact]
    public void WhileTrueWithModelCode_UnsupportedAtTheCall()
    {
        var e = FailsFast(Header + "while True:\n    model.add(Dense(1))\n");

        Assert.Equal((5, 5), (e.Line, e.Column));
        Assert.Contains("model-defining call inside a while loop is not supported", e.Message);
    }

    [Fact]
    public void WhileTrueWithoutModelCode_IsSkippedNotRun()
    {
        var spec = KerasScriptReader.Read(Header + "while True:\n    data = next(stream)\nmodel.add(Dense(1, input_dim=3))\n");

        var skipped = Assert.Single(spec.Skipped);
        Assert.Equal((4, 5), (skipped.Line, skipped.EndLine));
    }

    [Fact]
    public void UnknownName_TypoOfLayer_SuggestsTheLayer()
    {
        var e = FailsFast(Header + "model.add(Dens(10))\n");

        Assert.Equal((4, 11), (e.Line, e.Column));
        Assert.Contains("name 'Dens' is not defined", e.Message);
        Assert.Contains("did you mean 'Dense'?", e.Message);
    }

    [Fact]
    public void UnknownLayer_MessageListsSupportedLayers()
    {
        var e = FailsFast("from keras.models import Sequential\nfrom keras.layers import LSTM, Dense\n\n\n\nmodel = Sequential()\nmodel.add(LSTM(32))\n");

        Assert.StartsWith("model.py:7:11: unsupported layer 'LSTM' in \"model.add(LSTM(32))\"; supported layers: Conv1D, Conv2D, Dense, ", e.Message);
        Assert.Equal("model.add(LSTM(32))", e.SourceText);
    }

    [Fact]
    public void HugeLoopDefiningTheModel_StopsAtIterationLimit()
    {
        var e = FailsFast(Header + "for i in range(10**12):\n    model.add(Dense(1))\n");

        Assert.Contains("the importer runs at most 10,000 iterations", e.Message);
        Assert.Equal(5, e.Line);
    }

    [Fact]
    public void HugeLoopWithoutModelCode_SkippedImmediately()
    {
        var watch = Stopwatch.StartNew();
        var spec = KerasScriptReader.Read(Header + "total = 0\nfor i in range(10**12):\n    total += i\nmodel.add(Dense(1, input_dim=2))\n");

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10));
        Assert.Contains(spec.Skipped, s => s.Line == 5 && s.Reason.Contains("1,000,000,000,000 iterations"));
    }

    [Fact]
    public void NestedLoopsBurningSteps_StopAtStepLimit()
    {
        var e = FailsFast(Header + "for i in range(10000):\n    for j in range(10000):\n        x = i * j\n");

        Assert.Contains("script too expensive to evaluate", e.Message);
    }

    [Fact]
    public void RepeatedStringBeyondLimit_Rejected()
    {
        var e = FailsFast(Header + "name = 'a' * 10**9\n");

        Assert.Contains("longer than the importer's limit of 1 MB", e.Message);
    }

    [Fact]
    public void RepeatedListBeyondLimit_Rejected()
    {
        var e = FailsFast(Header + "zeros = [0] * 10**7\n");

        Assert.Contains("larger than the importer's limit of 1,000,000", e.Message);
    }

    [Fact]
    public void ListContainingItself_UsedAsArgument_RejectedNotStackOverflow()
    {
        var e = FailsFast(Header + "a = []\na.append(a)\nmodel.add(Dense(10, noise=a))\n");

        Assert.Contains("nested more than 64 levels", e.Message);
    }

    [Fact]
    public void RecursiveFunction_StopsAtCallDepth()
    {
        var e = FailsFast(Header + "def f(n):\n    return f(n + 1)\nf(0)\n");

        Assert.Contains("function calls nested more than 32 deep", e.Message);
    }

    [Fact]
    public void ExponentOverflow_UsedAsUnits_NamedUnknown()
    {
        var e = FailsFast(Header + "units = 2 ** 100\nmodel.add(Dense(units))\n");

        Assert.Equal((5, 17), (e.Line, e.Column));
        Assert.Contains("'units' is not known to the importer", e.Message);
        Assert.Contains("integer arithmetic beyond 64 bits", e.Message);
    }

    [Fact]
    public void BinaryGarbage_InvalidCharacter()
    {
        var e = FailsFast("\u0001\u0002\u0003 garbage\n");

        Assert.Equal((1, 1), (e.Line, e.Column));
        Assert.Contains("invalid character 'U+0001'", e.Message);
    }

    [Fact]
    public void EmptyScript_NoModelFound()
    {
        var e = FailsFast("");

        Assert.Contains("no Keras model found", e.Message);
    }

    [Fact]
    public void ScriptOverSizeLimit_RejectedBeforeTokenizing()
    {
        var e = FailsFast(new string('#', 5 << 20));

        Assert.Contains("the importer reads scripts up to", e.Message);
    }

    [Fact]
    public void ModelCodeUnderUndecidableIf_Unsupported()
    {
        var e = FailsFast("import sys\n" + Header + "if len(sys.argv) > 1:\n    model.add(Dense(64))\n");

        Assert.Equal((6, 5), (e.Line, e.Column));
        Assert.Contains("model-defining call inside an if statement whose condition the importer cannot decide", e.Message);
    }

    [Fact]
    public void MismatchedDedent_SyntaxErrorWithPosition()
    {
        var e = FailsFast(Header + "for i in range(2):\n        model.add(Dense(1))\n    x = 1\n");

        Assert.Equal((6, 5), (e.Line, e.Column));
        Assert.Contains("unindent does not match", e.Message);
    }
}
