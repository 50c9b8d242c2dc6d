using Microsoft.Playwright;

namespace Convergent.Browser.Tests;

/// <summary>
/// Debian's headless Chromium driven by Playwright — never a downloaded browser. Every request the page makes is routed
/// through <see cref="OpenAsync"/>: file:// URLs go through, anything else is aborted and recorded, so a report that
/// tries to reach the network fails its test. Console errors and uncaught page errors are recorded the same way.
/// </summary>
internal sealed class ReportBrowser : IAsyncDisposable
{
    /// <summary>The browser binary the tests use (.ci/setup/chromium.sh installs it).</summary>
    public const string ChromiumPath = "/usr/bin/chromium";

    private static readonly string[] Args =
        ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync"];

    private readonly IPlaywright _playwright;
    private readonly IBrowser _browser;

    private ReportBrowser(IPlaywright playwright, IBrowser browser) { _playwright = playwright; _browser = browser; }

    /// <summary>Starts Chromium (<paramref name="executable"/>, by default <see cref="ChromiumPath"/>); fails the test
    /// with what to do when it is not installed.</summary>
    public static async Task<ReportBrowser> LaunchAsync(string executable = ChromiumPath)
    {
        if (!File.Exists(executable))
            Assert.Fail($"{executable} not found: the browser tests need Debian's chromium. Run .ci/setup/chromium.sh (it runs apt-get install -y chromium).");
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = executable, Headless = true, Args = Args });
        return new ReportBrowser(playwright, browser);
    }

    /// <summary>Opens <paramref name="htmlPath"/> via file:// in a laptop-sized window and waits until the renderer is done.</summary>
    public async Task<OpenedReport> OpenAsync(string htmlPath)
    {
        var context = await _browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1366, Height = 900 } });
        var report = new OpenedReport(context);
        await context.RouteAsync("**/*", async route =>
        {
            string url = route.Request.Url;
            if (url.StartsWith("file://", StringComparison.Ordinal)) await route.ContinueAsync();
            else
            {
                lock (report.BlockedRequests) report.BlockedRequests.Add(url);
                await route.AbortAsync();
            }
        });
        var page = await context.NewPageAsync();
        report.Page = page;
        page.Request += (_, r) => { lock (report.Requests) report.Requests.Add(r.Url); };
        page.Console += (_, m) => { if (m.Type is "error" or "warning") lock (report.ConsoleErrors) report.ConsoleErrors.Add($"{m.Type}: {m.Text}"); };
        page.PageError += (_, e) => { lock (report.ConsoleErrors) report.ConsoleErrors.Add("page error: " + e); };
        await page.GotoAsync(new Uri(htmlPath).AbsoluteUri);
        await page.WaitForSelectorAsync("body[data-rendered=true]", new PageWaitForSelectorOptions { State = WaitForSelectorState.Attached });
        return report;
    }

    public async ValueTask DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
    }
}

/// <summary>A report open in the browser, with what it asked for and what it complained about.</summary>
internal sealed class OpenedReport(IBrowserContext context) : IAsyncDisposable
{
    public IPage Page { get; set; } = null!;

    /// <summary>Every URL the page requested.</summary>
    public List<string> Requests { get; } = [];

    /// <summary>Requests to anything but file:// (aborted).</summary>
    public List<string> BlockedRequests { get; } = [];

    /// <summary>Console errors and warnings, and uncaught page errors.</summary>
    public List<string> ConsoleErrors { get; } = [];

    public ValueTask DisposeAsync() => new(context.CloseAsync());
}
