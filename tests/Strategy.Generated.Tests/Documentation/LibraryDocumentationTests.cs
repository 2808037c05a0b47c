using System.Reflection;
using System.Text.RegularExpressions;
using Strategy.Generated.Http;

namespace Strategy.Generated.Tests.Documentation;

/// <summary>
/// What docs/library/ says the code is, it is: the handler pipeline in its order, every exception
/// type and every error kind. A change to the code that the page does not follow fails here.
/// </summary>
public sealed partial class LibraryDocumentationTests
{
    private static readonly string Docs = Path.Combine(
        typeof(LibraryDocumentationTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "RepoRoot").Value!, "docs", "library");

    [Test]
    public void The_pipeline_list_is_the_handlers_in_their_order_with_the_users_positions()
    {
        var options = new StrategyClientOptions { BaseUrl = new Uri("http://127.0.0.1:1/"), Username = "u" }
            .AddHandler(() => new PositionMarker(StrategyHandlerPosition.PerCall), StrategyHandlerPosition.PerCall)
            .AddHandler(() => new PositionMarker(StrategyHandlerPosition.PerRetry), StrategyHandlerPosition.PerRetry);

        var built = StrategyPipeline.CreateHandlers(StrategyPipelineParts.For(options, logger: null))
            .Select(h => h is PositionMarker marker ? nameof(StrategyHandlerPosition) + "." + marker.Position : h.GetType().Name);
        var documented = PipelineItem().Matches(File.ReadAllText(Path.Combine(Docs, "reliability.md"))).Select(m => m.Groups["name"].Value);

        Assert.That(documented, Is.EqualTo(built));
    }

    [Test]
    public void The_exception_table_is_every_exception_the_library_throws()
    {
        var exceptions = typeof(StrategyException).Assembly.GetExportedTypes()
            .Where(t => t.IsSubclassOf(typeof(StrategyException)) && !t.IsAbstract && !t.IsGenericType)
            .Select(t => t.Name);

        Assert.That(TableNames(File.ReadAllText(Path.Combine(Docs, "errors.md")), "Exception"), Is.EquivalentTo(exceptions));
    }

    [Test]
    public void The_kind_table_is_every_error_kind()
    {
        Assert.That(TableNames(File.ReadAllText(Path.Combine(Docs, "errors.md")), "Kind"), Is.EqualTo(Enum.GetNames<StrategyErrorKind>()));
    }

    // The first column of the table whose header starts with `first`: one code span per row.
    private static IEnumerable<string> TableNames(string page, string first)
    {
        var lines = page.Split('\n');
        var header = Array.FindIndex(lines, l => l.StartsWith("| " + first + " |", StringComparison.Ordinal));
        Assert.That(header, Is.Not.Negative, "a table headed " + first);
        return lines.Skip(header + 2).TakeWhile(l => l.StartsWith('|')).Select(l => FirstCell().Match(l).Groups["name"].Value);
    }

    [GeneratedRegex(@"^\d+\. \*\*[^*]+\*\* \(`(?<name>[\w.]+)`", RegexOptions.Multiline)]
    private static partial Regex PipelineItem();

    [GeneratedRegex(@"^\| `(?<name>\w+)` \|")]
    private static partial Regex FirstCell();

    private sealed class PositionMarker(StrategyHandlerPosition position) : DelegatingHandler
    {
        public StrategyHandlerPosition Position { get; } = position;
    }
}
