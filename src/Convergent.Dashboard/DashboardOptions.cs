using System.Net;

namespace Convergent.Dashboard;

/// <summary>Where the dashboard listens and what it reads. Loopback by default: the runs are the user's, and a
/// non-loopback address needs <see cref="AllowRemote"/> said explicitly (CLI <c>--allow-remote</c>).</summary>
public sealed record DashboardOptions
{
    /// <summary>The run store target (<c>--store</c>; empty: the default store).</summary>
    public string? Store { get; init; }

    /// <summary>The address to bind: an IP address, <c>localhost</c>, or <c>0.0.0.0</c> / <c>::</c> / <c>*</c> for all.</summary>
    public string Host { get; init; } = "127.0.0.1";

    /// <summary>The port; 0 picks a free one.</summary>
    public int Port { get; init; } = 8421;

    /// <summary>Permit a non-loopback binding.</summary>
    public bool AllowRemote { get; init; }

    /// <summary>How often a live event stream polls the store for new rows.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>The address to listen on, and whether it is loopback only; throws <see cref="ArgumentException"/> for a
    /// host that is not an IP address, <c>localhost</c> or a wildcard, a port out of range, or a non-loopback address
    /// without <see cref="AllowRemote"/>.</summary>
    public (IPAddress Address, bool Loopback) Binding()
    {
        if (Port is < 0 or > 65535) throw new ArgumentException($"--port must be in 0…65535. Received: {Port}");
        IPAddress address = Host.Trim() switch
        {
            "localhost" => IPAddress.Loopback,
            "*" or "0.0.0.0" => IPAddress.Any,
            "::" or "[::]" => IPAddress.IPv6Any,
            var h when IPAddress.TryParse(h.Trim('[', ']'), out var ip) => ip,
            var h => throw new ArgumentException($"--host must be an IP address, localhost, or 0.0.0.0 / :: for every interface. Received: {h}"),
        };
        bool loopback = IPAddress.IsLoopback(address);
        if (!loopback && !AllowRemote)
            throw new ArgumentException($"--host {Host} would let other machines read your runs; the dashboard binds to loopback (127.0.0.1) "
                + "unless you also pass --allow-remote");
        return (address, loopback);
    }
}
