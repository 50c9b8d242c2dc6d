using System.Text.Json;
using System.Text.Json.Serialization;
using Convergent.Store;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Convergent.Dashboard;

/// <summary>
/// <c>convergent serve</c>: a small ASP.NET Core server over a run store. Pages: <c>/</c> (the runs, newest first)
/// and <c>/runs/{id}</c> (curves, per-layer series, findings); a JSON API for scripts (<see cref="DashboardApi"/>);
/// a server-sent event stream per run that follows a run while it trains (<see cref="RunEventStream"/>). The pages'
/// HTML, script and style are embedded (<see cref="DashboardAssets"/>) and only those names are served.
/// </summary>
public sealed class DashboardServer : IAsyncDisposable
{
    /// <summary>The API's JSON: snake_case names as written, NaN and ±Infinity as strings.</summary>
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        PropertyNamingPolicy = null,
    };

    private readonly WebApplication _app;
    private readonly IRunStore _store;
    private readonly bool _ownsStore;

    private DashboardServer(WebApplication app, IRunStore store, bool ownsStore, Uri address, bool loopback)
    {
        _app = app; _store = store; _ownsStore = ownsStore; Address = address; Loopback = loopback;
    }

    /// <summary>The base address, e.g. <c>http://127.0.0.1:8421/</c>.</summary>
    public Uri Address { get; }

    /// <summary>Whether the server listens on loopback only.</summary>
    public bool Loopback { get; }

    /// <summary>The store it reads.</summary>
    public IRunStore Store => _store;

    /// <summary>Validates the binding, opens the store (unless <paramref name="store"/> is given) and starts listening.
    /// Throws <see cref="ArgumentException"/> for a refused binding and <see cref="StoreException"/> for a bad store.</summary>
    public static async Task<DashboardServer> StartAsync(DashboardOptions options, IRunStore? store = null, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var (address, loopback) = options.Binding();
        bool owns = store is null;
        store ??= RunStores.Open(options.Store);
        try
        {
            var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { ApplicationName = typeof(DashboardServer).Assembly.GetName().Name });
            builder.WebHost.UseKestrelCore().ConfigureKestrel(k => k.Listen(address, options.Port));
            builder.Services.AddRoutingCore();
            builder.Logging.ClearProviders();
            builder.Services.AddSingleton(store);
            builder.Services.AddSingleton(options);
            var app = builder.Build();
            app.UseRouting();
            app.Use(SecurityHeaders);
            DashboardApi.Map(app, store, options);
            await app.StartAsync(cancel).ConfigureAwait(false);
            var bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            return new DashboardServer(app, store, owns, new Uri(bound.EndsWith('/') ? bound : bound + "/"), loopback);
        }
        catch
        {
            if (owns) store.Dispose();
            throw;
        }
    }

    // the pages load only their own script and style; nothing is framed or sniffed
    private static Task SecurityHeaders(HttpContext context, RequestDelegate next)
    {
        var h = context.Response.Headers;
        h.ContentSecurityPolicy = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; base-uri 'none'; frame-ancestors 'none'";
        h.XContentTypeOptions = "nosniff";
        h["Referrer-Policy"] = "no-referrer";
        return next(context);
    }

    /// <summary>Waits until the server is stopped (Ctrl+C in the CLI cancels <paramref name="cancel"/>).</summary>
    public async Task RunUntilCancelledAsync(CancellationToken cancel)
    {
        try { await Task.Delay(Timeout.Infinite, cancel).ConfigureAwait(false); }
        catch (OperationCanceledException) { }
    }

    /// <summary>Stops listening, ends the open event streams, and closes the store if the server opened it.</summary>
    public async ValueTask DisposeAsync()
    {
        using (var grace = new CancellationTokenSource(TimeSpan.FromSeconds(5)))
            await _app.StopAsync(grace.Token).ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        if (_ownsStore) _store.Dispose();
    }
}
