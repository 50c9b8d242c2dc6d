namespace Convergent.Cli.Tests;

[Collection("cli")]
public class TrainCommandTests
{
    [Fact]
    public void Train_Iris_PrintsSummaryProgressAndExitsZero()
    {
        var (exit, output, err) = CliRunner.Run("train", "builtin:iris", "--epochs", "3", "--batch-size", "16", "--threads", "1");
        Assert.True(exit == 0, err);
        Assert.True(output.Contains("Model: \"sequential\""), output);
        Assert.Contains("Model: \"sequential\"", output);
        Assert.Contains("dense_2 (Dense)", output);
        Assert.Contains("Total params: 4,675", output);   // 4·64+64 + 64·64+64 + 64·3+3
        Assert.Contains("Epoch 3/3", output);
        Assert.Contains("val_accuracy", output);
    }

    [Fact]
    public void Train_UnknownBuiltin_ExitsTwoWithOneClearMessage()
    {
        var (exit, _, err) = CliRunner.Run("train", "builtin:nope");
        Assert.Equal(2, exit);
        Assert.Contains("builtin:nope", err);
        Assert.Contains("mnist-10k", err);          // says what is available
        Assert.DoesNotContain("   at ", err);       // no stack trace
    }

    [Fact]
    public void Train_MissingFile_ExitsTwoNamingTheFile()
    {
        var (exit, _, err) = CliRunner.Run("train", "/no/such/data.npz");
        Assert.Equal(2, exit);
        Assert.Contains("data.npz", err);
    }

    [Fact]
    public void Train_GarbledNpz_ExitsTwoNamingTheFile()
    {
        var path = Path.Combine(Path.GetTempPath(), $"garbled-{Guid.NewGuid():N}.npz");
        File.WriteAllBytes(path, [0x50, 0x4B, 0x03, 0x04, 1, 2, 3]);
        try
        {
            var (exit, _, err) = CliRunner.Run("train", path);
            Assert.Equal(2, exit);
            Assert.Contains(Path.GetFileName(path), err);
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void Train_UnknownOption_ExitsTwo()
    {
        var (exit, _, err) = CliRunner.Run("train", "builtin:iris", "--epochz", "3");
        Assert.Equal(2, exit);
        Assert.Contains("--epochz", err);
    }

    [Fact]
    public void Train_BadThreadCount_ExitsTwoNamingTheOption()
    {
        var (exit, _, err) = CliRunner.Run("train", "builtin:iris", "--threads", "0");
        Assert.Equal(2, exit);
        Assert.Contains("--threads", err);
    }
}
