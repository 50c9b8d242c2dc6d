using System.Net;
using System.Text.Json;
using Convergent.Store;

namespace Convergent.Dashboard.Tests;

/// <summary>The server at the HTTP level: started in-process on a free loopback port over a real store.</summary>
public sealed class ServerTests : IAsyncLifetime
{
    private readonly string _db = DashboardFixture.TempStore();
    private RunStore _store = null!;
    private DashboardServer _server = null!;
    private HttpClient _http = null!;
    private long _run;

    public async Task InitializeAsync()
    {
        _store = RunStores.Open(_db);
        _run = _store.CreateRun(new RunStart("doctor", "/models/mlp.py", "builtin:iris") { Seed = 7, ConfigJson = """{"training":{"optimizer":"adam"}}""" });
        _store.Describe(_run, """{"name":"sequential","params":99,"layers":[]}""", """{"training":{"optimizer":"adam"}}""");
        _store.AppendEpoch(_run, 1, [new("loss", 1.25), new("accuracy", 0.5), new("val_loss", double.NaN)]);
        _store.AppendSeries(_run, [new SeriesChunk("dense", "gradient_norm", [0, 1, 2], [0.5, 0.25, 1e-9])], 3);
        _store.FinishRun(_run, new RunEnd(RunStatus.Completed)
        {
            Verdict = "hurt",
            Findings = [new StoredFinding("DEAD_RELU", "warning", "40 % dead") { Layer = "dense", Epoch = 1, Step = 2, EvidenceJson = """{"dead_fraction":0.4}""" }],
        });
        _server = await DashboardFixture.Serve(_store);
        _http = new HttpClient { BaseAddress = _server.Address, Timeout = TimeSpan.FromSeconds(60) };
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _server.DisposeAsync();
        _store.Dispose();
        DashboardFixture.Delete(_db);
    }

    private async Task<JsonElement> Get(string path)
    {
        var r = await _http.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        Assert.StartsWith("application/json", r.Content.Headers.ContentType!.ToString());
        return JsonDocument.Parse(await r.Content.ReadAsStringAsync()).RootElement;
    }

    [Fact]
    public void Server_ListensOnLoopbackByDefault()
    {
        Assert.True(_server.Loopback);
        Assert.Equal("127.0.0.1", _server.Address.Host);
        Assert.NotEqual(0, _server.Address.Port);
    }

    [Fact]
    public async Task ApiRuns_ListsTheRunWithItsSummary()
    {
        var runs = (await Get("/api/runs")).GetProperty("runs");
        var r = Assert.Single(runs.EnumerateArray());
        Assert.Equal(_run, r.GetProperty("id").GetInt64());
        Assert.Equal("completed", r.GetProperty("status").GetString());
        Assert.Equal("/models/mlp.py", r.GetProperty("model").GetString());
        Assert.Equal(1.25, r.GetProperty("loss").GetDouble());
        Assert.Equal("hurt", r.GetProperty("verdict").GetString());
        Assert.Equal("DEAD_RELU: 40 % dead", r.GetProperty("top_finding").GetString());
        Assert.InRange(r.GetProperty("seconds_since_update").GetDouble(), 0, 600);
    }

    [Fact]
    public async Task ApiRun_HasEpochsFindingsModelAndConfig()
    {
        var d = await Get($"/api/runs/{_run}");
        var epoch = Assert.Single(d.GetProperty("epochs").EnumerateArray());
        Assert.Equal(1, epoch.GetProperty("epoch").GetInt32());
        Assert.Equal(0.5, epoch.GetProperty("values").GetProperty("accuracy").GetDouble());
        Assert.Equal("NaN", epoch.GetProperty("values").GetProperty("val_loss").GetString());   // as the report writes NaN
        var f = Assert.Single(d.GetProperty("findings").EnumerateArray());
        Assert.Equal("DEAD_RELU", f.GetProperty("code").GetString());
        Assert.Equal(2, f.GetProperty("step").GetInt64());
        Assert.Equal(0.4, f.GetProperty("evidence").GetProperty("dead_fraction").GetDouble());
        Assert.Equal(99, d.GetProperty("model").GetProperty("params").GetInt32());
        Assert.Equal("adam", d.GetProperty("config").GetProperty("training").GetProperty("optimizer").GetString());
        Assert.True(d.GetProperty("epoch_cursor").GetInt64() > 0);
    }

    [Fact]
    public async Task ApiSeries_ReturnsThePoints()
    {
        var d = await Get($"/api/runs/{_run}/series");
        var s = Assert.Single(d.GetProperty("series").EnumerateArray());
        Assert.Equal("dense", s.GetProperty("layer").GetString());
        Assert.Equal("gradient_norm", s.GetProperty("series").GetString());
        Assert.Equal([0L, 1, 2], s.GetProperty("steps").EnumerateArray().Select(x => x.GetInt64()));
        Assert.Equal([0.5, 0.25, 1e-9], s.GetProperty("values").EnumerateArray().Select(x => x.GetDouble()));
        Assert.Equal(HttpStatusCode.BadRequest, (await _http.GetAsync($"/api/runs/{_run}/series?max_points=1")).StatusCode);
    }

