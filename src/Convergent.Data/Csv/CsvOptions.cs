namespace Convergent.Data;

/// <summary>Options of <see cref="CsvDataset.Read(string, CsvOptions?)"/>. The defaults read the common case: detected
/// delimiter and header, the last column as target.</summary>
public sealed record CsvOptions
{
    /// <summary>Field delimiter; null detects comma, semicolon or tab from the first lines.</summary>
    public char? Delimiter { get; init; }

    /// <summary>Whether the first line holds column names (detected by default).</summary>
    public CsvHeaderMode Header { get; init; } = CsvHeaderMode.Auto;

    /// <summary>Name of the target column (needs a header); when set, <see cref="TargetIndex"/> is ignored.</summary>
    public string? TargetName { get; init; }

    /// <summary>Index of the target column; negative counts from the end (−1, the default, is the last column).</summary>
    public int TargetIndex { get; init; } = -1;

    /// <summary>How the target column is interpreted.</summary>
    public CsvTargetType TargetType { get; init; } = CsvTargetType.Auto;

    /// <summary>Label order for categorical targets (sorted by default).</summary>
    public ClassOrder ClassOrder { get; init; } = ClassOrder.Sorted;

    /// <summary>What to do with missing feature values (an error by default). A missing target is always an error.</summary>
    public MissingValuePolicy MissingValues { get; init; } = MissingValuePolicy.Error;
}
