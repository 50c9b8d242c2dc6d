using System.CommandLine;
using Convergent.Data;

namespace Convergent.Cli;

/// <summary>The <c>convergent</c> command: verbs, arguments and exit codes (shared/specs/cli-and-report.md).</summary>
internal static class Program
{
    private static int Main(string[] args)
    {
        var root = new RootCommand("Convergent: why won't my network train, and what do I change?");
        root.Subcommands.Add(TrainCommand.Create());
        root.Subcommands.Add(LogsCommand.Create());
        root.Subcommands.Add(DoctorCommand.Create());
        root.Subcommands.Add(CheckCommand.Create());
        root.Subcommands.Add(SuiteCommand.Create());
        root.Subcommands.Add(RunsCommand.Create());
        root.Subcommands.Add(ServeCommand.Create());
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var e in parse.Errors) Console.Error.WriteLine($"convergent: {e.Message}");
            Console.Error.WriteLine("Run 'convergent --help' for usage.");
            return ExitCodes.BadInput;
        }
        return parse.Invoke();
    }

    /// <summary>Runs a verb, turning bad input into exit status 2 with one message and program faults into 1.</summary>
    public static int Guard(Func<int> body)
    {
        try
        {
            return body();
        }
        catch (Convergent.Keras.KerasImportException e)
        {
            Console.Error.WriteLine($"convergent: {e.Message}");
            return ExitCodes.BadInput;
        }
        catch (Exception e) when (e is DataFormatException or Convergent.Diagnostics.Logs.LogFormatException or Convergent.Store.StoreException)
        {
            Console.Error.WriteLine($"convergent: {e.Message}");
            return ExitCodes.BadInput;
        }
        catch (Exception e) when (e is ArgumentException or FileNotFoundException or DirectoryNotFoundException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"convergent: {e.Message}");
            return ExitCodes.BadInput;
        }
        catch (Exception e)
        {
            Console.Error.WriteLine($"convergent: internal error: {e.Message}");
            Console.Error.WriteLine(e.StackTrace);
            return ExitCodes.ProgramFault;
        }
    }
}
