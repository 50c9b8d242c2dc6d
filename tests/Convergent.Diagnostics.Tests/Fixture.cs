namespace Convergent.Diagnostics.Tests;

/// <summary>Paths of the copied fixtures (see Fixtures/PROVENANCE.md).</summary>
internal static class Fixture
{
    public static string Path(params string[] parts) => System.IO.Path.Combine([AppContext.BaseDirectory, "Fixtures", .. parts]);

    public static string Log(string name) => Path("logs", name);

    /// <summary>The repository's shared folder beside the repository, when present (../shared from the repo root).</summary>
    public static string? SharedFile(params string[] parts)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (!File.Exists(System.IO.Path.Combine(dir.FullName, "Convergent.slnx"))) continue;
            var p = System.IO.Path.Combine([dir.FullName, "..", "shared", .. parts]);
            return File.Exists(p) ? p : null;
        }
        return null;
    }
}
