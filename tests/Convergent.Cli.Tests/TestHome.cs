using System.Runtime.CompilerServices;

namespace Convergent.Cli.Tests;

/// <summary>Every CLI test (and every process it starts) records runs into a store under a temporary
/// CONVERGENT_HOME, never into the real ~/.convergent.</summary>
internal static class TestHome
{
    public static string Folder { get; } = Path.Combine(Path.GetTempPath(), $"convergent-home-{Environment.ProcessId}-{Guid.NewGuid():N}");

    [ModuleInitializer]
    internal static void Set()
    {
        Directory.CreateDirectory(Folder);
        Environment.SetEnvironmentVariable("CONVERGENT_HOME", Folder);
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try { Directory.Delete(Folder, recursive: true); }
            catch (IOException) { }   // a child process still closing a store: the system's temp cleaning takes it
        };
    }
}
