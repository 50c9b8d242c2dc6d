using System.Text.Json;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Convergent.Browser.Tests;

/// <summary>What one chart panel has drawn, read from the page's DOM.</summary>
internal sealed record PanelDrawn(string Kind, SeriesDrawn[] Paths, int Cells, int Points, int Canvases, int PaintedCanvases, int Rows, int SvgElements);

/// <summary>A drawn line: its series name and how many points its path goes through.</summary>
internal sealed record SeriesDrawn(string Name, int Points);

/// <summary>A finding card's link to its chart and the element it lands on (a marker at a step or epoch, a layer
/// row, or the finding's entry beside the chart), with the marker's x and the x its data says it should have.</summary>
internal sealed record FindingLink(string Id, string Code, string Href, string Chart, bool Exists, string? Panel, bool Marker,
    double? At, string? Row, double? X, double? Expected, bool Range);

/// <summary>The assertions every report page must pass, against the payload embedded in it and the JSON report of the
/// same diagnosis.</summary>
internal static class ReportChecks
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNameCaseInsensitive = true };

    private const string InspectPanels = """
        () => {
          const out = {};
          for (const p of document.querySelectorAll('.panel')) {
            const svg = p.querySelector('svg.chart');
            const canvases = [...p.querySelectorAll('canvas.filter')];
            const painted = canvases.filter(c => {
              const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data, colours = new Set();
              for (let i = 0; i < d.length; i += 4) { if (d[i + 3] !== 255) return false; colours.add((d[i] << 16) | (d[i + 1] << 8) | d[i + 2]); }
              return colours.size >= 2;
            });
            out[p.id] = {
              kind: p.dataset.kind,
              paths: [...p.querySelectorAll('path.series')].map(e => ({ name: e.dataset.name, points: +e.dataset.points })),
              cells: p.querySelectorAll('rect.cell').length,
              points: p.querySelectorAll('circle.point').length,
              canvases: canvases.length,
              paintedCanvases: painted.length,
              rows: p.querySelectorAll('table tbody tr').length,
              svgElements: svg ? svg.querySelectorAll('*').length : 0,
            };
          }
          return JSON.stringify(out);
        }
        """;

    private const string InspectFindings = """
        () => JSON.stringify([...document.querySelectorAll('article.finding')].map(a => {
          const link = a.querySelector('a.chart-link');
          const href = link.getAttribute('href');
          const target = document.getElementById(href.slice(1));
          const panel = target ? target.closest('.panel') : null;
          const m = target && target.matches('g.marker') ? target : null;
          let x = null, expected = null;
          if (m && m.dataset.at !== undefined) {
            const svg = m.closest('svg'), line = m.querySelector('line.at');
            const [x0, x1, p0, p1] = ['x0', 'x1', 'px0', 'px1'].map(k => +svg.dataset[k]);
            x = +line.getAttribute('x1');
            expected = p0 + (Math.min(x1, Math.max(x0, +m.dataset.at)) - x0) / (x1 - x0) * (p1 - p0);
          }
          return { id: a.id, code: a.dataset.code, href, chart: link.dataset.chart, exists: !!target, panel: panel ? panel.id : null,
            marker: !!m, at: m && m.dataset.at !== undefined ? +m.dataset.at : null, row: m ? (m.dataset.row || null) : null,
            x, expected, range: m ? !!m.querySelector('rect.range') : false };
        }))
        """;

    public static async Task<Dictionary<string, PanelDrawn>> PanelsAsync(IPage page) =>
        JsonSerializer.Deserialize<Dictionary<string, PanelDrawn>>(await page.EvaluateAsync<string>(InspectPanels), Json)!;

    public static async Task<List<FindingLink>> FindingLinksAsync(IPage page) =>
        JsonSerializer.Deserialize<List<FindingLink>>(await page.EvaluateAsync<string>(InspectFindings), Json)!;

    private static IEnumerable<JsonElement> Charts(JsonElement payload) =>
        payload.GetProperty("sections").EnumerateArray().SelectMany(s => s.GetProperty("charts").EnumerateArray());

    /// <summary>Every chart of the payload is on the page and has drawn all its data: a line per series through every
    /// finite point (positive ones on a log axis), a cell per heatmap value, per confusion-matrix entry and per grid cell
    /// of the decision boundary, a dot per data point, a painted canvas per filter and snapshot, a table row per layer.</summary>
    public static void EveryChartDrewItsData(JsonElement payload, IReadOnlyDictionary<string, PanelDrawn> drawn)
    {
        foreach (var chart in Charts(payload))
        {
            string id = chart.GetProperty("id").GetString()!, kind = chart.GetProperty("kind").GetString()!;
            Assert.True(drawn.TryGetValue(id, out var d), $"chart {id} is not on the page");
            Assert.Equal(kind, d!.Kind);
            switch (kind)
            {
                case "line":
                    bool log = chart.GetProperty("y").GetProperty("scale").GetProperty("kind").GetString() == "log";
                    var expected = chart.GetProperty("series").EnumerateArray().Select(s => new SeriesDrawn(s.GetProperty("name").GetString()!,
                        s.GetProperty("y").EnumerateArray().Count(v => v.ValueKind == JsonValueKind.Number && (!log || v.GetDouble() > 0)))).ToArray();
                    Assert.Equal(expected, d.Paths);
                    Assert.All(d.Paths, p => Assert.True(p.Points > 0, $"{id}: the line {p.Name} drew no point"));
                    break;
                case "heatmap":
                    int rows = chart.GetProperty("rows").GetArrayLength(), cols = chart.GetProperty("starts").GetArrayLength();
                    Assert.True(rows > 0 && cols > 0, $"{id}: empty heatmap");
                    Assert.Equal(rows * cols, d.Cells);
                    break;
                case "confusion":
                    int k = chart.GetProperty("classes").GetInt32();
                    Assert.Equal(k * k, d.Cells);
                    break;
                case "boundary":
                    int size = chart.GetProperty("size").GetInt32();
                    Assert.Equal(size * size, d.Cells);
                    Assert.Equal(chart.GetProperty("points").GetProperty("x").GetArrayLength(), d.Points);
                    break;
                case "filters":
                    int tiles = chart.GetProperty("layers").EnumerateArray().Sum(l => l.GetProperty("filters").GetInt32() * l.GetProperty("snapshots").GetArrayLength());
                    Assert.Equal(tiles, d.Canvases);
                    Assert.Equal(tiles, d.PaintedCanvases);
                    break;
                case "model":
                    Assert.Equal(chart.GetProperty("layers").GetArrayLength(), d.Rows);
                    break;
                case "facts":
                    Assert.Equal(chart.GetProperty("facts").GetArrayLength(), d.Rows);
                    break;
                default:
                    Assert.Fail($"{id}: unknown chart kind {kind}");
                    break;
            }
        }
    }

    /// <summary>Each finding of the JSON report has its card, in the same order, whose link lands on an element inside
    /// the chart the payload placed it on; where that element is a marker at a step or epoch, it is at the finding's own
    /// step (charts over steps) or epoch (charts over epochs; overfitting: its onset, <c>best_epoch</c>) and drawn at the x
    /// the chart's axis gives that value.</summary>
    public static void FindingsLinkToTheirCharts(JsonElement payload, JsonElement report, IReadOnlyList<FindingLink> links)
    {
        var findings = report.GetProperty("findings").EnumerateArray().ToList();
        Assert.Equal(findings.Select(f => f.GetProperty("code").GetString()), links.Select(l => l.Code));
        var placed = payload.GetProperty("findings").EnumerateArray().ToList();
        for (int i = 0; i < links.Count; i++)
        {
            var (link, f, p) = (links[i], findings[i], placed[i]);
            string chart = p.GetProperty("chart").GetString()!;
            Assert.Equal($"#marker-finding-{i + 1}", link.Href);
            Assert.True(link.Exists, $"{link.Code}: the link {link.Href} lands nowhere");
            Assert.Equal(chart, link.Chart);
            Assert.Equal(chart, link.Panel);
            if (!link.Marker || link.At is not double at) continue;
            bool epochAxis = chart is "chart-loss-epochs" or "chart-accuracy-epochs" || chart.StartsWith("chart-metric-", StringComparison.Ordinal);
            Assert.Equal(ExpectedAt(f, epochAxis, payload), at);
            Assert.Equal(link.Expected!.Value, link.X!.Value, 3);
            if (f.GetProperty("layer").ValueKind == JsonValueKind.String && chart.StartsWith("chart-heat-", StringComparison.Ordinal))
                Assert.Equal(f.GetProperty("layer").GetString(), link.Row);
        }
    }

    /// <summary>Where a finding's marker belongs: overfitting at its onset (<c>best_epoch</c>); on an epoch axis at its
    /// epoch; on a step axis at its step, else at step 0 for the initialization findings, else at the first step of its
    /// epoch.</summary>
    private static double ExpectedAt(JsonElement f, bool epochAxis, JsonElement payload)
    {
        string code = f.GetProperty("code").GetString()!;
        if (code == "OVERFITTING") return f.GetProperty("evidence").GetProperty("best_epoch").GetDouble();
        var epoch = f.GetProperty("epoch");
        if (epochAxis) return epoch.GetDouble();
        if (f.GetProperty("step").ValueKind == JsonValueKind.Number) return f.GetProperty("step").GetDouble();
        if (code is "INIT_LOSS_ANOMALY" or "POOR_WEIGHT_INIT") return 0;
        return payload.GetProperty("run").GetProperty("epoch_starts").EnumerateArray()
            .First(e => e[0].GetInt32() == epoch.GetInt32())[1].GetDouble();
    }

    /// <summary>Nothing left the page and nothing complained.</summary>
    public static void Offline(OpenedReport report)
    {
        Assert.Empty(report.BlockedRequests);
        Assert.All(report.Requests, url => Assert.StartsWith("file://", url));
        Assert.Empty(report.ConsoleErrors);
    }

    /// <summary>A full-page screenshot in <see cref="Repo.Artifacts"/>; its path goes to the test output.</summary>
    public static async Task<string> ScreenshotAsync(IPage page, string name, ITestOutputHelper output)
    {
        string path = Path.Combine(Repo.Artifacts, name + ".png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        output.WriteLine($"screenshot: {path}");
        Console.WriteLine($"screenshot: {path}");
        return path;
    }
}
