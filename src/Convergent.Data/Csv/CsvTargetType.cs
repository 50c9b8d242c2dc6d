namespace Convergent.Data;

/// <summary>How a CSV reader interprets the target column.</summary>
public enum CsvTargetType
{
    /// <summary>Numeric when every target value parses as a number, else categorical.</summary>
    Auto,
    /// <summary>Class names, mapped to labels 0…C−1 in <see cref="CsvOptions.ClassOrder"/>.</summary>
    Categorical,
    /// <summary>Numbers kept as they are (regression values, or labels already encoded as integers).</summary>
    Numeric,
}
