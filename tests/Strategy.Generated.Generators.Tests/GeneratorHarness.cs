using System.Collections.Immutable;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;

namespace Strategy.Generated.Generators.Tests;

/// <summary>Runs <see cref="StrategyGenerator"/> over a spec and C# sources, with incremental step tracking.</summary>
internal sealed class GeneratorHarness
{
    public const string SpecPath = "/fixture/jobs.openapi.yaml";

    private static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    private AdditionalText _spec;

    private GeneratorHarness(GeneratorDriver driver, CSharpCompilation compilation, AdditionalText spec)
    {
        Driver = driver;
        Compilation = compilation;
        _spec = spec;
    }

    public GeneratorDriver Driver { get; private set; }

    public CSharpCompilation Compilation { get; private set; }

    public GeneratorRunResult Result => Driver.GetRunResult().Results.Single();

    public static string FixtureSpec => File.ReadAllText(Fixture("jobs.openapi.yaml"));

    public static string FixtureClients => File.ReadAllText(Fixture("JobsClient.cs"));

    public static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", name);

    public static GeneratorHarness Run(string spec, params string[] sources) => Run(Workflows.DeclarationKinds.Default, spec, sources);

    /// <summary>Runs a generator handed <paramref name="kinds"/> (a fixture kind among them) over the spec and sources.</summary>
    public static GeneratorHarness Run(IReadOnlyList<Workflows.DeclarationKind> kinds, string spec, params string[] sources)
    {
        var compilation = CSharpCompilation.Create(
            "Strategy.Generated.GeneratorFixture",
            sources.Select(s => CSharpSyntaxTree.ParseText(s, ParseOptions)),
            References(),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        var specText = new InMemoryAdditionalText(SpecPath, spec);
        GeneratorDriver driver = CSharpGeneratorDriver.Create(
            [new StrategyGenerator(kinds).AsSourceGenerator()],
            [specText],
            ParseOptions,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));
        return new GeneratorHarness(driver.RunGenerators(compilation), compilation, specText);
    }

    /// <summary>Runs the generator as the PowerShell module's build does (<c>StrategyGeneratorRole</c> = <c>cmdlets</c>): the spec alone, no clients.</summary>
    public static GeneratorHarness RunForModule(string spec)
    {
        var compilation = CSharpCompilation.Create(
            "Strategy.PowerShell.GeneratorFixture",
            [],
            References(),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        var specText = new InMemoryAdditionalText(SpecPath, spec);
        GeneratorDriver driver = CSharpGeneratorDriver.Create(
            [new StrategyGenerator().AsSourceGenerator()],
            [specText],
            ParseOptions,
            new RoleOptions(Cmdlets.CmdletEmitter.Role));
        return new GeneratorHarness(driver.RunGenerators(compilation), compilation, specText);
    }

    /// <summary>Runs the generator again with an edited spec, the C# sources unchanged.</summary>
    public GeneratorHarness RunAgainWithSpec(string spec)
    {
        var edited = new InMemoryAdditionalText(SpecPath, spec);
        Driver = Driver.ReplaceAdditionalText(_spec, edited).RunGenerators(Compilation);
        _spec = edited;
        return this;
    }

    /// <summary>Runs the generator again after adding a source file.</summary>
    public GeneratorHarness RunAgainWith(string source)
    {
        Compilation = Compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText(source, ParseOptions));
        Driver = Driver.RunGenerators(Compilation);
        return this;
    }

    public ImmutableArray<Diagnostic> Diagnostics => Result.Diagnostics;

    /// <summary>The compiler's errors and warnings for the fixture sources plus everything generated, as a library build would see them.</summary>
    public IReadOnlyList<Diagnostic> CompileGenerated()
    {
        var generated = Result.GeneratedSources.Select(s => CSharpSyntaxTree.ParseText(s.SourceText, ParseOptions, s.HintName));
        return Compilation.AddSyntaxTrees(generated).GetDiagnostics()
            .Where(d => d.Severity >= DiagnosticSeverity.Warning)
            .ToList();
    }

    public string Source(string hintName) =>
        Result.GeneratedSources.Single(s => s.HintName == hintName).SourceText.ToString();

    private static IEnumerable<MetadataReference> References()
    {
        var platform = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator);
        return platform
            .Append(typeof(Http.StrategyClientBase).Assembly.Location)
            .Select(path => MetadataReference.CreateFromFile(path));
    }

    /// <summary>The build's global options with one property: the generator's role.</summary>
    private sealed class RoleOptions(string role) : Microsoft.CodeAnalysis.Diagnostics.AnalyzerConfigOptionsProvider
    {
        private readonly Options _global = new(role);

        public override Microsoft.CodeAnalysis.Diagnostics.AnalyzerConfigOptions GlobalOptions => _global;

        public override Microsoft.CodeAnalysis.Diagnostics.AnalyzerConfigOptions GetOptions(SyntaxTree tree) => Options.None;

        public override Microsoft.CodeAnalysis.Diagnostics.AnalyzerConfigOptions GetOptions(AdditionalText textFile) => Options.None;

        private sealed class Options(string? role) : Microsoft.CodeAnalysis.Diagnostics.AnalyzerConfigOptions
        {
            public static readonly Options None = new(null);

            public override bool TryGetValue(string key, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? value)
            {
                value = key == "build_property.StrategyGeneratorRole" ? role : null;
                return value is not null;
            }
        }
    }

    private sealed class InMemoryAdditionalText(string path, string text) : AdditionalText
    {
        public override string Path { get; } = path;

        public override SourceText GetText(CancellationToken cancellationToken = default) => SourceText.From(text);
    }
}
