namespace Convergent.Keras;

/// <summary>
/// The importer could not read the model as written: a syntax error, an unsupported layer or construct, an
/// unknown argument, a value it cannot know, or an input over a safety limit. The message names the place
/// (<c>model.py:7:11</c> or <c>model.json: $.config.layers[3].config.units</c>), quotes the source and says what
/// is supported. The CLI maps it to exit code 2.
/// </summary>
public sealed class KerasImportException : Exception
{
    private const int MaxQuotedChars = 200;

    /// <summary>Creates the exception for a place in a script (or JSON path when <paramref name="jsonPath"/> is given).</summary>
    /// <param name="file">File name as given to the reader.</param>
    /// <param name="line">1-based line (0 for JSON).</param>
    /// <param name="column">1-based column (0 for JSON).</param>
    /// <param name="sourceText">The statement or call text ("" when there is none).</param>
    /// <param name="reason">What is wrong, e.g. <c>unsupported layer 'LSTM'</c>.</param>
    /// <param name="hint">What is supported or what to do instead, or null.</param>
    /// <param name="jsonPath">JSON path for JSON input, else null.</param>
    public KerasImportException(string file, int line, int column, string sourceText, string reason,
        string? hint = null, string? jsonPath = null)
        : base(Format(file, line, column, sourceText, reason, hint, jsonPath))
    {
        File = file;
        Line = line;
        Column = column;
        SourceText = sourceText.Length > 2000 ? sourceText[..2000] + "…" : sourceText;
        Reason = reason;
        Hint = hint;
        JsonPath = jsonPath;
    }

    /// <summary>File name as given to the reader.</summary>
    public string File { get; }

    /// <summary>1-based line; 0 for JSON input.</summary>
    public int Line { get; }

    /// <summary>1-based column; 0 for JSON input.</summary>
    public int Column { get; }

    /// <summary>The statement or call as written (capped at 2,000 characters).</summary>
    public string SourceText { get; }

    /// <summary>What is wrong, without place or hint.</summary>
    public string Reason { get; }

    /// <summary>What is supported or what to do instead, or null.</summary>
    public string? Hint { get; }

    /// <summary>JSON path of the offending value for JSON input, else null.</summary>
    public string? JsonPath { get; }

    private static string Format(string file, int line, int column, string sourceText, string reason, string? hint,
        string? jsonPath)
    {
        string place = jsonPath is not null ? $"{file}: {jsonPath}" : $"{file}:{line}:{column}";
        string quoted = "";
        if (!string.IsNullOrWhiteSpace(sourceText))
        {
            // One line in the message: a multi-line call reads fine collapsed, and hostile input must not
            // flood a terminal.
            string oneLine = string.Join(" ", sourceText.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries));
            if (oneLine.Length > MaxQuotedChars)
            {
                oneLine = oneLine[..MaxQuotedChars] + "…";
            }

            quoted = $" in \"{oneLine}\"";
        }

        return hint is null ? $"{place}: {reason}{quoted}" : $"{place}: {reason}{quoted}; {hint}";
    }
}
