using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Strategy.EndToEnd.Tests;

/// <summary>
/// Compiles a documentation sample on its own, as a new console program would hold it: the code as
/// printed in one file, the SDK's implicit usings for a console app and nothing else, nullable
/// on, against the assemblies this test process runs with (the library, the emulator, the packages
/// a reader would add).
/// </summary>
internal static class SampleCompiler
{
    // What `dotnet new console` gives every file (ImplicitUsings): a sample needs every other using itself.
    private const string ImplicitUsings = """
        global using global::System;
        global using global::System.Collections.Generic;
        global using global::System.IO;
        global using global::System.Linq;
        global using global::System.Net.Http;
        global using global::System.Threading;
        global using global::System.Threading.Tasks;
        """;

    private static readonly Lazy<IReadOnlyList<MetadataReference>> References = new(() =>
        ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
            .Split(Path.PathSeparator)
            .Where(path => path.EndsWith(".dll", StringComparison.OrdinalIgnoreCase))
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
            .ToList());

    /// <summary>The compiled sample, or the errors that stop it, each at the document's own line.</summary>
    public static (Assembly? Assembly, IReadOnlyList<string> Errors) Compile(DocumentationSample sample)
    {
        var parse = new CSharpParseOptions(LanguageVersion.Latest);
        var code = CSharpSyntaxTree.ParseText(sample.Code, parse, path: sample.File);
        var program = code.GetRoot().DescendantNodes().OfType<Microsoft.CodeAnalysis.CSharp.Syntax.GlobalStatementSyntax>().Any();
        var compilation = CSharpCompilation.Create(
            "Sample_" + Guid.NewGuid().ToString("N"),
            [code, CSharpSyntaxTree.ParseText(ImplicitUsings, parse)],
            References.Value,
            new CSharpCompilationOptions(program ? OutputKind.ConsoleApplication : OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

        using var image = new MemoryStream();
        var emitted = compilation.Emit(image);
        var errors = emitted.Diagnostics
            .Where(d => d.Severity == DiagnosticSeverity.Error)
            .Select(d => $"{sample.File}:{sample.Line + d.Location.GetLineSpan().StartLinePosition.Line}: {d.Id} {d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}")
            .ToList();
        return (emitted.Success ? Assembly.Load(image.ToArray()) : null, errors);
    }
}
