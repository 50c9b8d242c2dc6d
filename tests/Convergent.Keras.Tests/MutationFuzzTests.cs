using System.Diagnostics;

namespace Convergent.Keras.Tests;

/// <summary>Garbled versions of the corpus (truncated, characters deleted or inserted, lines swapped or
/// duplicated): the importer must either read them or fail with a <see cref="KerasImportException"/>, never
/// with another exception and never slowly.</summary>
public class MutationFuzzTests
{
    private static readonly string[] Insertions = ["(", ")", "[", "]", ":", ",", "'", "\"", "\\", "\n", "    ", "=", "*", "**", "#", "lambda", "not", "0x", "1e", "None"];

    [Fact]
    public void MutatedCorpusScripts_OnlyCleanErrors()
    {
        // KERAS_FUZZ_TRIALS / KERAS_FUZZ_SEED run longer campaigns locally; the default is quick and fixed.
        int trials = int.TryParse(Environment.GetEnvironmentVariable("KERAS_FUZZ_TRIALS"), out int n) ? n : 600;
        var random = new Random(int.TryParse(Environment.GetEnvironmentVariable("KERAS_FUZZ_SEED"), out int seed) ? seed : 20240601);
        var files = Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Corpus"), "*.py").Order().ToArray();
        var watch = Stopwatch.StartNew();
        int imported = 0;
        int rejected = 0;
        for (int trial = 0; trial < trials; trial++)
        {
            string source = File.ReadAllText(files[trial % files.Length]);
            string mutated = Mutate(source, random);
            try
            {
                KerasScriptReader.Read(mutated, "fuzz.py");
                imported++;
            }
            catch (KerasImportException e)
            {
                Assert.True(e.Line >= 0 && e.Column >= 0);
                Assert.False(string.IsNullOrWhiteSpace(e.Reason));
                rejected++;
            }
            catch (Exception e)
            {
                Assert.Fail($"trial {trial} on {Path.GetFileName(files[trial % files.Length])}: {e.GetType().Name}: {e.Message}\n--- script ---\n{mutated}");
            }
        }

        Assert.True(imported > 0 && rejected > 0, $"imported {imported}, rejected {rejected}");
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(60) * Math.Max(1, trials / 600), $"took {watch.Elapsed}");
    }

    [Fact]
    public void MutatedJsonFixtures_OnlyCleanErrors()
    {
        var random = new Random(7);
        var files = Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Json", "Fixtures"), "*.json").Order().ToArray();
        for (int trial = 0; trial < 400; trial++)
        {
            string json = File.ReadAllText(files[trial % files.Length]);
            string mutated = MutateJson(json, random);
            try
            {
                KerasJsonReader.Read(mutated, "fuzz.json");
            }
            catch (KerasImportException)
            {
            }
            catch (Exception e)
            {
                Assert.Fail($"trial {trial}: {e.GetType().Name}: {e.Message}\n{mutated}");
            }
        }
    }

    private static string Mutate(string source, Random random)
    {
        int at = random.Next(source.Length);
        switch (random.Next(6))
        {
            case 0:
                return source[..at];
            case 1:
                return source.Remove(at, Math.Min(random.Next(1, 4), source.Length - at));
            case 2:
                return source.Insert(at, Insertions[random.Next(Insertions.Length)]);
            case 3:
            {
                var lines = source.Split('\n').ToList();
                int i = random.Next(lines.Count);
                int j = random.Next(lines.Count);
                (lines[i], lines[j]) = (lines[j], lines[i]);
                return string.Join('\n', lines);
            }

            case 4:
            {
                var lines = source.Split('\n').ToList();
                int i = random.Next(lines.Count);
                lines.Insert(i, lines[random.Next(lines.Count)]);
                return string.Join('\n', lines);
            }

            default:
            {
                var lines = source.Split('\n').ToList();
                int i = random.Next(lines.Count);
                lines[i] = new string(' ', random.Next(1, 9)) + lines[i].TrimStart();
                return string.Join('\n', lines);
            }
        }
    }

    private static string MutateJson(string json, Random random)
    {
        int at = random.Next(json.Length);
        return random.Next(4) switch
        {
            0 => json[..at],
            1 => json.Remove(at, 1),
            2 => json.Insert(at, new[] { "null", "\"abc\"", "-1", "[]", "{}", "1e309", "true" }[random.Next(7)]),
            _ => json.Replace(new[] { "32", "\"relu\"", "[3, 3]", "\"valid\"", "0.25", "\"Dense\"" }[random.Next(6)],
                new[] { "-2", "\"sigmoidx\"", "[3]", "\"full\"", "2.5", "\"LSTM\"" }[random.Next(6)]),
        };
    }
}
