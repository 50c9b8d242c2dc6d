using System.Text;

namespace Convergent.Keras.Export;

/// <summary>
/// A unified diff of two texts by lines, as <c>diff -u</c> writes it: <c>---</c>/<c>+++</c> headers, hunks
/// with three lines of context and <c>@@ -a,b +c,d @@</c> ranges, and <c>\ No newline at end of file</c>
/// markers. Edits are found with Myers' O(ND) algorithm ("An O(ND) Difference Algorithm and Its
/// Variations", 1986), so the diff is minimal.
/// </summary>
public static class UnifiedDiff
{
    private const int Context = 3;

    /// <summary>Myers keeps one array per edit distance; past this many edits the diff replaces the whole text
    /// rather than spend quadratic memory (scripts with a fix differ by a handful of lines).</summary>
    private const int MaxEdits = 4000;

    /// <summary>Creates the diff from <paramref name="original"/> to <paramref name="modified"/>; empty when equal.</summary>
    /// <param name="originalName">Name on the <c>---</c> line (e.g. <c>a/model.py</c>).</param>
    /// <param name="original">The original text.</param>
    /// <param name="modifiedName">Name on the <c>+++</c> line.</param>
    /// <param name="modified">The modified text.</param>
    public static string Create(string originalName, string original, string modifiedName, string modified)
    {
        var a = Lines(original);
        var b = Lines(modified);
        var edits = Diff(a, b);
        if (edits.All(e => e.Kind == EditKind.Keep))
        {
            return "";
        }

        var sb = new StringBuilder();
        sb.Append("--- ").Append(originalName).Append('\n');
        sb.Append("+++ ").Append(modifiedName).Append('\n');
        foreach (var (start, end) in Hunks(edits))
        {
            WriteHunk(sb, edits, start, end, a, b);
        }

        return sb.ToString();
    }

    private enum EditKind
    {
        Keep,
        Delete,
        Insert,
    }

    /// <summary>One edit: keep (both indexes), delete (original index), insert (modified index).</summary>
    private readonly record struct Edit(EditKind Kind, int OldIndex, int NewIndex);

    /// <summary>A line and whether a newline ended it (only the last line of a text can lack one).</summary>
    private readonly record struct Line(string Text, bool HasNewline);

    private static List<Line> Lines(string text)
    {
        var lines = new List<Line>();
        int start = 0;
        while (start < text.Length)
        {
            int nl = text.IndexOf('\n', start);
            if (nl < 0)
            {
                lines.Add(new Line(text[start..], false));
                break;
            }

            lines.Add(new Line(text[start..nl], true));
            start = nl + 1;
        }

        return lines;
    }

    private static List<Edit> Diff(List<Line> a, List<Line> b)
    {
        int n = a.Count;
        int m = b.Count;
        int max = n + m;
        var trace = new List<int[]>();
        var v = new int[(2 * max) + 5];
        int offset = max + 2;
        int found = -1;
        for (int d = 0; d <= max && d <= MaxEdits; d++)
        {
            for (int k = -d; k <= d; k += 2)
            {
                int x = k == -d || (k != d && v[offset + k - 1] < v[offset + k + 1])
                    ? v[offset + k + 1]
                    : v[offset + k - 1] + 1;
                int y = x - k;
                while (x < n && y < m && a[x] == b[y])
                {
                    x++;
                    y++;
                }

                v[offset + k] = x;
                if (x >= n && y >= m)
                {
                    found = d;
                    break;
                }
            }

            // Keep the diagonal band this round touched (|k| <= d): enough to walk back.
            trace.Add(v[(offset - d - 1)..(offset + d + 2)]);
            if (found >= 0)
            {
                break;
            }
        }

        if (found < 0)
        {
            var replace = new List<Edit>();
            replace.AddRange(Enumerable.Range(0, n).Select(i => new Edit(EditKind.Delete, i, 0)));
            replace.AddRange(Enumerable.Range(0, m).Select(j => new Edit(EditKind.Insert, n, j)));
            return replace;
        }

        var edits = new List<Edit>();
        int cx = n;
        int cy = m;
        for (int d = found; d > 0; d--)
        {
            var prev = trace[d - 1];
            int prevOffset = d;
            int k = cx - cy;
            int Get(int kk) => prev[prevOffset + kk];
            int prevK = k == -d || (k != d && Get(k - 1) < Get(k + 1)) ? k + 1 : k - 1;
            int prevX = Get(prevK);
            int prevY = prevX - prevK;
            while (cx > prevX && cy > prevY)
            {
                edits.Add(new Edit(EditKind.Keep, --cx, --cy));
            }

            if (cx == prevX)
            {
                edits.Add(new Edit(EditKind.Insert, cx, --cy));
            }
            else
            {
                edits.Add(new Edit(EditKind.Delete, --cx, cy));
            }
        }

        while (cx > 0 && cy > 0)
        {
            edits.Add(new Edit(EditKind.Keep, --cx, --cy));
        }

        edits.Reverse();
        return edits;
    }

