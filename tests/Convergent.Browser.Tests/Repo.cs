namespace Convergent.Browser.Tests;

/// <summary>Paths of the repository and of this test run's artifacts.</summary>
internal static class Repo
{
    /// <summary>The repository root (the folder holding Convergent.slnx).</summary>
    public static string Root { get; } = Find();

    /// <summary>A path relative to the repository root.</summary>
    public static string P(string relative) => Path.Combine(Root, relative);

    /// <summary>Where reports and screenshots are kept: <c>artifacts/</c> under the test output folder.</summary>
    public static string Artifacts { get; } = Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "artifacts")).FullName;

    private static string Find()
    {
        var d = new DirectoryInfo(AppContext.BaseDirectory);
        while (d is not null && !File.Exists(Path.Combine(d.FullName, "Convergent.slnx"))) d = d.Parent;
        return d?.FullName ?? throw new InvalidOperationException("repository root not found");
    }
}
