using System.Text;

namespace Convergent.Data.Tests;

public class CsvDatasetTests
{
    private static CsvDataset Parse(string text, CsvOptions? o = null) =>
        CsvDataset.Read(new MemoryStream(Encoding.UTF8.GetBytes(text)), "t.csv", o);

    [Fact]
    public void Read_HeaderAndTextTarget_MapsClassesInSortedOrder()
    {
        var d = Parse("a,b,species\n1,2,virginica\n3,4,setosa\n5,6,virginica\n7,8,versicolor\n");
        Assert.Equal(["a", "b"], d.FeatureNames);
        Assert.Equal("species", d.TargetName);
        Assert.Equal(["setosa", "versicolor", "virginica"], d.ClassNames);
        Assert.Equal([2f, 0f, 2f, 1f], d.Y.ToFloatArray());
        Assert.Equal([1f, 2f, 3f, 4f, 5f, 6f, 7f, 8f], d.X.ToFloatArray());
        Assert.Equal([4, 2], d.X.Shape.ToArray());
    }

    [Fact]
    public void Read_FirstSeenOrder_NumbersClassesByAppearance()
    {
        var d = Parse("1,b\n2,a\n3,b\n", new CsvOptions { ClassOrder = ClassOrder.FirstSeen });
        Assert.Equal(["b", "a"], d.ClassNames);
        Assert.Equal([0f, 1f, 0f], d.Y.ToFloatArray());
    }

    [Fact]
    public void Read_SklearnCountLine_IsSkippedAndClassNamesKept()
    {
        var d = Parse("3,2,setosa,versicolor,virginica\n5.1,3.5,0\n4.9,3.0,2\n6.0,2.2,1\n");
        Assert.Equal(["setosa", "versicolor", "virginica"], d.ClassNames);
        Assert.Equal([0f, 2f, 1f], d.Y.ToFloatArray());
        Assert.Equal([3, 2], d.X.Shape.ToArray());
        Assert.Equal(5.1f, d.X.ToFloatArray()[0]);
    }

    [Fact]
    public void Read_SemicolonDelimiterAndQuotedFields_AreDetected()
    {
        var d = Parse("\"x;1\";\"y \"\"quoted\"\"\";target\n1;2;3.5\n4;\"5\";-1\n");
        Assert.Equal(["x;1", "y \"quoted\""], d.FeatureNames);
        Assert.Null(d.ClassNames);
        Assert.Equal([3.5f, -1f], d.Y.ToFloatArray());
        Assert.Equal([1f, 2f, 4f, 5f], d.X.ToFloatArray());
    }

    [Fact]
    public void Read_TabDelimiterTargetByNameAndNegativeIndex_PickTheColumn()
    {
        string text = "label\tf1\tf2\nb\t1\t2\na\t3\t4\n";
        var byName = Parse(text, new CsvOptions { TargetName = "label" });
        Assert.Equal(["f1", "f2"], byName.FeatureNames);
        Assert.Equal([1f, 0f], byName.Y.ToFloatArray());
        var byIndex = Parse(text, new CsvOptions { TargetIndex = -3 });
        Assert.Equal("label", byIndex.TargetName);
    }

    [Fact]
    public void Read_WrongFieldCount_ReportsLineNumber()
    {
        var e = Assert.Throws<DataFormatException>(() => Parse("a,b,c\n1,2,3\n\n4,5\n"));
        Assert.Equal(4, e.Line);
        Assert.Contains("expected 3 fields", e.Message);
        Assert.Contains("found 2", e.Message);
    }

    [Fact]
    public void Read_MissingValue_ReportsLineAndColumnUnlessFilled()
    {
        string text = "a,b,y\n1,2,0\n3,,1\n";
        var e = Assert.Throws<DataFormatException>(() => Parse(text));
        Assert.Equal(3, e.Line);
        Assert.Equal(2, e.Column);
        Assert.Equal("b", e.Field);
        Assert.StartsWith("t.csv: line 3, column 2 (b): missing value", e.Message);
        var filled = Parse(text, new CsvOptions { MissingValues = MissingValuePolicy.FillNaN });
        Assert.True(float.IsNaN(filled.X.ToFloatArray()[3]));
    }

    [Fact]
    public void Read_NonNumericFeature_ReportsLineAndColumn()
    {
        var e = Assert.Throws<DataFormatException>(() => Parse("1,2,0\n3,abc,1\n"));
        Assert.Equal(2, e.Line);
        Assert.Equal(2, e.Column);
        Assert.Contains("'abc'", e.Message);
    }

    [Fact]
    public void Read_UnterminatedQuote_ReportsLine()
    {
        var e = Assert.Throws<DataFormatException>(() => Parse("1,2,0\n\"3,4,1\n"));
        Assert.Equal(2, e.Line);
    }

    [Fact]
    public void Read_ShippedIrisFile_Gives150By4WithClassNames()
    {
        var d = CsvDataset.Read(Path.Combine(AppContext.BaseDirectory, "Fixtures", "csv", "iris.csv"));
        Assert.Equal([150, 4], d.X.Shape.ToArray());
        Assert.Equal(["setosa", "versicolor", "virginica"], d.ClassNames);
        Assert.Equal([5.1f, 3.5f, 1.4f, 0.2f], d.X.ToFloatArray()[..4]);
        Assert.Equal(50, d.Y.ToFloatArray().Count(v => v == 2f));
    }
}