    /// <summary>Ranges of the edit list to print as hunks: changes plus context, merged when contexts touch.</summary>
    private static List<(int Start, int End)> Hunks(List<Edit> edits)
    {
        var hunks = new List<(int Start, int End)>();
        int i = 0;
        while (i < edits.Count)
        {
            if (edits[i].Kind == EditKind.Keep)
            {
                i++;
                continue;
            }

            int start = Math.Max(0, i - Context);
            int end = i;
            while (true)
            {
                while (end < edits.Count && edits[end].Kind != EditKind.Keep)
                {
                    end++;
                }

                int keeps = 0;
                while (end + keeps < edits.Count && edits[end + keeps].Kind == EditKind.Keep)
                {
                    keeps++;
                }

                if (end + keeps < edits.Count && keeps <= 2 * Context)
                {
                    end += keeps;
                    continue;
                }

                end += Math.Min(keeps, Context);
                break;
            }

            if (hunks.Count > 0 && start <= hunks[^1].End)
            {
                hunks[^1] = (hunks[^1].Start, end);
            }
            else
            {
                hunks.Add((start, end));
            }

            i = end;
        }

        return hunks;
    }

    private static void WriteHunk(StringBuilder sb, List<Edit> edits, int start, int end, List<Line> a, List<Line> b)
    {
        int oldCount = 0;
        int newCount = 0;
        int oldFirst = -1;
        int newFirst = -1;
        for (int i = start; i < end; i++)
        {
            var e = edits[i];
            if (e.Kind != EditKind.Insert)
            {
                oldCount++;
                if (oldFirst < 0)
                {
                    oldFirst = e.OldIndex;
                }
            }

            if (e.Kind != EditKind.Delete)
            {
                newCount++;
                if (newFirst < 0)
                {
                    newFirst = e.NewIndex;
                }
            }
        }

        // GNU diff: an empty range names the line before it ("-0,0" for an insertion at the top).
        var first = edits[start];
        int oldStart = oldCount == 0 ? first.OldIndex : oldFirst + 1;
        int newStart = newCount == 0 ? first.NewIndex : newFirst + 1;
        sb.Append("@@ -").Append(Range(oldStart, oldCount)).Append(" +").Append(Range(newStart, newCount)).Append(" @@\n");
        for (int i = start; i < end; i++)
        {
            var e = edits[i];
            var line = e.Kind == EditKind.Insert ? b[e.NewIndex] : a[e.OldIndex];
            sb.Append(e.Kind switch
            {
                EditKind.Keep => ' ',
                EditKind.Delete => '-',
                _ => '+',
            }).Append(line.Text).Append('\n');
            if (!line.HasNewline)
            {
                sb.Append("\\ No newline at end of file\n");
            }
        }
    }

    private static string Range(int start, int count) => count == 1 ? $"{start}" : $"{start},{count}";
}
