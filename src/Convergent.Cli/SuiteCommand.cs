namespace Convergent.Cli; internal static class SuiteCommand { public static System.CommandLine.Command Create() => new("suite", "todo"); }
