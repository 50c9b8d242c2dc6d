using Convergent.Diagnostics;
using Convergent.Diagnostics.Logs;

namespace Convergent.Reports.Tests;

public class ConsoleReportTests
{
    [Fact]
    public void Render_ListsFindingsRankedWithEvidenceCausesAndKerasFixes()
    {
        var r = KerasLog.Parse(
            "Epoch 1/50\n259s - loss: 10.4525 - acc: 0.4903\nEpoch 2/50\n269s - loss: 11.4543 - acc: 0.4473\n" +
            "Epoch 3/50\n251s - loss: 11.4543 - acc: 0.4473\nEpoch 4/50\n252s - loss: 11.4543 - acc: 0.4473\n", "stuck.log");
        var d = RuleEngine.DiagnoseRecord(r);
        var text = ConsoleReport.ToText(r, d);
        Assert.StartsWith("Diagnosis: not_learning  (stuck.log)", text);
        Assert.Contains("1. [ERROR] SATURATED_OUTPUT", text);
        Assert.Contains("Evidence: loss=11.4543", text);
        Assert.Contains("Caused by: SATURATED_OUTPUT", text);
        Assert.Contains("optimizer=keras.optimizers.Adam(learning_rate=1e-4)", text);
        Assert.True(text.IndexOf("SATURATED_OUTPUT", StringComparison.Ordinal) < text.IndexOf("NO_LEARNING", StringComparison.Ordinal));
        Assert.All(text.Split('\n'), line => Assert.True(line.Length <= ConsoleReport.Width + 60, line));
    }

    [Fact]
    public void FormatLive_IsOneLineWithCodeWhereAndTitle()
    {
        var f = new Finding(FindingCode.DeadRelu, Severity.Error, "100% of the ReLU units of dense_1 are dead") { Layer = "dense_1", Epoch = 1, Step = 37 };
        Assert.Equal("✖ DEAD_RELU dense_1 · epoch 1 · step 37: 100% of the ReLU units of dense_1 are dead", ConsoleReport.FormatLive(f));
    }

    [Fact]
    public void Render_Healthy_SaysNoFindings()
    {
        var text = ConsoleReport.ToText(new RunRecord(), Diagnosis.Of([]));
        Assert.Contains("Diagnosis: healthy", text);
        Assert.Contains("No findings", text);
    }
}
