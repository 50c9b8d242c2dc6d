using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Convergent.Diagnostics;
using Convergent.Nn;
using Convergent.Reports.Html;

namespace Convergent.Reports.Tests;

public class HtmlReportTests
{
    private const string Hostile = "</script><b>\"q'&";

    /// <summary>A run of 6 epochs × 10 steps with two layers: "dense" whose gradient norm falls over four decades and
    /// whose dead share climbs, and a layer named to break out of the page.</summary>
    private static RunRecord Record(string source = "examples/model.py")
    {
        var r = new RunRecord { Source = source };
        r.Model = new ModelFacts("sequential", [Layer("dense", ActivationKind.Relu), Layer(Hostile, ActivationKind.Softmax)], 22, [2]) { Source = source };
        r.Training = new TrainingFacts { Optimizer = "sgd", LearningRate = 0.01, Loss = "categorical_crossentropy", BatchSize = 8, PlannedEpochs = 6 };
        for (int e = 1; e <= 6; e++)
            r.Epochs.Add(e, [new("loss", 1.0 / e), new("val_loss", 0.5 + Math.Abs(e - 3) * 0.1), new("accuracy", 0.5 + 0.05 * e), new("val_accuracy", 0.6), new("lr", 0.01)]);
        var dense = r.AddLayer("dense");
        var other = r.AddLayer(Hostile);
        for (int step = 0; step < 60; step++)
        {
            r.Steps.Add(step, step / 10 + 1, 2.0 / (step + 1), 0.01);
            dense.GradientNorm.Add(step, Math.Pow(10, -1 - step / 15.0));
            dense.DeadShare.Add(step, Math.Min(1, step / 40.0));
            dense.ActivationMean.Add(step, step % 2 == 0 ? -0.3 : 0.2);
            other.GradientNorm.Add(step, 0.5 + 0.01 * step);
            other.UpdateRatio.Add(step, 2e-3 + 1e-4 * step);
        }
        r.Snapshots.Confusion = new ConfusionMatrix(6, true, 2, [40, 2, 5, 53], 0);
        r.Snapshots.Filters.Add(new FilterSnapshot("conv", 0, 0, 2, 8, 2, 2, 1, 2, 2, 1, [0.1f, -0.2f, 0.3f, -0.4f, 0.5f, -0.6f, 0.7f, -0.8f]));
        r.Snapshots.Boundary = new DecisionBoundary(6, 2, -1, 1, -2, 2, [0, 1, 1, -1], [0.9f, 0.6f, 0.75f, float.NaN],
            [new DataPoint(0.5, 1.5, 1, false), new DataPoint(-0.5, -1, 0, true)]);
        return r;
    }

    private static LayerFacts Layer(string name, ActivationKind activation) =>
        new(name, "Dense", [2], [2], 6, 6, activation, new Dictionary<string, object?>());

    private static Diagnosis Findings() => Diagnosis.Of(
    [
        new Finding(FindingCode.Overfitting, Severity.Warning, "Overfitting from epoch 3")
        {
            Epoch = 3, Evidence = new Evidence { { "best_epoch", 3 }, { "best_val_loss", 0.5 } },
        },
        new Finding(FindingCode.DeadRelu, Severity.Warning, "dead units in dense") { Layer = "dense", Epoch = 3, Step = 25 },
        new Finding(FindingCode.VanishingGradient, Severity.Error, "vanishing") { Layer = "dense", Epoch = 4, Step = 31 },
        new Finding(FindingCode.OutputUnitsMismatch, Severity.Error, "units") { Layer = Hostile },
    ]);

    private static JsonElement Payload(RunRecord r, Diagnosis d) =>
        JsonDocument.Parse(HtmlReportWriter.ExtractPayload(HtmlReportWriter.Render(r, d))).RootElement;

    private static JsonElement Chart(JsonElement payload, string id) =>
        payload.GetProperty("sections").EnumerateArray().SelectMany(s => s.GetProperty("charts").EnumerateArray())
            .Single(c => c.GetProperty("id").GetString() == id);

