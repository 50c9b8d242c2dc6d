using System.Text.RegularExpressions;

namespace Convergent.Nn;

/// <summary>Keras naming conventions.</summary>
public static partial class Naming
{
    /// <summary>Keras's <c>to_snake_case</c> (same three rewrites): <c>Conv2D</c> → <c>conv2d</c>,
    /// <c>MaxPooling2D</c> → <c>max_pooling2d</c>, <c>BatchNormalization</c> → <c>batch_normalization</c>.</summary>
    public static string ToSnakeCase(string name)
    {
        name = NonWord().Replace(name, "");
        name = WordStart().Replace(name, "$1_$2");
        return LowerUpper().Replace(name, "$1_$2").ToLowerInvariant();
    }

    [GeneratedRegex(@"\W+")] private static partial Regex NonWord();
    [GeneratedRegex("(.)([A-Z][a-z]+)")] private static partial Regex WordStart();
    [GeneratedRegex("([a-z])([A-Z])")] private static partial Regex LowerUpper();
}
