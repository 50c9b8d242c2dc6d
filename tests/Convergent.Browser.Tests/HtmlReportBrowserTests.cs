using System.Text.Json;
using Xunit.Abstractions;

namespace Convergent.Browser.Tests;

/// <summary>
/// The HTML report as a person sees it: real doctor passes on the user stories write their reports, headless Chromium
/// opens each one from disk, and the tests check that every chart drew its data, that each finding links to its chart
/// and sits at its step or epoch there, that the page made no request beyond file:// and logged no error. A full-page
/// screenshot of each report is kept under the test output's <c>artifacts/</c> folder (paths in the test output).
/// </summary>
[Collection("browser")]
public class HtmlReportBrowserTests(ITestOutputHelper output)
{
    private static JsonElement Chart(JsonElement payload, string id) =>
        payload.GetProperty("sections").EnumerateArray().SelectMany(s => s.GetProperty("charts").EnumerateArray())
            .Single(c => c.GetProperty("id").GetString() == id);

    private async Task<(Dictionary<string, PanelDrawn> Panels, List<FindingLink> Links)> CheckAsync(DoctorRun run, Func<Microsoft.Playwright.IPage, Task>? more = null)
    {
        output.WriteLine($"report: {run.HtmlPath}");
        await using var browser = await ReportBrowser.LaunchAsync();
        await using var report = await browser.OpenAsync(run.HtmlPath);
        var panels = await ReportChecks.PanelsAsync(report.Page);
        var links = await ReportChecks.FindingLinksAsync(report.Page);
        await ReportChecks.ScreenshotAsync(report.Page, run.Name, output);
        foreach (var l in links) output.WriteLine($"{l.Code} → {l.Href} in {l.Panel}" + (l.At is double at ? $" at {at} (x {l.X:0.0})" : "") + (l.Row is null ? "" : $" row {l.Row}"));
        ReportChecks.Offline(report);
        ReportChecks.EveryChartDrewItsData(run.Payload, panels);
        ReportChecks.FindingsLinkToTheirCharts(run.Payload, run.Report, links);
        if (more is not null) await more(report.Page);
        ReportChecks.Offline(report);
        return (panels, links);
    }

    [Fact]
    public async Task Launch_WithoutChromium_FailsSayingToRunTheSetupScript()
    {
        var e = await Assert.ThrowsAsync<Xunit.Sdk.FailException>(() => ReportBrowser.LaunchAsync("/nonexistent/chromium"));
        Assert.Contains("Run .ci/setup/chromium.sh", e.Message);
    }

    [Fact]
    public async Task TwoCurves_Story5_DrawsTheDecisionBoundaryWithTheDataOnTop()
    {
        var run = DoctorRun.Start("two-curves", Repo.P("examples/05-two-curves/model.py"), "builtin:two-curves", epochs: 40);
        var (panels, links) = await CheckAsync(run);

        // a 100 × 100 grid of predictions under the 512 points of the two curves; the split finding is shown on it
        Assert.Equal(100 * 100, panels["chart-boundary"].Cells);
        Assert.Equal(512, panels["chart-boundary"].Points);
        var boundary = Chart(run.Payload, "chart-boundary");
        Assert.Equal(103, boundary.GetProperty("points").GetProperty("validation").EnumerateArray().Count(v => v.GetInt32() == 1));
        var split = links.Single(l => l.Code == "VALIDATION_SPLIT_UNREPRESENTATIVE");
        Assert.Equal("chart-boundary", split.Panel);
        Assert.Equal(4, panels["chart-confusion"].Cells);
        // 40 epochs of 52 steps (409 training samples, batch 8): 2080 batch losses drawn as 1000 column means
        Assert.Equal(40, panels["chart-loss-epochs"].Paths[0].Points);
        Assert.Equal(2080, run.Payload.GetProperty("run").GetProperty("steps_run").GetInt32());
        Assert.Equal(1000, panels["chart-loss-steps"].Paths[0].Points);
        // five Dense layers, 2080 steps in 300 columns
        Assert.Equal(5 * 300, panels["chart-heat-gradient_norm"].Cells);
    }

