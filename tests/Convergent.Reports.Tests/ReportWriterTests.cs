using System.Text.Json;
using Convergent.Diagnostics;
using Convergent.Diagnostics.Logs;
using Convergent.Nn;

namespace Convergent.Reports.Tests;

public class ReportWriterTests
{
    // user story 2's log (shared/fixtures/logs/stuck-constant-loss-keras0.log), inline to keep this project hermetic
    private const string StuckLog =
        "Epoch 1/50\n259s - loss: 10.4525 - acc: 0.4903 - val_loss: 11.4543 - val_acc: 0.4473\n" +
        "Epoch 2/50\n269s - loss: 11.4543 - acc: 0.4473 - val_loss: 11.4543 - val_acc: 0.4473\n" +
        "Epoch 3/50\n251s - loss: 11.4543 - acc: 0.4473 - val_loss: 11.4543 - val_acc: 0.4473\n" +
        "Epoch 4/50\n252s - loss: 11.4543 - acc: 0.4473 - val_loss: 11.4543 - val_acc: 0.4473\n";

    private static (RunRecord, Diagnosis) Stuck()
    {
        var r = KerasLog.Parse(StuckLog, "stuck.log");
        return (r, RuleEngine.DiagnoseRecord(r));
    }

    private static string[] Keys(JsonElement e) => e.EnumerateObject().Select(p => p.Name).ToArray();

    [Fact]
    public void Report_HasTheSchemaShape_OfCliAndReportMd()
    {
        var (r, d) = Stuck();
        using var doc = JsonDocument.Parse(ReportWriter.ToJson(r, d));
        var root = doc.RootElement;
        Assert.Equal(["schema", "tool", "model", "data", "training", "findings", "verdict"], Keys(root));
        Assert.Equal("convergent.report/1", root.GetProperty("schema").GetString());
        Assert.Equal(["name", "version"], Keys(root.GetProperty("tool")));
        Assert.Equal("convergent", root.GetProperty("tool").GetProperty("name").GetString());
        Assert.Equal(["source", "layers", "params"], Keys(root.GetProperty("model")));
        Assert.Equal(["train_samples", "val_samples", "input_shape", "classes", "class_shares"], Keys(root.GetProperty("data")));
        var training = root.GetProperty("training");
        Assert.Equal(["optimizer", "learning_rate", "loss", "batch_size", "seed", "epochs", "stopped"], Keys(training));
        var epochs = training.GetProperty("epochs");
        Assert.Equal(4, epochs.GetArrayLength());
        Assert.Equal(["epoch", "loss", "accuracy", "val_loss", "val_accuracy", "lr", "seconds"], Keys(epochs[0]));
        Assert.Equal(1, epochs[0].GetProperty("epoch").GetInt32());
        Assert.Equal(11.4543, epochs[3].GetProperty("loss").GetDouble());
        Assert.Equal(0.4473, epochs[3].GetProperty("accuracy").GetDouble());
        Assert.Equal(JsonValueKind.Null, epochs[0].GetProperty("lr").ValueKind);
        Assert.Equal(259, epochs[0].GetProperty("seconds").GetDouble());
        Assert.Equal("completed", training.GetProperty("stopped").GetString());
        Assert.Equal("not_learning", root.GetProperty("verdict").GetString());

        var findings = root.GetProperty("findings");
        Assert.True(findings.GetArrayLength() >= 3);
        var f0 = findings[0];
        Assert.Equal(["code", "severity", "title", "layer", "epoch", "step", "evidence", "explanation", "caused_by", "fixes", "confidence"], Keys(f0));
        Assert.Equal("SATURATED_OUTPUT", f0.GetProperty("code").GetString());
        Assert.Equal("error", f0.GetProperty("severity").GetString());
        Assert.Equal(2, f0.GetProperty("epoch").GetInt32());
        Assert.Equal(JsonValueKind.Null, f0.GetProperty("step").ValueKind);
        Assert.Equal(11.4543, f0.GetProperty("evidence").GetProperty("loss").GetDouble());
        Assert.Equal(["action", "description", "keras"], Keys(f0.GetProperty("fixes")[0]));
        Assert.Equal("lower_learning_rate", f0.GetProperty("fixes")[0].GetProperty("action").GetString());
        var cp = findings.EnumerateArray().Single(f => f.GetProperty("code").GetString() == "CONSTANT_PREDICTION");
        Assert.Equal(["SATURATED_OUTPUT"], cp.GetProperty("caused_by").EnumerateArray().Select(x => x.GetString()));
    }

    [Fact]
    public void Report_WritesNaNAndInfinityAsStrings()
    {
        var r = KerasLog.Parse("{\"loss\": [1.0, NaN], \"val_loss\": [1.1, Infinity]}", "h.json");
        var d = RuleEngine.DiagnoseRecord(r);
        var json = ReportWriter.ToJson(r, d);
        using var doc = JsonDocument.Parse(json);
        var e1 = doc.RootElement.GetProperty("training").GetProperty("epochs")[1];
        Assert.Equal("NaN", e1.GetProperty("loss").GetString());
        Assert.Equal("Infinity", e1.GetProperty("val_loss").GetString());
        Assert.Equal("nan", doc.RootElement.GetProperty("training").GetProperty("stopped").GetString());
        Assert.Equal("diverged", doc.RootElement.GetProperty("verdict").GetString());
        var nan = doc.RootElement.GetProperty("findings").EnumerateArray().Single(f => f.GetProperty("code").GetString() == "NAN_LOSS");
        Assert.Equal("NaN", nan.GetProperty("evidence").GetProperty("loss").GetString());
        Assert.Equal(2, nan.GetProperty("epoch").GetInt32());
    }

