using System.Runtime.CompilerServices;

[assembly: InternalsVisibleTo("Convergent.Cli.Tests")]
[assembly: InternalsVisibleTo("Convergent.Browser.Tests")]
