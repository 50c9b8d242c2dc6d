namespace Convergent.Keras.Catalog;

/// <summary>Where an argument value was written: a script position, or a JSON path.</summary>
internal readonly record struct ArgSite(int Line, int Column, string? JsonPath)
{
    public ArgSite Child(string key) => this with { JsonPath = JsonPath is null ? null : JsonPath + "." + key };

    public ArgSite Index(int i) => this with { JsonPath = JsonPath is null ? null : JsonPath + "[" + i + "]" };
}

/// <summary>One argument of a call: positional (<see cref="Keyword"/> null) or keyword, already evaluated.</summary>
internal sealed record CallArgument(string? Keyword, KerasValue Value, ArgSite Site);
