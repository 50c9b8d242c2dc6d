using Convergent.Store;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Convergent.Dashboard.Tests;

/// <summary>
/// The dashboard as a person sees it: Debian's Chromium (/usr/bin/chromium, installed by .ci/setup/chromium.sh; no
/// browser download) driven by Playwright opens the run list and a run page over runs recorded by the real CLI,
/// checks that every chart has drawn its data and that findings link to their charts, and watches a run that is
/// training update live. Screenshots of each page are saved under the test output's <c>artifacts/</c> folder.
/// </summary>
public sealed class BrowserTests(ITestOutputHelper output)
{
    private const string Chromium = "/usr/bin/chromium";
    private static readonly string Artifacts = Path.Combine(AppContext.BaseDirectory, "artifacts");

    private static async Task<(IPlaywright, IBrowser)> Launch()
    {
        Assert.True(File.Exists(Chromium), $"{Chromium} is missing: run .ci/setup/chromium.sh (as root) to install Debian's chromium");
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync"],
        });
        return (playwright, browser);
    }

    private async Task Screenshot(IPage page, string name)
    {
        Directory.CreateDirectory(Artifacts);
        string path = Path.Combine(Artifacts, name);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        output.WriteLine($"screenshot: {path}");
    }

    [Fact]
    public async Task Dashboard_ListsRuns_DrawsEveryChart_LinksFindings_AndFollowsALiveRun()
    {
        string db = DashboardFixture.TempStore();
        try
        {
            await ListsRunsDrawsChartsLinksFindingsAndFollowsALiveRun(db);
        }
        finally
        {
            DashboardFixture.Delete(db);
        }
    }

    private async Task ListsRunsDrawsChartsLinksFindingsAndFollowsALiveRun(string db)
    {
        // a finished doctor run (user story 5: it has findings), recorded by the CLI
        DashboardFixture.RunCli("doctor", DashboardFixture.Story5, "--data", "builtin:two-curves", "--epochs", "6", "--quiet", "--threads", "1", "--store", db);
        using var store = RunStores.Open(db);
        long done = Assert.Single(store.ListRuns()).Id;
        Assert.NotEmpty(store.ReadFindings(done));

        await using var server = await DashboardFixture.Serve(store);
        var (playwright, browser) = await Launch();
        try
        {
            var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1400, Height = 900 } });
            var consoleErrors = new List<string>();
            page.Console += (_, m) => { if (m.Type == "error") consoleErrors.Add($"{m.Text} ({m.Location})"); };
            page.PageError += (_, e) => consoleErrors.Add(e);

            // ---- the run list
            await page.GotoAsync(server.Address.ToString());
            await page.WaitForSelectorAsync($"tr[data-run='{done}']");
            var row = page.Locator($"tr[data-run='{done}']");
            Assert.Contains("completed", await row.InnerTextAsync());
            Assert.Contains("builtin:two-curves", await row.InnerTextAsync());
            Assert.Contains(store.GetRun(done)!.TopFinding!.Split(':')[0], await row.InnerTextAsync());
            await Screenshot(page, "runs.png");

            // ---- the finished run's page: every chart has drawn its data
            await row.Locator("a").ClickAsync();
            await page.WaitForSelectorAsync("svg.chart[data-chart='layer-gradient_norm']");
            var charts = await page.Locator("svg.chart").AllAsync();
            Assert.True(charts.Count >= 6, $"{charts.Count} charts");
            var ids = new List<string>();
            foreach (var chart in charts)
            {
                string id = (await chart.GetAttributeAsync("data-chart"))!;
                ids.Add(id);
                int points = int.Parse((await chart.GetAttributeAsync("data-points"))!);
                Assert.True(points >= 2, $"chart {id} plotted {points} points");
                var paths = await chart.Locator("path.line").AllAsync();
                Assert.NotEmpty(paths);
                bool drawn = false;
                foreach (var path in paths)
                {
                    string d = await path.GetAttributeAsync("d") ?? "";
                    if (d.StartsWith('M') && d.Contains('L')) drawn = true;
                }
                Assert.True(drawn, $"chart {id} has no path with two or more points");
            }
            Assert.Contains("loss", ids);
            Assert.Contains("batch-loss", ids);
            Assert.Contains("layer-update_ratio", ids);
            // the loss chart has one point per epoch
            Assert.Equal("6", await page.Locator("svg[data-chart='loss'] path.line[data-name='loss']").GetAttributeAsync("data-points"));

            // every finding links to a chart on the page; following the link highlights the chart
            var findings = await page.Locator("ol#findings > li").AllAsync();
            Assert.Equal(store.ReadFindings(done).Count, findings.Count);
            foreach (var f in findings)
            {
                var link = f.Locator("a.chart-link");
                string target = (await link.GetAttributeAsync("data-chart"))!;
                Assert.Equal($"#chart-{target}", await link.GetAttributeAsync("href"));
                Assert.Equal(1, await page.Locator($"#chart-{target} svg.chart").CountAsync());
            }
            var first = page.Locator("ol#findings > li a.chart-link").First;
            string firstTarget = (await first.GetAttributeAsync("data-chart"))!;
            await first.ClickAsync();
            Assert.Contains("flash", await page.Locator($"#chart-{firstTarget}").GetAttributeAsync("class") ?? "");
            Assert.EndsWith($"#chart-{firstTarget}", page.Url);
            await Screenshot(page, "run.png");

            // ---- a run training now: the page follows it over server-sent events
            using var training = DashboardFixture.StartCli("doctor", DashboardFixture.Story5, "--data", "builtin:two-curves", "--epochs", "100000",
                "--max-seconds", "30", "--quiet", "--threads", "1", "--deterministic", "--store", db);
            long live = 0;
            Assert.True(await DashboardFixture.Eventually(() =>
            {
                var r = store.ListRuns().FirstOrDefault(x => x.Id != done);
                live = r?.Id ?? 0;
                return Task.FromResult(r is { Status: RunStatus.Running, Epochs: >= 1 });
            }, TimeSpan.FromSeconds(90)), "the training run did not show up in the store");
            await page.GotoAsync(new Uri(server.Address, $"runs/{live}").ToString());
            var lossLine = page.Locator("svg[data-chart='loss'] path.line[data-name='loss']");
            await lossLine.WaitForAsync();
            Assert.True(await page.Locator("#live").IsVisibleAsync());
            // data-total: the epochs the loss line holds (a line of more than 1500 points is drawn thinned)
            int before = int.Parse((await lossLine.GetAttributeAsync("data-total"))!);
            bool grew = await DashboardFixture.Eventually(async () =>
                int.Parse(await lossLine.GetAttributeAsync("data-total") ?? "0") >= before + 3, TimeSpan.FromSeconds(60));
            int after = int.Parse((await lossLine.GetAttributeAsync("data-total"))!);
            Assert.True(grew, $"the live page plotted {before} epochs and then {after}");
            output.WriteLine($"live run {live}: {before} → {after} epochs plotted without reloading");
            await Screenshot(page, "run-live.png");

            // when the run ends (its time budget), the page says so without a reload
            Assert.True(training.WaitForExit(TimeSpan.FromSeconds(120)), "the training run did not stop at its time budget");
            Assert.Equal(0, training.ExitCode);
            Assert.True(await DashboardFixture.Eventually(async () => (await page.Locator("#summary .status").InnerTextAsync()) == "time_budget",
                TimeSpan.FromSeconds(30)), "the page did not show the end of the run");
            Assert.True(await DashboardFixture.Eventually(async () => !await page.Locator("#live").IsVisibleAsync(), TimeSpan.FromSeconds(30)),
                "the page still says live after the run ended");
            Assert.Equal(store.ReadFindings(live).Select(f => f.Code), await page.Locator("ol#findings > li").EvaluateAllAsync<string[]>("els => els.map(e => e.dataset.code)"));
            int final = int.Parse((await lossLine.GetAttributeAsync("data-total"))!);
            Assert.Equal(store.GetRun(live)!.Epochs, final);
            Assert.InRange(int.Parse((await lossLine.GetAttributeAsync("data-points"))!), Math.Min(final, 2), Math.Min(final, 1500));
            await Screenshot(page, "run-ended.png");
            Assert.Empty(consoleErrors);
        }
        finally
        {
            await browser.CloseAsync();
            playwright.Dispose();
        }
    }
}
