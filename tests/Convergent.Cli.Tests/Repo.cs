namespace Convergent.Cli.Tests;

internal static class Repo
{
    /// <summary>The repository root (the folder holding Convergent.slnx).</summary>
    public static string Root { get; } = Find();

    public static string P(string relative) => Path.Combine(Root, relative);

    private static string Find()
    {
        var d = new DirectoryInfo(AppContext.BaseDirectory);
        while (d is not null && !File.Exists(Path.Combine(d.FullName, "Convergent.slnx"))) d = d.Parent;
        return d?.FullName ?? throw new InvalidOperationException("repository root not found");
    }

    public static System.Text.Json.JsonElement Json(string path) => System.Text.Json.JsonDocument.Parse(File.ReadAllText(path)).RootElement;

    public static string[] Codes(System.Text.Json.JsonElement report, bool errorsAndWarningsOnly = false) =>
        report.GetProperty("findings").EnumerateArray()
            .Where(f => !errorsAndWarningsOnly || f.GetProperty("severity").GetString() is "error" or "warning")
            .Select(f => f.GetProperty("code").GetString()!).ToArray();
}
