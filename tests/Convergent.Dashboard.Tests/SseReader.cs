using System.Text.Json;

namespace Convergent.Dashboard.Tests;

/// <summary>Reads server-sent events (<c>event:</c>, <c>id:</c>, <c>data:</c> lines, a blank line ends one).</summary>
internal sealed class SseReader(StreamReader reader)
{
    public sealed record Event(string Name, string Id, JsonElement Data);

    /// <summary>The next event named <paramref name="name"/> (others are skipped); fails after 30 s.</summary>
    public async Task<Event> Next(string name)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            var e = await Read(timeout.Token) ?? throw new Xunit.Sdk.XunitException($"the stream ended before a '{name}' event");
            if (e.Name == name) return e;
        }
    }

    /// <summary>Every event until the server closes the stream.</summary>
    public async Task<List<Event>> ReadToEnd()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var list = new List<Event>();
        while (await Read(timeout.Token) is { } e) list.Add(e);
        return list;
    }

    private async Task<Event?> Read(CancellationToken cancel)
    {
        string? name = null, id = null, data = null;
        while (true)
        {
            string? line = await reader.ReadLineAsync(cancel);
            if (line is null) return null;
            if (line.Length == 0)
            {
                if (data is not null) return new Event(name ?? "message", id ?? "", JsonDocument.Parse(data).RootElement);
                continue;
            }
            if (line.StartsWith("event: ", StringComparison.Ordinal)) name = line[7..];
            else if (line.StartsWith("id: ", StringComparison.Ordinal)) id = line[4..];
            else if (line.StartsWith("data: ", StringComparison.Ordinal)) data = line[6..];
        }
    }
}
