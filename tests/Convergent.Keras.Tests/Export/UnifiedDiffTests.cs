using Convergent.Keras.Export;

namespace Convergent.Keras.Tests.Export;

/// <summary>Expected outputs are what GNU <c>diff -u --label a --label b</c> prints for the same inputs.</summary>
public class UnifiedDiffTests
{
    [Fact]
    public void Create_EqualTexts_Empty()
    {
        Assert.Equal("", UnifiedDiff.Create("a", "x\ny\n", "b", "x\ny\n"));
    }

    [Fact]
    public void Create_ChangesSixLinesApart_OneMergedHunk()
    {
        string diff = UnifiedDiff.Create("a/m.py", "a\nb\nc\nd\ne\nf\ng\nh\ni\nj\n", "b/m.py", "a\nb\nc\nD\ne\nf\ng\nh\ni\nj\nk\n");

        Assert.Equal("--- a/m.py\n+++ b/m.py\n@@ -1,10 +1,11 @@\n a\n b\n c\n-d\n+D\n e\n f\n g\n h\n i\n j\n+k\n", diff);
    }

    [Fact]
    public void Create_ChangesFarApart_TwoHunksWithThreeLinesOfContext()
    {
        string original = string.Concat(Enumerable.Range(1, 16).Select(i => $"{i}\n"));
        string modified = original.Replace("\n2\n", "\ntwo\n").Replace("\n15\n", "\nfifteen\n");

        string diff = UnifiedDiff.Create("a", original, "b", modified);

        Assert.Equal("--- a\n+++ b\n@@ -1,5 +1,5 @@\n 1\n-2\n+two\n 3\n 4\n 5\n@@ -12,5 +12,5 @@\n 12\n 13\n 14\n-15\n+fifteen\n 16\n", diff);
    }

    [Fact]
    public void Create_InsertAtTop_SingleLineRangeWithoutCount()
    {
        Assert.Equal("--- a\n+++ b\n@@ -1 +1,2 @@\n+new\n x\n", UnifiedDiff.Create("a", "x\n", "b", "new\nx\n"));
    }

    [Fact]
    public void Create_FromEmpty_RangeStartsAtZero()
    {
        Assert.Equal("--- a\n+++ b\n@@ -0,0 +1 @@\n+only\n", UnifiedDiff.Create("a", "", "b", "only\n"));
    }

    [Fact]
    public void Create_Deletion_Minimal()
    {
        Assert.Equal("--- a\n+++ b\n@@ -1,3 +1,2 @@\n a\n-b\n c\n", UnifiedDiff.Create("a", "a\nb\nc\n", "b", "a\nc\n"));
    }

    [Fact]
    public void Create_MissingFinalNewline_Marked()
    {
        Assert.Equal("--- a\n+++ b\n@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n+b\n", UnifiedDiff.Create("a", "a\nb", "b", "a\nb\n"));
    }

    [Fact]
    public void Create_FixToKerasScript_PasteableHunk()
    {
        string original = "model = Sequential()\nmodel.add(Convolution2D(32, 400, 400, border_mode='valid', input_shape=(1, 400, 400)))\nmodel.add(Activation('relu'))\nmodel.add(Flatten())\n";
        string fixedScript = "model = Sequential()\nmodel.add(Convolution2D(32, 5, 5, border_mode='valid', input_shape=(1, 400, 400)))\nmodel.add(Activation('relu'))\nmodel.add(MaxPooling2D(pool_size=(2, 2)))\nmodel.add(Flatten())\n";

        string diff = UnifiedDiff.Create("a/model.py", original, "b/model.py", fixedScript);

        Assert.Equal(
            "--- a/model.py\n+++ b/model.py\n@@ -1,4 +1,5 @@\n model = Sequential()\n" +
            "-model.add(Convolution2D(32, 400, 400, border_mode='valid', input_shape=(1, 400, 400)))\n" +
            "+model.add(Convolution2D(32, 5, 5, border_mode='valid', input_shape=(1, 400, 400)))\n" +
            " model.add(Activation('relu'))\n+model.add(MaxPooling2D(pool_size=(2, 2)))\n model.add(Flatten())\n",
            diff);
    }

    [Fact]
    public void Create_ApplyingHunks_ReproducesModified()
    {
        var random = new Random(7);
        for (int trial = 0; trial < 200; trial++)
        {
            var a = Enumerable.Range(0, random.Next(0, 30)).Select(_ => "l" + random.Next(6)).ToList();
            var b = a.ToList();
            for (int e = random.Next(1, 6); e > 0; e--)
            {
                int at = random.Next(b.Count + 1);
                if (random.Next(2) == 0 && b.Count > 0 && at < b.Count)
                {
                    b.RemoveAt(at);
                }
                else
                {
                    b.Insert(at, "n" + random.Next(6));
                }
            }

            string original = string.Concat(a.Select(l => l + "\n"));
            string modified = string.Concat(b.Select(l => l + "\n"));
            Assert.Equal(modified, Apply(original, UnifiedDiff.Create("a", original, "b", modified)));
        }
    }

    /// <summary>A minimal patch applier: the hunks' old side must match the original exactly where the header says.</summary>
    private static string Apply(string original, string diff)
    {
        if (diff.Length == 0)
        {
            return original;
        }

        var source = original.Split('\n')[..^1].ToList();
        var result = new List<string>();
        int consumed = 0;
        var lines = diff.Split('\n')[..^1];
        for (int i = 2; i < lines.Length; i++)
        {
            string header = lines[i];
            Assert.StartsWith("@@ -", header);
            string oldRange = header[4..header.IndexOf(' ', 4)];
            int oldStart = int.Parse(oldRange.Split(',')[0]);
            int oldCount = oldRange.Contains(',') ? int.Parse(oldRange.Split(',')[1]) : 1;
            int from = oldCount == 0 ? oldStart : oldStart - 1;
            result.AddRange(source.Skip(consumed).Take(from - consumed));
            consumed = from;
            while (i + 1 < lines.Length && !lines[i + 1].StartsWith("@@", StringComparison.Ordinal))
            {
                string line = lines[++i];
                switch (line[0])
                {
                    case ' ':
                        Assert.Equal(source[consumed++], line[1..]);
                        result.Add(line[1..]);
                        break;
                    case '-':
                        Assert.Equal(source[consumed++], line[1..]);
                        break;
                    case '+':
                        result.Add(line[1..]);
                        break;
                }
            }
        }

        result.AddRange(source.Skip(consumed));
        return string.Concat(result.Select(l => l + "\n"));
    }
}
