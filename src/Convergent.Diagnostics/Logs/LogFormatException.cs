namespace Convergent.Diagnostics.Logs;

/// <summary>A training log that cannot be read; the message names the file and the line (1-based).</summary>
public sealed class LogFormatException : FormatException
{
    public LogFormatException(string file, int line, string problem)
        : base($"{file}:{line}: {problem}")
    {
        File = file; Line = line; Problem = problem;
    }

    /// <summary>The file (or source name) that could not be read.</summary>
    public string File { get; }

    /// <summary>The 1-based line of the problem.</summary>
    public int Line { get; }

    /// <summary>What is wrong and what was expected.</summary>
    public string Problem { get; }
}