    private static float?[] Floats(JsonElement array) =>
        array.EnumerateArray().Select(v => v.ValueKind == JsonValueKind.Null ? (float?)null : v.GetSingle()).ToArray();

    [Fact]
    public void Payload_EpochCurves_EqualTheRecordsColumns()
    {
        var r = Record();
        var loss = Chart(Payload(r, Findings()), ChartIds.LossEpochs);
        Assert.Equal("line", loss.GetProperty("kind").GetString());
        var series = loss.GetProperty("series");
        Assert.Equal(["loss", "val_loss"], series.EnumerateArray().Select(s => s.GetProperty("name").GetString()));
        Assert.Equal(r.Epochs.Loss.Select(v => (float?)v), Floats(series[0].GetProperty("y")));
        Assert.Equal(r.Epochs.ValLoss.Select(v => (float?)v), Floats(series[1].GetProperty("y")));
        Assert.Equal([1f, 2, 3, 4, 5, 6], Floats(series[0].GetProperty("x")).Select(v => v!.Value));
        // 1/6 … 1 spans less than a decade
        Assert.Equal("linear", loss.GetProperty("y").GetProperty("scale").GetProperty("kind").GetString());
        Assert.Equal("loss (categorical_crossentropy)", loss.GetProperty("y").GetProperty("label").GetString());
    }

    [Fact]
    public void Payload_StepCurves_EqualTheRecordsSeries_WithALogScaleOverDecades()
    {
        var r = Record();
        var p = Payload(r, Findings());
        var steps = Chart(p, ChartIds.LossSteps);
        var y = Floats(steps.GetProperty("series")[0].GetProperty("y"));
        Assert.Equal(r.Steps.Loss.Select(pt => (float?)pt.Value), y);
        // 2/60 … 2 spans more than a decade
        Assert.Equal("log", steps.GetProperty("y").GetProperty("scale").GetProperty("kind").GetString());
        var lr = Chart(p, ChartIds.LearningRate);
        Assert.All(Floats(lr.GetProperty("series")[0].GetProperty("y")), v => Assert.Equal(0.01f, v));
        Assert.Equal([[1, 0], [2, 10], [3, 20], [4, 30], [5, 40], [6, 50]],
            p.GetProperty("run").GetProperty("epoch_starts").EnumerateArray().Select(a => a.EnumerateArray().Select(v => v.GetInt32()).ToArray()));
    }

