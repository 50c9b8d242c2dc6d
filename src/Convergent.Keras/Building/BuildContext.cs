using Convergent.Nn;
using Convergent.Tensors;

namespace Convergent.Keras.Building;

/// <summary>What mapping Keras objects onto engine objects needs besides their arguments: the image data format
/// chosen for layers that do not give one, the model's element type, which Keras version's defaults apply,
/// where model files go (ModelCheckpoint), and the notes for the report.</summary>
internal sealed class BuildContext
{
    public BuildContext(KerasGeneration generation = KerasGeneration.Keras3, bool generationKnown = true)
    {
        Generation = generation;
        GenerationKnown = generationKnown;
    }

    /// <summary>Whose defaults fill what the script does not say.</summary>
    public KerasGeneration Generation { get; }

    /// <summary>False when the Keras version was guessed (a script in Keras 2/3 spelling may have been run on
    /// standalone Keras 2, whose optimizer defaults differ); defaults that differ then get a warning.</summary>
    public bool GenerationKnown { get; }

    /// <summary>Format for image layers that do not give <c>data_format</c>.</summary>
    public DataFormat DataFormat { get; set; } = DataFormat.ChannelsLast;

    /// <summary>Set when the data's channel axis is not where the script put it (e.g. Theano channels-first
    /// input_shape, channels-last data): every image layer then uses this format, and a BatchNormalization over the
    /// script's channel axis moves with it.</summary>
    public DataFormat? MovedTo { get; set; }

    /// <summary>The model's element type.</summary>
    public DType DType { get; set; } = DType.Float32;

    /// <summary>Writes the files of ModelCheckpoint callbacks.</summary>
    public IModelWriter? ModelWriter { get; set; }

    /// <summary>The notes collected so far.</summary>
    public List<ImportNote> Notes { get; } = [];

    /// <summary>Adds a note.</summary>
    public void Note(ImportNoteKind kind, string message, SourceRef? source = null) => Notes.Add(new ImportNote(kind, message, source));
}
