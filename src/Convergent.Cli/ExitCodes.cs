namespace Convergent.Cli;

/// <summary>The exit statuses of the CLI contract (shared/specs/cli-and-report.md).</summary>
internal static class ExitCodes
{
    /// <summary>The job ran (whatever the model's health).</summary>
    public const int Ok = 0;
    /// <summary>A fault of the program itself.</summary>
    public const int ProgramFault = 1;
    /// <summary>Bad usage or bad input: one clear message on stderr.</summary>
    public const int BadInput = 2;
    /// <summary><c>--fail-on</c> matched findings.</summary>
    public const int FailOn = 3;
}