    [Fact]
    public void Payload_Heatmaps_EqualTheLayerSeries_AndPickTheirScale()
    {
        var r = Record();
        var p = Payload(r, Findings());
        var grad = Chart(p, ChartIds.Heatmap("gradient_norm"));
        Assert.Equal(["dense", Hostile], grad.GetProperty("rows").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(Enumerable.Range(0, 60), grad.GetProperty("starts").EnumerateArray().Select(e => e.GetInt32()));
        Assert.Equal(60, grad.GetProperty("end").GetInt32());
        var values = grad.GetProperty("values");
        Assert.Equal(r.Layer("dense").GradientNorm.Select(pt => (float?)pt.Value), Floats(values[0]));
        Assert.Equal(r.Layer(Hostile).GradientNorm.Select(pt => (float?)pt.Value), Floats(values[1]));
        // 1e-1 … 1e-4.9: four decades → log, from the smallest to the largest value
        var scale = grad.GetProperty("scale");
        Assert.Equal("log", scale.GetProperty("kind").GetString());
        Assert.Equal((float)Math.Pow(10, -1 - 59 / 15.0), scale.GetProperty("min").GetSingle());
        Assert.Equal(1.09f, scale.GetProperty("max").GetSingle());

        // update ratio 2e-3 … 7.9e-3: within a decade → linear, with the healthy reference on the legend
        var update = Chart(p, ChartIds.Heatmap("update_ratio"));
        Assert.Equal([Hostile], update.GetProperty("rows").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("linear", update.GetProperty("scale").GetProperty("kind").GetString());
        Assert.Equal(1e-3, update.GetProperty("reference").GetDouble());

        var dead = Chart(p, ChartIds.Heatmap("dead_fraction"));
        Assert.Equal(("linear", 0.0, 1.0), (dead.GetProperty("scale").GetProperty("kind").GetString(),
            dead.GetProperty("scale").GetProperty("min").GetDouble(), dead.GetProperty("scale").GetProperty("max").GetDouble()));
        var mean = Chart(p, ChartIds.Heatmap("activation_mean"));
        Assert.Equal("diverging", mean.GetProperty("scale").GetProperty("kind").GetString());
        Assert.Equal(-0.3f, mean.GetProperty("scale").GetProperty("min").GetSingle());
        // no layer recorded saturation or activation spread: no empty heatmaps
        var ids = p.GetProperty("sections").EnumerateArray().SelectMany(s => s.GetProperty("charts").EnumerateArray()).Select(c => c.GetProperty("id").GetString()).ToList();
        Assert.DoesNotContain(ChartIds.Heatmap("saturated_fraction"), ids);
        Assert.DoesNotContain(ChartIds.Heatmap("activation_std"), ids);
    }

    [Fact]
    public void Payload_ManySteps_AreBinnedToTheColumnCap()
    {
        var r = new RunRecord();
        var l = r.AddLayer("dense");
        for (int s = 0; s < 3000; s++) l.GradientNorm.Add(s, s);
        var grad = Chart(Payload(r, Diagnosis.Of([])), ChartIds.Heatmap("gradient_norm"));
        var row = Floats(grad.GetProperty("values")[0]);
        Assert.Equal(ReportPayload.MaxHeatmapColumns, row.Length);
        // 3000 steps in 300 columns: column j holds steps 10j … 10j + 9
        Assert.Equal(Enumerable.Range(0, 300).Select(j => (float?)(10 * j + 4.5)), row);
    }

    [Fact]
    public void Payload_Snapshots_EqualTheRecordedOnes()
    {
        var r = Record();
        var p = Payload(r, Findings());
        var cm = Chart(p, ChartIds.Confusion);
        Assert.Equal([[40, 2], [5, 53]], cm.GetProperty("counts").EnumerateArray().Select(a => a.EnumerateArray().Select(v => v.GetInt64()).ToArray()));
        Assert.Equal(100, cm.GetProperty("total").GetInt32());
        Assert.Equal(0.93f, cm.GetProperty("accuracy").GetSingle());
        Assert.True(cm.GetProperty("on_validation").GetBoolean());

        var filters = Chart(p, ChartIds.Filters).GetProperty("layers")[0];
        Assert.Equal("conv", filters.GetProperty("layer").GetString());
        Assert.Equal(8, filters.GetProperty("total_filters").GetInt32());
        var snapshot = filters.GetProperty("snapshots")[0];
        Assert.Equal(0.8f, snapshot.GetProperty("max_abs").GetSingle());
        // per mille of the largest |w|
        Assert.Equal([125, -250, 375, -500, 625, -750, 875, -1000], snapshot.GetProperty("scaled").EnumerateArray().Select(v => v.GetInt32()));

        var b = Chart(p, ChartIds.Boundary);
        Assert.Equal([0, 1, 1, -1], b.GetProperty("classes").EnumerateArray().Select(v => v.GetInt32()));
        Assert.Equal([0.9f, 0.6f, 0.75f, null], Floats(b.GetProperty("confidence")));
        Assert.Equal([0.5f, -0.5f], Floats(b.GetProperty("points").GetProperty("x")).Select(v => v!.Value));
        Assert.Equal([0, 1], b.GetProperty("points").GetProperty("validation").EnumerateArray().Select(v => v.GetInt32()));
        Assert.Equal(2, b.GetProperty("class_count").GetInt32());
    }

    [Fact]
    public void Payload_Findings_ArePlacedAtTheirStepOrEpochOnTheirChart()
    {
        var p = Payload(Record(), Findings());
        var fs = p.GetProperty("findings").EnumerateArray().ToDictionary(f => f.GetProperty("code").GetString()!);
        var over = fs[FindingCode.Overfitting];
        Assert.Equal((ChartIds.LossEpochs, 3f, 6f), (over.GetProperty("chart").GetString(), over.GetProperty("at").GetSingle(), over.GetProperty("until").GetSingle()));
        var dead = fs[FindingCode.DeadRelu];
        Assert.Equal((ChartIds.Heatmap("dead_fraction"), 25f, "dense"), (dead.GetProperty("chart").GetString(), dead.GetProperty("at").GetSingle(), dead.GetProperty("row").GetString()));
        var vanishing = fs[FindingCode.VanishingGradient];
        Assert.Equal((ChartIds.Heatmap("gradient_norm"), 31f), (vanishing.GetProperty("chart").GetString(), vanishing.GetProperty("at").GetSingle()));
        var units = fs[FindingCode.OutputUnitsMismatch];
        Assert.Equal((ChartIds.Model, Hostile), (units.GetProperty("chart").GetString(), units.GetProperty("row").GetString()));
        Assert.Equal(JsonValueKind.Null, units.GetProperty("at").ValueKind);
        // ids follow the ranking: errors first
        Assert.Equal(["finding-1", "finding-2", "finding-3", "finding-4"], p.GetProperty("findings").EnumerateArray().Select(f => f.GetProperty("id").GetString()));
    }

    [Fact]
    public void Payload_FixWithATrial_CarriesItsOutcomeAndAccount()
    {
        var trial = new FixTrial("learning rate of SGD 0.1 → 0.01", "validation", 5, 2.3026, 0.412, "accuracy", 0.1, 0.87, TrialOutcome.Improved, 3.2);
        var d = Diagnosis.Of([new Finding(FindingCode.LrTooHigh, Severity.Error, "too high") { Step = 3, Fixes = [new Fix("lower_learning_rate", "Lower it.") { Trial = trial }] }]);
        var fix = Payload(Record(), d).GetProperty("findings")[0].GetProperty("fixes")[0];
        Assert.Equal("improved", fix.GetProperty("trial").GetProperty("outcome").GetString());
        Assert.Equal(TrialText.Describe(trial), fix.GetProperty("trial").GetProperty("text").GetString());
    }

    [Fact]
    public void Render_HostileNames_AreEscapedAndRoundTrip()
    {
        var source = "runs/" + Hostile + ".py";
        var html = HtmlReportWriter.Render(Record(source), Findings());
        Assert.DoesNotContain("<b>", html);
        Assert.DoesNotContain("\"q'", html);
        // the only closing script tags are the two elements' own
        Assert.Equal(2, html.Split("</script>").Length - 1);
        Assert.Contains("<title>Convergent doctor — script&gt;&lt;b&gt;&quot;q&#39;&amp;.py — ", html);
        var p = Payload(Record(source), Findings());
        Assert.Equal(source, p.GetProperty("run").GetProperty("source").GetString());
        Assert.Equal(Hostile, Chart(p, ChartIds.Heatmap("gradient_norm")).GetProperty("rows")[1].GetString());
    }

    [Fact]
    public void Render_ContentSecurityPolicy_AdmitsOnlyTheEmbeddedScriptAndNoNetwork()
    {
        var html = HtmlReportWriter.Render(Record(), Findings());
        const string open = "<script>";
        int start = html.LastIndexOf(open, StringComparison.Ordinal) + open.Length;
        var script = html[start..html.IndexOf("</script>", start, StringComparison.Ordinal)];
        var hash = Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(script)));
        Assert.Contains($"content=\"default-src 'none'; script-src 'sha256-{hash}'; style-src 'sha256-", html);
        Assert.DoesNotContain("http://", html.Replace("http://www.w3.org/2000/svg", ""));
        Assert.DoesNotContain("https://", html);
    }

    [Fact]
    public void Write_ReplacesTheFileAtomically_LeavingNoTemporaryFile()
    {
        var dir = Directory.CreateTempSubdirectory("convergent-html-");
        try
        {
            var path = Path.Combine(dir.FullName, "report.html");
            File.WriteAllText(path, "old");
            HtmlReportWriter.Write(Record(), Findings(), path);
            Assert.StartsWith("<!DOCTYPE html>", File.ReadAllText(path));
            Assert.Equal(["report.html"], dir.GetFiles().Select(f => f.Name));
        }
        finally { dir.Delete(recursive: true); }
    }
}
