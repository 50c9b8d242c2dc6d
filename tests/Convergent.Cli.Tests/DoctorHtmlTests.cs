using Convergent.Reports.Html;

namespace Convergent.Cli.Tests;

[Collection("cli")]
public sealed class DoctorHtmlTests
{
    [Fact]
    public void Html_option_writes_the_report_and_says_where()
    {
        var dir = Directory.CreateTempSubdirectory("convergent-cli-html-");
        try
        {
            string html = Path.Combine(dir.FullName, "sub", "two curves.html");
            var (exit, output, err) = CliRunner.Run("doctor", Repo.P("examples/05-two-curves/model.py"), "--data", "builtin:two-curves",
                "--epochs", "3", "--quiet", "--html", html);
            Assert.True(exit == 0, err);
            Assert.Contains($"HTML report written to {html}", output);
            Assert.DoesNotContain("not available", output);
            var page = File.ReadAllText(html);
            Assert.StartsWith("<!DOCTYPE html>", page);
            var payload = System.Text.Json.JsonDocument.Parse(HtmlReportWriter.ExtractPayload(page)).RootElement;
            Assert.Equal(3, payload.GetProperty("run").GetProperty("epochs_run").GetInt32());
            Assert.Equal("VALIDATION_SPLIT_UNREPRESENTATIVE", payload.GetProperty("findings")[0].GetProperty("code").GetString());
            // the story's picture: the decision boundary of the 2-D inputs, 100 × 100 cells
            var charts = payload.GetProperty("sections").EnumerateArray().SelectMany(s => s.GetProperty("charts").EnumerateArray());
            var boundary = charts.Single(c => c.GetProperty("id").GetString() == ChartIds.Boundary);
            Assert.Equal(10_000, boundary.GetProperty("classes").GetArrayLength());
            // written atomically: nothing but the report in its folder
            Assert.Equal(["two curves.html"], Directory.GetFiles(Path.GetDirectoryName(html)!).Select(Path.GetFileName));
        }
        finally { dir.Delete(recursive: true); }
    }
}
