using System.Runtime.CompilerServices;

[assembly: InternalsVisibleTo("Convergent.Cli.Tests")]
