namespace Convergent.Keras.Tests.Support;

/// <summary>Reads the script corpus copied next to the test assembly.</summary>
internal static class CorpusFiles
{
    public static string PathOf(string name) => Path.Combine(AppContext.BaseDirectory, "Corpus", name);

    public static KerasModelSpec Read(string name) => KerasScriptReader.ReadFile(PathOf(name));

    public static string[] ClassNames(KerasModelSpec spec) => spec.Layers.Select(l => l.ClassName).ToArray();

    public static KerasImportException ReadError(string source, string file = "model.py") =>
        Assert.Throws<KerasImportException>(() => KerasScriptReader.Read(source, file));
}