    [Fact]
    public async Task KernelAsLargeAsTheImage_Story2_DrawsTheFiltersEpochByEpoch()
    {
        var run = DoctorRun.Start("kernel-as-large-as-image", Repo.P("examples/02-kernel-as-large-as-image/model.py"), "builtin:large-images", epochs: 10);
        var (panels, links) = await CheckAsync(run);

        // 32 filters of 32 × 32 at initialization and after epochs 3, 5, 8 and 10
        var filters = Chart(run.Payload, "chart-filters").GetProperty("layers")[0];
        Assert.Equal([0, 3, 5, 8, 10], filters.GetProperty("snapshots").EnumerateArray().Select(s => s.GetProperty("epoch").GetInt32()));
        Assert.Equal((32, 32, 32), (filters.GetProperty("filters").GetInt32(), filters.GetProperty("height").GetInt32(), filters.GetProperty("width").GetInt32()));
        Assert.Equal(5 * 32, panels["chart-filters"].Canvases);
        Assert.Equal(5 * 32, panels["chart-filters"].PaintedCanvases);
        // the collapse to 1 × 1 is flagged on the conv layer's row of the model table
        var collapse = links.Single(l => l.Code == "SPATIAL_COLLAPSE");
        Assert.Equal("panel-model", collapse.Panel);
        var placed = run.Payload.GetProperty("findings").EnumerateArray().Single(f => f.GetProperty("code").GetString() == "SPATIAL_COLLAPSE");
        Assert.Equal(filters.GetProperty("layer").GetString(), placed.GetProperty("row").GetString());
    }

    [Fact]
    public async Task SmallCnnOnDigits_DrawsItsFiltersAndATenClassConfusionMatrix()
    {
        var run = DoctorRun.Start("cnn-digits", Path.Combine(AppContext.BaseDirectory, "Fixtures", "cnn-digits.py"), "builtin:digits");
        var (panels, _) = await CheckAsync(run);

        // 16 filters of 3 × 3 at initialization and after epochs 2, 4, 6 and 8
        var filters = Chart(run.Payload, "chart-filters").GetProperty("layers")[0];
        Assert.Equal([0, 2, 4, 6, 8], filters.GetProperty("snapshots").EnumerateArray().Select(s => s.GetProperty("epoch").GetInt32()));
        Assert.Equal((16, 3, 3, 1), (filters.GetProperty("filters").GetInt32(), filters.GetProperty("height").GetInt32(),
            filters.GetProperty("width").GetInt32(), filters.GetProperty("channels").GetInt32()));
        Assert.Equal(5 * 16, panels["chart-filters"].PaintedCanvases);
        // the 360 validation digits (the last 20 % of 1,797) in a 10 × 10 matrix
        var cm = Chart(run.Payload, "chart-confusion");
        Assert.Equal(360, cm.GetProperty("total").GetInt32());
        Assert.Equal(100, panels["chart-confusion"].Cells);
    }

    [Fact]
    public async Task OverfittingRun_MarksTheOnsetOnTheLossCurves()
    {
        var run = DoctorRun.Start("overfitting-digits", Path.Combine(AppContext.BaseDirectory, "Fixtures", "overfit-digits.py"), "builtin:digits");
        int? linearPoints = null;
        string? linearScale = null, markerAfterToggle = null;
        var (panels, links) = await CheckAsync(run, async page =>
        {
            // the loss spans decades, so the axis is log; the toggle redraws it linear with the same points and marker
            await page.ClickAsync("#chart-loss-epochs button.scale-toggle");
            linearScale = await page.GetAttributeAsync("#chart-loss-epochs svg.chart", "data-y-scale");
            linearPoints = await page.EvaluateAsync<int>("() => +document.querySelector('#chart-loss-epochs path.series[data-name=val_loss]').dataset.points");
            markerAfterToggle = await page.GetAttributeAsync("#chart-loss-epochs g.marker", "data-at");
        });
        Assert.Equal("log", Chart(run.Payload, "chart-loss-epochs").GetProperty("y").GetProperty("scale").GetProperty("kind").GetString());
        Assert.Equal("linear", linearScale);
        Assert.Equal(40, linearPoints);
        Assert.Equal(40, panels["chart-loss-epochs"].Paths.Single(p => p.Name == "val_loss").Points);

        var finding = run.Report.GetProperty("findings").EnumerateArray().Single(f => f.GetProperty("code").GetString() == "OVERFITTING");
        int onset = finding.GetProperty("evidence").GetProperty("best_epoch").GetInt32();
        Assert.InRange(onset, 2, 30);
        var marker = links.Single(l => l.Code == "OVERFITTING");
        Assert.Equal(("chart-loss-epochs", (double)onset, true), (marker.Panel, marker.At, marker.Range));
        Assert.Equal(onset.ToString(), markerAfterToggle);
    }

