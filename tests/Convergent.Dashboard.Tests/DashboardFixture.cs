using System.Diagnostics;
using Convergent.Store;

namespace Convergent.Dashboard.Tests;

/// <summary>Helpers shared by the dashboard tests: a temporary SQLite store, the repository root, and the CLI run
/// in a process of its own (so its runs are recorded exactly as a user's are).</summary>
internal static class DashboardFixture
{
    public static string Root { get; } = FindRoot();

    public static string Story5 => Path.Combine(Root, "examples/05-two-curves/model.py");

    /// <summary>A fresh SQLite store file in a temporary folder (remove it with <see cref="Delete"/>).</summary>
    public static string TempStore()
    {
        string folder = Path.Combine(Path.GetTempPath(), $"convergent-dash-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        return Path.Combine(folder, "runs.db");
    }

    /// <summary>Deletes a <see cref="TempStore"/> and its folder (the WAL files with it).</summary>
    public static void Delete(string store)
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(Path.GetDirectoryName(store)!, recursive: true); }
        catch (IOException) { }   // a process still closing it: the temp folder is cleaned by the system
    }

    // the CLI's default store, should a test forget --store: never the real ~/.convergent
    private static readonly string Home = Path.Combine(Path.GetTempPath(), $"convergent-home-{Environment.ProcessId}");

    /// <summary>Starts <c>convergent ARGS</c> (the CLI built beside the tests); CONVERGENT_HOME points at a temporary folder.</summary>
    public static Process StartCli(params string[] args)
    {
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "convergent.dll"));
        foreach (var a in args) psi.ArgumentList.Add(a);
        psi.Environment["CONVERGENT_HOME"] = Home;
        var p = Process.Start(psi)!;
        p.OutputDataReceived += (_, _) => { };
        p.BeginOutputReadLine();
        return p;
    }

    /// <summary>Runs the CLI to the end and asserts it succeeded.</summary>
    public static void RunCli(params string[] args)
    {
        using var p = StartCli(args);
        string err = p.StandardError.ReadToEnd();
        Assert.True(p.WaitForExit(TimeSpan.FromMinutes(5)), "convergent did not finish");
        Assert.True(p.ExitCode == 0, $"convergent {string.Join(' ', args)} exited {p.ExitCode}: {err}");
    }

    /// <summary>Polls <paramref name="condition"/> until it holds or <paramref name="timeout"/> passes.</summary>
    public static async Task<bool> Eventually(Func<Task<bool>> condition, TimeSpan timeout)
    {
        var sw = Stopwatch.StartNew();
        while (sw.Elapsed < timeout)
        {
            if (await condition()) return true;
            await Task.Delay(200);
        }
        return await condition();
    }

    public static Task<DashboardServer> Serve(IRunStore store) =>
        DashboardServer.StartAsync(new DashboardOptions { Port = 0, PollInterval = TimeSpan.FromMilliseconds(100) }, store);

    private static string FindRoot()
    {
        var d = new DirectoryInfo(AppContext.BaseDirectory);
        while (d is not null && !File.Exists(Path.Combine(d.FullName, "Convergent.slnx"))) d = d.Parent;
        return d?.FullName ?? throw new InvalidOperationException("repository root not found");
    }
}
