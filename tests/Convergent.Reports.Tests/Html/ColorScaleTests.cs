using Convergent.Reports.Html;

namespace Convergent.Reports.Tests;

public class ColorScaleTests
{
    [Fact]
    public void For_PositiveValuesSpanningMoreThanADecade_IsLogOverThePositiveRange()
    {
        var s = ColorScale.For([0.0, 2e-4, 3e-3, 0.05, double.NaN, double.PositiveInfinity]);
        Assert.Equal(new ColorScale(ScaleKind.Log, 2e-4, 0.05), s);
    }

    [Fact]
    public void For_ValuesWithinADecade_IsLinearOverTheirRange()
    {
        Assert.Equal(new ColorScale(ScaleKind.Linear, 0.2, 1.9), ColorScale.For([0.2, 1.9, 1.0]));
        // exactly a decade is not more than a decade
        Assert.Equal(ScaleKind.Linear, ColorScale.For([0.1, 1.0]).Kind);
        Assert.Equal(ScaleKind.Log, ColorScale.For([0.1, 1.0001]).Kind);
    }

    [Fact]
    public void For_NothingFinite_IsTheUnitRange()
    {
        Assert.Equal(new ColorScale(ScaleKind.Linear, 0, 1), ColorScale.For([double.NaN]));
        Assert.Equal(new ColorScale(ScaleKind.Linear, 0, 1), ColorScale.For([]));
        Assert.Equal(new ColorScale(ScaleKind.Linear, 0, 3), ColorScale.For([3.0, 3.0]));
    }

    [Fact]
    public void SymmetricFor_MixedSigns_CoversTheLargestMagnitudeBothWays()
    {
        Assert.Equal(new ColorScale(ScaleKind.Diverging, -0.7, 0.7), ColorScale.SymmetricFor([0.2, -0.7, 0.5, double.NaN]));
    }
}