    [Fact]
    public void Report_ModelLayers_HaveOutputShapeWithNullBatch()
    {
        var r = new RunRecord
        {
            Model = new ModelFacts("sequential",
            [
                new LayerFacts("conv2d", "Conv2D", [400, 400, 1], [1, 1, 32], 5_120_032, 5_120_032, ActivationKind.Relu, new Dictionary<string, object?>()),
                new LayerFacts("dense", "Dense", [32], [2], 66, 66, ActivationKind.Softmax, new Dictionary<string, object?>()),
            ], 5_120_098, [400, 400, 1]) { Source = "story2.py" },
            Data = new DataFacts { TrainSamples = 90, ValSamples = 10, InputShape = [400, 400, 1], Classes = 2, ClassShares = [0.4473, 0.5527] },
        };
        r.Training.Optimizer = "sgd"; r.Training.LearningRate = 0.01; r.Training.Loss = "categorical_crossentropy"; r.Training.BatchSize = 32; r.Training.Seed = 1337;
        var json = ReportWriter.ToJson(r, Diagnosis.Of([]));
        using var doc = JsonDocument.Parse(json);
        var model = doc.RootElement.GetProperty("model");
        Assert.Equal("story2.py", model.GetProperty("source").GetString());
        Assert.Equal(5_120_098, model.GetProperty("params").GetInt64());
        var l0 = model.GetProperty("layers")[0];
        Assert.Equal("conv2d", l0.GetProperty("name").GetString());
        Assert.Equal("Conv2D", l0.GetProperty("type").GetString());
        var shape = l0.GetProperty("output_shape").EnumerateArray().ToArray();
        Assert.Equal(JsonValueKind.Null, shape[0].ValueKind);
        Assert.Equal([1, 1, 32], shape[1..].Select(x => x.GetInt32()));
        Assert.Equal(5_120_032, l0.GetProperty("params").GetInt64());
        var data = doc.RootElement.GetProperty("data");
        Assert.Equal([400, 400, 1], data.GetProperty("input_shape").EnumerateArray().Select(x => x.GetInt32()));
        Assert.Equal(2, data.GetProperty("classes").GetInt32());
        var t = doc.RootElement.GetProperty("training");
        Assert.Equal("sgd", t.GetProperty("optimizer").GetString());
        Assert.Equal(0.01, t.GetProperty("learning_rate").GetDouble());
        Assert.Equal(32, t.GetProperty("batch_size").GetInt32());
        Assert.Equal(0, t.GetProperty("epochs").GetArrayLength());
        Assert.Equal("healthy", doc.RootElement.GetProperty("verdict").GetString());
    }

    [Fact]
    public void WriteFile_IsAtomic_LeavesNoTemporaryFile_AndOverwrites()
    {
        var (r, d) = Stuck();
        var dir = Directory.CreateTempSubdirectory("convergent-report-");
        try
        {
            var path = Path.Combine(dir.FullName, "sub", "report.json");
            File.WriteAllText(Path.Combine(dir.FullName, "placeholder"), "");
            ReportWriter.WriteFile(r, d, path);
            ReportWriter.WriteFile(r, d, path);
            Assert.Equal(["report.json"], Directory.GetFiles(Path.GetDirectoryName(path)!).Select(Path.GetFileName));
            using var doc = JsonDocument.Parse(File.ReadAllText(path));
            Assert.Equal("convergent.report/1", doc.RootElement.GetProperty("schema").GetString());
        }
        finally { dir.Delete(recursive: true); }
    }

    [Fact]
    public void Report_EvidenceLists_AndExtraEpochMetrics_AreWritten()
    {
        var r = new RunRecord();
        r.Epochs.Add(1, [new("loss", 1.0), new("auc", 0.7), new("val_auc", 0.65)]);
        var f = new Finding(FindingCode.ClassImbalance, Severity.Warning, "imbalanced")
        {
            Evidence = new Evidence { { "class_shares", new[] { 0.95, 0.05 } }, { "note", "x" } },
        };
        using var doc = JsonDocument.Parse(ReportWriter.ToJson(r, Diagnosis.Of([f])));
        var e = doc.RootElement.GetProperty("training").GetProperty("epochs")[0];
        Assert.Equal(0.7, e.GetProperty("auc").GetDouble());
        Assert.Equal(0.65, e.GetProperty("val_auc").GetDouble());
        var ev = doc.RootElement.GetProperty("findings")[0].GetProperty("evidence");
        Assert.Equal([0.95, 0.05], ev.GetProperty("class_shares").EnumerateArray().Select(x => x.GetDouble()));
        Assert.Equal("x", ev.GetProperty("note").GetString());
        Assert.Equal("hurt", doc.RootElement.GetProperty("verdict").GetString());
    }
}
