using System.Globalization;

namespace Convergent.Dashboard;

/// <summary>
/// Where a live reader of a run stands: the last epoch-metric, series-chunk and finding row ids it has, written as
/// the server-sent event id <c>E,S,F</c> (a reconnecting EventSource sends it back as <c>Last-Event-ID</c>).
/// </summary>
public readonly record struct EventCursor(long Epochs, long Series, long Findings)
{
    /// <summary>Parses <c>E,S,F</c> (three non-negative integers); null or empty is the start of the run.</summary>
    public static bool TryParse(string? text, out EventCursor cursor)
    {
        cursor = default;
        if (string.IsNullOrEmpty(text)) return true;
        var parts = text.Split(',');
        if (parts.Length != 3) return false;
        var ids = new long[3];
        for (int i = 0; i < 3; i++)
            if (!long.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out ids[i])) return false;
        cursor = new EventCursor(ids[0], ids[1], ids[2]);
        return true;
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Epochs},{Series},{Findings}");
}
