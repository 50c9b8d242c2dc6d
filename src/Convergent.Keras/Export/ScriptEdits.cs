using System.Text;

namespace Convergent.Keras.Export;

/// <summary>
/// Text edits on a script: replacements of [Start, End) character ranges and insertions (Start == End). Edits may not
/// overlap; the same edit twice (a layer call made in a loop, edited once per layer it makes) counts once. Different
/// insertions at the same place keep the order they were added in.
/// </summary>
internal sealed class ScriptEdits
{
    private readonly List<(int Start, int End, string Text, int Order)> _edits = [];

    public int Count => _edits.Count;

    /// <summary>Adds an edit; returns a reason when it conflicts with one already there.</summary>
    public string? Add(int start, int end, string text)
    {
        if (start < 0 || end < start)
        {
            throw new ArgumentOutOfRangeException(nameof(start), $"bad edit range [{start}, {end})");
        }

        foreach (var e in _edits)
        {
            // a call made in a loop is edited once per layer it makes: the same edit again is the same change (the
            // patcher writes each block of new text with one edit, so a repeat is never a second block)
            if (e.Start == start && e.End == end && e.Text == text)
            {
                return null;
            }

            bool overlaps = (start < end, e.Start < e.End) switch
            {
                (true, true) => start < e.End && e.Start < end,
                (true, false) => start < e.Start && e.Start < end,
                (false, true) => e.Start < start && start < e.End,
                _ => false,
            };
            if (overlaps)
            {
                return "two changes fall on the same source text (a layer or value used in several places)";
            }
        }

        _edits.Add((start, end, text, _edits.Count));
        return null;
    }

    /// <summary>The text with every edit applied.</summary>
    public string Apply(string source)
    {
        var sb = new StringBuilder(source.Length + 256);
        int at = 0;
        foreach (var e in _edits.OrderBy(e => e.Start).ThenBy(e => e.End).ThenBy(e => e.Order))
        {
            sb.Append(source, at, e.Start - at);
            sb.Append(e.Text);
            at = e.End;
        }

        sb.Append(source, at, source.Length - at);
        return sb.ToString();
    }
}
