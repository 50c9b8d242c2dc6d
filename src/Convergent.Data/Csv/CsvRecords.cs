using System.Text;

namespace Convergent.Data;

/// <summary>Splits CSV text into records (RFC 4180: fields may be quoted, a quote inside quotes is doubled, quoted
/// fields may span lines). Blank lines are skipped; each record remembers the line it starts on.</summary>
internal static class CsvRecords
{
    public sealed record Record(int Line, string[] Fields);

    public static List<Record> Split(string text, char delim, string file)
    {
        var records = new List<Record>();
        var fields = new List<string>();
        var sb = new StringBuilder();
        int line = 1, recordLine = 1, i = 0;
        bool anyContent = false;
        while (i <= text.Length)
        {
            if (i == text.Length || text[i] == '\n' || text[i] == '\r')
            {
                fields.Add(sb.ToString());
                sb.Clear();
                if (anyContent || fields.Count > 1) records.Add(new Record(recordLine, [.. fields]));
                fields.Clear();
                anyContent = false;
                if (i < text.Length && text[i] == '\r' && i + 1 < text.Length && text[i + 1] == '\n') i++;
                i++;
                line++;
                recordLine = line;
                continue;
            }
            char c = text[i];
            if (c == '"' && sb.ToString().Trim().Length == 0)
            {
                int quoteLine = line;
                sb.Clear();
                i++;
                while (true)
                {
                    if (i >= text.Length) throw new DataFormatException(file, "unterminated quoted field", line: quoteLine, column: fields.Count + 1);
                    if (text[i] == '"')
                    {
                        if (i + 1 < text.Length && text[i + 1] == '"') { sb.Append('"'); i += 2; continue; }
                        i++;
                        break;
                    }
                    if (text[i] == '\n') line++;
                    sb.Append(text[i++]);
                }
                // Only whitespace may sit between the closing quote and the delimiter.
                while (i < text.Length && text[i] is ' ' or '\t' && text[i] != delim) i++;
                if (i < text.Length && text[i] != delim && text[i] != '\n' && text[i] != '\r')
                    throw new DataFormatException(file, $"unexpected '{text[i]}' after a closing quote", line: line, column: fields.Count + 1);
                anyContent = true;
                continue;
            }
            if (c == delim) { fields.Add(sb.ToString()); sb.Clear(); anyContent = true; i++; continue; }
            if (!char.IsWhiteSpace(c)) anyContent = true;
            sb.Append(c);
            i++;
        }
        return records;
    }

    /// <summary>Number of fields on one line, honouring quotes (used for delimiter detection only).</summary>
    public static int CountFields(string line, char delim)
    {
        int n = 1;
        bool quoted = false;
        foreach (char c in line)
        {
            if (c == '"') quoted = !quoted;
            else if (c == delim && !quoted) n++;
        }
        return n;
    }
}