    [Fact]
    public async Task KerasLogOnly_Story3_DrawsTheEpochCurvesWithTheOnset()
    {
        // a record from a training log has epochs only: no steps, layers or snapshots; the report must still hold
        var (record, diagnosis) = Convergent.Diagnostics.Logs.KerasLog.Diagnose(Repo.P("tests/Convergent.Cli.Tests/Fixtures/cifar10-plateau.csv"));
        string html = Path.Combine(Repo.Artifacts, "cifar10-log.html");
        Convergent.Reports.Html.HtmlReportWriter.Write(record, diagnosis, html);
        string json = Path.Combine(Repo.Artifacts, "cifar10-log.json");
        Convergent.Reports.ReportWriter.WriteFile(record, diagnosis, json);
        var (panels, links) = await CheckAsync(new DoctorRun("cifar10-log", html, json, ""));

        Assert.Equal(50, panels["chart-loss-epochs"].Paths[0].Points);
        Assert.DoesNotContain(panels.Keys, id => id.StartsWith("chart-heat-", StringComparison.Ordinal));
        var onset = links.Single(l => l.Code == "OVERFITTING");
        Assert.InRange(onset.At!.Value, 26, 36);
        Assert.True(onset.Range);
    }

    [Fact]
    public async Task HostileNames_ShowAsTextAndInjectNothing()
    {
        // a layer and a model path written to break out of the page: they must show literally and create no element
        const string hostile = "</script><b id=\"pwn\">x</b><img src=x onerror=\"alert(1)\">'";
        var record = new Convergent.Diagnostics.RunRecord { Source = "runs/" + hostile + ".py" };
        record.Model = new Convergent.Diagnostics.ModelFacts("sequential",
            [new Convergent.Diagnostics.LayerFacts(hostile, "Dense", [2], [2], 6, 6, Convergent.Nn.ActivationKind.Relu, new Dictionary<string, object?>())], 6, [2]);
        var layer = record.AddLayer(hostile);
        for (int step = 0; step < 20; step++)
        {
            record.Steps.Add(step, step / 10 + 1, 1.0 / (step + 1), 0.01);
            layer.GradientNorm.Add(step, Math.Pow(10, -step / 4.0));
        }
        var diagnosis = Convergent.Diagnostics.Diagnosis.Of(
        [
            new Convergent.Diagnostics.Finding("VANISHING_GRADIENT", Convergent.Diagnostics.Severity.Warning, "Gradients of " + hostile + " vanished")
            { Layer = hostile, Epoch = 2, Step = 12, Explanation = hostile },
        ]);
        string html = Path.Combine(Repo.Artifacts, "hostile-names.html"), json = Path.Combine(Repo.Artifacts, "hostile-names.json");
        Convergent.Reports.Html.HtmlReportWriter.Write(record, diagnosis, html);
        Convergent.Reports.ReportWriter.WriteFile(record, diagnosis, json);

        await using var browser = await ReportBrowser.LaunchAsync();
        await using var report = await browser.OpenAsync(html);
        var page = report.Page;
        Assert.Equal(0, await page.Locator("#pwn").CountAsync());
        Assert.Equal(0, await page.Locator("img").CountAsync());
        Assert.Equal(2, await page.Locator("script").CountAsync());
        Assert.Contains(hostile, await page.InnerTextAsync("#finding-1 .title"));
        Assert.Contains(hostile, await page.InnerTextAsync("header .source"));
        // the model table's first cell: the name, then the finding's badge "#1"
        string cell = await page.InnerTextAsync("#panel-model tbody tr td >> nth=0");
        Assert.StartsWith(hostile, cell);
        var links = await ReportChecks.FindingLinksAsync(page);
        var run = new DoctorRun("hostile-names", html, json, "");
        ReportChecks.FindingsLinkToTheirCharts(run.Payload, run.Report, links);
        Assert.Equal((12.0, hostile), (links[0].At, links[0].Row));
        await ReportChecks.ScreenshotAsync(page, "hostile-names", output);
        ReportChecks.Offline(report);
    }
}

[CollectionDefinition("browser", DisableParallelization = true)]
public sealed class BrowserCollection;
