using Convergent.Keras.Evaluation;

namespace Convergent.Keras;

/// <summary>
/// Reads a Keras Python script (Keras 1, 2, 3 or tf.keras spelling) exactly as written and returns the
/// Sequential model it defines, with its compile and fit arguments, normalized to Keras 3 names. Code that does
/// not define the model is skipped and listed; anything unsupported is a <see cref="KerasImportException"/>
/// naming file, line, column and what is supported.
/// </summary>
public static class KerasScriptReader
{
    /// <summary>Reads a script from its text.</summary>
    /// <param name="source">The Python source.</param>
    /// <param name="fileName">The name used in messages and <see cref="SourceRef"/>s (e.g. <c>model.py</c>).</param>
    /// <param name="options">Optional settings, e.g. known values for data-derived names.</param>
    /// <exception cref="KerasImportException">The script cannot be imported as written.</exception>
    public static KerasModelSpec Read(string source, string fileName = "model.py", KerasScriptOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        return ScriptEvaluator.Run(source, fileName, options ?? new KerasScriptOptions());
    }

    /// <summary>Reads a script file.</summary>
    /// <exception cref="KerasImportException">The script cannot be imported as written.</exception>
    public static KerasModelSpec ReadFile(string path, KerasScriptOptions? options = null)
    {
        var info = new FileInfo(path);
        if (info.Exists && info.Length > Python.PythonParser.MaxSourceChars * 4L)
        {
            throw new KerasImportException(info.Name, 1, 1, "", $"script is {info.Length:N0} bytes; the importer reads scripts up to {Python.PythonParser.MaxSourceChars:N0} characters");
        }

        return Read(File.ReadAllText(path), Path.GetFileName(path), options);
    }
}
