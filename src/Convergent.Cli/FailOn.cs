using Convergent.Diagnostics;

namespace Convergent.Cli;

/// <summary>The <c>--fail-on error|warning</c> option: exit 3 when findings of that severity or worse exist.</summary>
internal static class FailOn
{
    /// <summary>Parses the option value (null: never fail).</summary>
    public static Severity? Parse(string? value) => value switch
    {
        null => null,
        "error" => Severity.Error,
        "warning" => Severity.Warning,
        _ => throw new ArgumentException($"--fail-on must be 'error' or 'warning'. Received: {value}"),
    };

    /// <summary>The exit status for a diagnosis under the option.</summary>
    public static int ExitCode(Diagnosis diagnosis, Severity? failOn) =>
        failOn is Severity s && diagnosis.Findings.Any(f => f.Severity >= s) ? ExitCodes.FailOn : ExitCodes.Ok;
}
