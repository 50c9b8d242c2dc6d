using System.Text.Json;
using Convergent.Cli;

namespace Convergent.Browser.Tests;

/// <summary>
/// One real <c>convergent doctor … --html FILE --json FILE</c> pass, run in-process through the CLI's own
/// <see cref="DoctorCommand"/> with <c>--deterministic</c> (every step measured, so the findings do not depend on the
/// machine's load). The HTML report and the JSON report of the same diagnosis land in <see cref="Repo.Artifacts"/>.
/// </summary>
internal sealed record DoctorRun(string Name, string HtmlPath, string JsonPath, string Console)
{
    /// <summary>The JSON report (convergent.report/1) written beside the HTML one.</summary>
    public JsonElement Report => JsonDocument.Parse(File.ReadAllText(JsonPath)).RootElement;

    /// <summary>The payload embedded in the HTML report.</summary>
    public JsonElement Payload => JsonDocument.Parse(Convergent.Reports.Html.HtmlReportWriter.ExtractPayload(File.ReadAllText(HtmlPath))).RootElement;

    /// <summary>Runs the doctor on <paramref name="model"/> and <paramref name="data"/>, writing NAME.html and NAME.json.</summary>
    public static DoctorRun Start(string name, string model, string data, int? epochs = null)
    {
        string html = Path.Combine(Repo.Artifacts, name + ".html"), json = Path.Combine(Repo.Artifacts, name + ".json");
        File.Delete(html);
        File.Delete(json);
        var output = new StringWriter();
        var request = new DoctorRequest(model, data)
        {
            Overrides = new Overrides(epochs, null, null, null, null, null),
            Threads = Math.Min(2, Environment.ProcessorCount),
            Quiet = true,
            Deterministic = true,
            HtmlPath = html,
            JsonPath = json,
        };
        int exit = DoctorCommand.Run(request, output);
        Assert.True(exit == 0, $"doctor exited with {exit}:\n{output}");
        Assert.Contains($"HTML report written to {html}", output.ToString());
        return new DoctorRun(name, html, json, output.ToString());
    }
}
