namespace Convergent.Data;

/// <summary>Whether the first line of a CSV file holds column names.</summary>
public enum CsvHeaderMode
{
    /// <summary>Detect: a first line whose every field is non-numeric is a header; a scikit-learn count line
    /// (<c>150,4,setosa,versicolor,virginica</c>: row count, feature count, class names) is recognised and skipped.</summary>
    Auto,
    /// <summary>The first line is a header.</summary>
    Present,
    /// <summary>The first line is data.</summary>
    Absent,
}
