namespace Convergent.Nn.Tests.Callbacks;

public sealed class CSVLoggerTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("convergent-csv-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string PathOf(string name) => Path.Combine(_dir, name);

    private static void Drive(CSVLogger logger, params Logs[] epochs)
    {
        logger.SetModel(TinyModel.Create());
        logger.OnTrainBegin();
        for (int e = 0; e < epochs.Length; e++) logger.OnEpochEnd(e, epochs[e]);
        logger.OnTrainEnd(new Logs());
    }

    [Fact]
    public void CSVLogger_TwoEpochs_WritesKerasFormatExactly()
    {
        string file = PathOf("log.csv");
        Drive(new CSVLogger(file),
            TinyModel.Logs(("loss", 0.5), ("accuracy", 0.75), ("val_loss", 0.25), ("val_accuracy", 1.0)),
            TinyModel.Logs(("loss", 0.1 + 0.2), ("accuracy", 1e-05), ("val_loss", 1e16), ("val_accuracy", double.NaN)));
        // keys sorted, epoch 0-based, Python str(float) values, \r\n line ends (csv.excel)
        Assert.Equal(
            "epoch,accuracy,loss,val_accuracy,val_loss\r\n" +
            "0,0.75,0.5,1.0,0.25\r\n" +
            "1,1e-05,0.30000000000000004,nan,1e+16\r\n",
            File.ReadAllText(file));
    }

    [Fact]
    public void CSVLogger_NoValidationKeys_AddsValColumnsWithNA()
    {
        // Keras 3 appends val_<key> columns when the first epoch has no val_ key
        string file = PathOf("log.csv");
        Drive(new CSVLogger(file), TinyModel.Logs(("loss", 2.0)), TinyModel.Logs(("loss", 123456789.0)));
        Assert.Equal("epoch,loss,val_loss\r\n0,2.0,NA\r\n1,123456789.0,NA\r\n", File.ReadAllText(file));
    }

    [Fact]
    public void CSVLogger_FloatValues_ShortestRoundTripLikePython()
    {
        string file = PathOf("log.csv");
        Drive(new CSVLogger(file, separator: ";"),
            TinyModel.Logs(("a", (double)0.1f), ("b", 0.0001), ("c", 1.5e-5), ("d", -0.0), ("e", 1e15), ("val_f", double.NegativeInfinity)));
        Assert.Equal(
            "epoch;a;b;c;d;e;val_f\r\n" +
            "0;0.10000000149011612;0.0001;1.5e-05;-0.0;1000000000000000.0;-inf\r\n",
            File.ReadAllText(file));
    }

    [Fact]
    public void CSVLogger_Append_AddsRowsWithoutSecondHeader()
    {
        string file = PathOf("log.csv");
        Drive(new CSVLogger(file), TinyModel.Logs(("loss", 1.0), ("val_loss", 2.0)));
        Drive(new CSVLogger(file, append: true), TinyModel.Logs(("loss", 0.5), ("val_loss", 1.5)));
        Assert.Equal("epoch,loss,val_loss\r\n0,1.0,2.0\r\n0,0.5,1.5\r\n", File.ReadAllText(file));
    }

    [Fact]
    public void CSVLogger_AppendToMissingFile_WritesHeader()
    {
        string file = PathOf("new.csv");
        Drive(new CSVLogger(file, append: true), TinyModel.Logs(("loss", 1.0), ("val_loss", 2.0)));
        Assert.Equal("epoch,loss,val_loss\r\n0,1.0,2.0\r\n", File.ReadAllText(file));
    }

    [Fact]
    public void CSVLogger_DuringTraining_RowIsOnDiskAfterEachEpoch()
    {
        string file = PathOf("log.csv");
        var logger = new CSVLogger(file);
        logger.SetModel(TinyModel.Create());
        logger.OnTrainBegin();
        logger.OnEpochEnd(0, TinyModel.Logs(("loss", 1.0), ("val_loss", 2.0)));
        using (var reader = new StreamReader(new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite)))
            Assert.Equal("epoch,loss,val_loss\r\n0,1.0,2.0\r\n", reader.ReadToEnd());
        logger.OnTrainEnd(new Logs());
    }

    [Fact]
    public void CSVLogger_InFit_OneRowPerEpoch()
    {
        string file = PathOf("fit.csv");
        var model = TinyModel.Create();
        model.Fit(TinyModel.X, TinyModel.Y, batchSize: 2, epochs: 3, verbose: 0, validationSplit: 0.25, callbacks: [new CSVLogger(file)]);
        var lines = File.ReadAllText(file).Split("\r\n");
        Assert.Equal("epoch,learning_rate,loss,val_loss", lines[0]);
        Assert.Equal(["0", "1", "2"], lines[1..4].Select(l => l.Split(',')[0]));
        Assert.Equal("0.1", lines[1].Split(',')[1]);
    }
}
