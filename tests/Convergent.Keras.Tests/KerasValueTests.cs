namespace Convergent.Keras.Tests;

public class KerasValueTests
{
    [Theory]
    [InlineData(0.5, "0.5")]
    [InlineData(3.0, "3.0")]
    [InlineData(1e-5, "1e-05")]
    [InlineData(1e-4, "0.0001")]
    [InlineData(0.001, "0.001")]
    [InlineData(1e16, "1e+16")]
    [InlineData(123456789.0, "123456789.0")]
    [InlineData(-2.5e-7, "-2.5e-07")]
    [InlineData(0.1 + 0.2, "0.30000000000000004")]
    [InlineData(1.0 / 255, "0.00392156862745098")]
    [InlineData(0.0, "0.0")]
    public void FormatFloat_MatchesPythonRepr(double value, string expected)
    {
        Assert.Equal(expected, new KerasFloat(value).ToPython());
    }

    [Fact]
    public void Sequence_EqualityComparesItemsAndTupleness()
    {
        Assert.Equal(KerasValue.Tuple(5, 5), KerasValue.Tuple(5, 5));
        Assert.NotEqual<KerasValue>(KerasValue.Tuple(5, 5), KerasValue.List(KerasValue.Of(5), KerasValue.Of(5)));
        Assert.Equal("(5,)", KerasValue.Tuple(5).ToPython());
        Assert.Equal("[1, \"a\", None]", KerasValue.List(KerasValue.Of(1), KerasValue.Of("a"), KerasValue.None).ToPython());
    }

    [Fact]
    public void Config_WithWithoutAndEquality_IgnoreOrder()
    {
        var config = KerasConfig.Of(("units", KerasValue.Of(3)), ("activation", KerasValue.Of("relu")));

        Assert.Equal(KerasConfig.Of(("activation", KerasValue.Of("relu")), ("units", KerasValue.Of(3))), config);
        Assert.Equal(["units", "activation"], config.With("units", KerasValue.Of(4)).Keys);
        Assert.Equal(KerasValue.Of(4), config.With("units", KerasValue.Of(4))["units"]);
        Assert.False(config.Without("units").ContainsKey("units"));
        Assert.Equal("units=3, activation=\"relu\"", config.ToString());
        Assert.Throws<KeyNotFoundException>(() => config["padding"]);
    }

    [Fact]
    public void ObjectSpec_EqualityByContent()
    {
        var a = new KerasObjectSpec(KerasObjectKind.Regularizer, "L2", KerasConfig.Of(("l2", KerasValue.Of(0.01))));
        var b = new KerasObjectSpec(KerasObjectKind.Regularizer, "L2", KerasConfig.Of(("l2", KerasValue.Of(0.01))));

        Assert.Equal(a, b);
        Assert.Equal("L2(l2=0.01)", a.ToPython());
    }

    [Fact]
    public void QuoteString_EscapesLikePython()
    {
        Assert.Equal("\"a\\\"b\\\\c\\n\"", KerasValue.Of("a\"b\\c\n").ToPython());
    }
}