    [Theory]
    [InlineData("/api/runs/0")]
    [InlineData("/api/runs/-1")]
    [InlineData("/api/runs/abc")]
    [InlineData("/api/runs/99999")]
    [InlineData("/api/runs/1;DROP%20TABLE%20runs")]
    [InlineData("/api/runs/99999/series")]
    [InlineData("/api/runs/99999/events")]
    [InlineData("/runs/abc")]
    [InlineData("/runs/99999")]
    [InlineData("/assets/..%2f..%2fetc/passwd")]
    [InlineData("/assets/..%2f..%2fetc%2fpasswd")]
    [InlineData("/assets/%2e%2e%2fConvergent.Dashboard.dll")]
    [InlineData("/assets/..%5c..%5cConvergent.Dashboard.dll")]
    [InlineData("/assets/DASHBOARD.JS")]
    [InlineData("/assets/Convergent.Dashboard.dll")]
    [InlineData("/etc/passwd")]
    [InlineData("/api/nothing")]
    public async Task BadIdsUnknownPathsAndTraversal_Are404(string path)
    {
        var r = await _http.GetAsync(path);
        Assert.Equal(HttpStatusCode.NotFound, r.StatusCode);
        string body = await r.Content.ReadAsStringAsync();
        Assert.DoesNotContain("root:", body);
        Assert.NotNull(_store.GetRun(_run));   // and nothing was dropped
    }

    [Fact]
    public async Task Pages_AndTheFixedAssets_AreServedWithTheirTypesAndAStrictPolicy()
    {
        foreach (var (path, type) in new[] { ("/", "text/html"), ($"/runs/{_run}", "text/html"), ("/assets/dashboard.js", "text/javascript"),
                     ("/assets/charts.js", "text/javascript"), ("/assets/dashboard.css", "text/css") })
        {
            var r = await _http.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, r.StatusCode);
            Assert.StartsWith(type, r.Content.Headers.ContentType!.ToString());
            Assert.Contains("script-src 'self'", r.Headers.GetValues("Content-Security-Policy").Single());
            Assert.Equal("nosniff", r.Headers.GetValues("X-Content-Type-Options").Single());
        }
        Assert.Contains("Charts", await _http.GetStringAsync("/assets/charts.js"));
        Assert.Equal(6, DashboardAssets.Names.Count());
    }

    [Fact]
    public async Task Events_DeliverRowsWrittenAfterConnecting_ThenEndWhenTheRunEnds()
    {
        long live = _store.CreateRun(new RunStart("doctor", "live.py", "builtin:xor"));
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/runs/{live}/events");
        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType!.MediaType);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        var events = new SseReader(reader);
        var first = await events.Next("status");
        Assert.Equal("running", first.Data.GetProperty("status").GetString());

        // written after the stream is open: the stream must bring each of them
        _store.AppendEpoch(live, 1, [new("loss", 0.75), new("accuracy", 0.6)]);
        _store.AppendSeries(live, [new SeriesChunk("", "loss", [0, 1], [0.8, 0.7])], 2);
        _store.AppendFinding(live, new StoredFinding("LR_TOO_HIGH", "error", "overshoot") { Step = 1 });
        var epoch = await events.Next("epoch");
        Assert.Equal(1, epoch.Data.GetProperty("epoch").GetInt32());
        Assert.Equal(0.75, epoch.Data.GetProperty("values").GetProperty("loss").GetDouble());
        var series = await events.Next("series");
        Assert.Equal([0.8, 0.7], series.Data.GetProperty("chunks")[0].GetProperty("values").EnumerateArray().Select(v => v.GetDouble()));
        var finding = await events.Next("finding");
        Assert.Equal("LR_TOO_HIGH", finding.Data.GetProperty("code").GetString());
        Assert.Matches(@"^\d+,\d+,\d+$", finding.Id);

        _store.FinishRun(live, new RunEnd(RunStatus.Diverged));
        var end = await events.Next("end");
        Assert.Equal("diverged", end.Data.GetProperty("status").GetString());
        Assert.Null(await reader.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30)));   // the server closed the stream
    }

    [Fact]
    public async Task Events_ResumeAfterTheCursor_WithoutRepeatingRows()
    {
        long live = _store.CreateRun(new RunStart("train", null, "builtin:iris"));
        _store.AppendEpoch(live, 1, [new("loss", 1.0)]);
        long seen = _store.ReadEpochs(live).Single().Id;
        _store.AppendEpoch(live, 2, [new("loss", 0.5)]);
        _store.FinishRun(live, new RunEnd(RunStatus.Completed));
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/runs/{live}/events");
        request.Headers.Add("Last-Event-ID", $"{seen},0,0");
        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        var events = await new SseReader(new StreamReader(await response.Content.ReadAsStreamAsync())).ReadToEnd();
        Assert.Equal([2], events.Where(e => e.Name == "epoch").Select(e => e.Data.GetProperty("epoch").GetInt32()));
        Assert.Equal("end", events[^1].Name);
        Assert.Equal(HttpStatusCode.BadRequest, (await _http.GetAsync($"/api/runs/{live}/events?after=1,2")).StatusCode);
    }

    [Fact]
    public async Task RemoteBinding_IsRefusedWithoutTheFlag()
    {
        foreach (var host in new[] { "0.0.0.0", "::", "*", "192.168.1.20" })
        {
            var e = await Assert.ThrowsAsync<ArgumentException>(() => DashboardServer.StartAsync(new DashboardOptions { Host = host, Port = 0 }, _store));
            Assert.Contains("--allow-remote", e.Message);
        }
        Assert.Contains("IP address", Assert.Throws<ArgumentException>(() => new DashboardOptions { Host = "example.com" }.Binding()).Message);
        Assert.Equal((IPAddress.Any, false), new DashboardOptions { Host = "0.0.0.0", AllowRemote = true }.Binding());
        Assert.Equal((IPAddress.Loopback, true), new DashboardOptions { Host = "localhost" }.Binding());
        Assert.Equal((IPAddress.IPv6Loopback, true), new DashboardOptions { Host = "::1" }.Binding());
    }
}
