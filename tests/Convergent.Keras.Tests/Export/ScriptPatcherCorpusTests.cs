using Convergent.Keras.Export;

namespace Convergent.Keras.Tests.Export;

/// <summary>Every fix on every corpus script: the patcher never throws, a patch it returns imports to the fixed model
/// (checked again here), and a refusal says why.</summary>
public class ScriptPatcherCorpusTests
{
    private static readonly Dictionary<string, double> Pixels = new() { ["min"] = 0, ["max"] = 255, ["classes"] = 3 };

    [Fact]
    public void EveryFixOnEveryCorpusScript_PatchedAndReimportedOrRefusedWithAReason()
    {
        int patched = 0, refused = 0;
        var refusals = new List<string>();
        foreach (string file in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Corpus"), "*.py").Order())
        {
            string source = File.ReadAllText(file);
            var spec = KerasScriptReader.Read(source, Path.GetFileName(file));
            foreach (string action in KerasFixApplier.SupportedActions)
            {
                if (KerasFixApplier.Apply(action, Pixels, spec) is not { } fix)
                {
                    continue;
                }

                var patch = ScriptPatcher.Patch(source, Path.GetFileName(file), fix.Spec);
                if (patch.Succeeded)
                {
                    Assert.Null(SpecEquivalence.Difference(fix.Spec, KerasScriptReader.Read(patch.Text!, Path.GetFileName(file))));
                    patched++;
                }
                else
                {
                    Assert.False(string.IsNullOrWhiteSpace(patch.Reason));
                    refusals.Add($"{Path.GetFileName(file)} {action}: {patch.Reason}");
                    refused++;
                }
            }
        }

        // the refusals: an input_shape passed through **kwargs, the first layers added by a function called three
        // times, and a functional chain (no model.add or list to insert into)
        Assert.Equal(
        [
            "for_loop_blocks.py normalize_inputs", "for_loop_blocks.py rescaling_layer", "for_loop_blocks.py data_augmentation",
            "keras3_functional_chain.py normalize_inputs", "keras3_functional_chain.py rescaling_layer", "keras3_functional_chain.py data_augmentation",
            "story3_cifar10_batchnorm.py normalize_inputs", "story3_cifar10_batchnorm.py rescaling_layer", "story3_cifar10_batchnorm.py data_augmentation",
        ], refusals.Select(r => r[..r.IndexOf(':')]));
        Assert.Equal(9, refused);
        Assert.True(patched >= 200, $"{patched} fixes patched");
    }
}
