namespace Convergent.Cli.Tests;

/// <summary>Runs the CLI's entry point in-process with captured standard output and error. Console redirection is
/// process-wide, so every CLI test class joins the one non-parallel collection below.</summary>
internal static class CliRunner
{
    private static readonly object Gate = new();

    public static (int Exit, string Out, string Err) Run(params string[] args)
    {
        lock (Gate)
        {
            var oldOut = Console.Out; var oldErr = Console.Error;
            var o = new StringWriter(); var e = new StringWriter();
            Console.SetOut(o); Console.SetError(e);
            try
            {
                int exit = (int)typeof(Program).GetMethod("Main", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!
                    .Invoke(null, [args])!;
                return (exit, o.ToString(), e.ToString());
            }
            finally
            {
                Console.SetOut(oldOut); Console.SetError(oldErr);
            }
        }
    }
}

[CollectionDefinition("cli", DisableParallelization = true)]
public sealed class CliCollection;
