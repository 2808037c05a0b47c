using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Strategy.Generated.Generators.Common;

namespace Strategy.Generated.Generators.Tests;

/// <summary>
/// What the documentation and the release notes say of the diagnostics is what the generator reports:
/// every descriptor has its page, its row in the index, its release line and a test that provokes it.
/// </summary>
public sealed partial class DiagnosticPageTests
{
    private static readonly string RepoRoot = Path.GetFullPath(Path.Combine(
        typeof(DiagnosticPageTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "ProjectDirectory").Value!, "..", ".."));

    private static string DiagnosticsFolder => Path.Combine(RepoRoot, "docs", "diagnostics");

    private static IEnumerable<DiagnosticDescriptor> Descriptors => Diagnostics.All;

    [Test]
    public void Every_descriptor_the_generator_declares_is_in_the_list()
    {
        var declared = typeof(Diagnostics).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.FieldType == typeof(DiagnosticDescriptor))
            .Select(f => ((DiagnosticDescriptor)f.GetValue(null)!).Id);

        Assert.That(Diagnostics.All.Select(d => d.Id), Is.EquivalentTo(declared).And.Unique);
    }

    [TestCaseSource(nameof(Descriptors))]
    public void A_diagnostic_has_its_page_titled_as_it_is(DiagnosticDescriptor descriptor)
    {
        var page = Path.Combine(DiagnosticsFolder, descriptor.Id + ".md");

        Assert.Multiple(() =>
        {
            Assert.That(descriptor.HelpLinkUri, Is.EqualTo("docs/diagnostics/" + descriptor.Id + ".md"));
            Assert.That(File.Exists(page), Is.True, page);
            Assert.That(File.ReadLines(page).First(), Is.EqualTo($"# {descriptor.Id}: {descriptor.Title}"));
        });
    }

    [Test]
    public void The_index_lists_every_diagnostic_and_no_other()
    {
        var rows = IndexRow().Matches(File.ReadAllText(Path.Combine(DiagnosticsFolder, "README.md")))
            .Select(m => (Id: m.Groups["id"].Value, Title: m.Groups["title"].Value.Trim()));

        Assert.That(rows, Is.EqualTo(Diagnostics.All.Select(d => (d.Id, Title: d.Title.ToString()))));
    }

    [Test]
    public void No_page_is_left_for_a_diagnostic_that_is_gone()
    {
        var pages = Directory.EnumerateFiles(DiagnosticsFolder, "STRAT*.md").Select(Path.GetFileNameWithoutExtension);

        Assert.That(pages, Is.EquivalentTo(Diagnostics.All.Select(d => d.Id)));
    }

    [Test]
    public void Every_diagnostic_is_in_the_release_notes_once()
    {
        var generator = Path.Combine(RepoRoot, "generators", "Strategy.Generated.Generators");
        var lines = File.ReadLines(Path.Combine(generator, "AnalyzerReleases.Shipped.md"))
            .Concat(File.ReadLines(Path.Combine(generator, "AnalyzerReleases.Unshipped.md")))
            .Select(l => ReleaseRow().Match(l)).Where(m => m.Success).Select(m => m.Groups["id"].Value);

        Assert.That(lines, Is.EquivalentTo(Diagnostics.All.Select(d => d.Id)));
    }

    [Test]
    public void Every_diagnostic_has_a_test_that_provokes_it()
    {
        // The ids named by the diagnostic tests' cases and names: each one is expected from a spec written wrong.
        var named = typeof(DiagnosticTests).GetMethods()
            .SelectMany(m => m.GetCustomAttributes<TestCaseAttribute>().Select(c => (string)c.Arguments[0]!).Append(m.Name))
            .SelectMany(text => StratId().Matches(text).Select(m => m.Value))
            .ToHashSet();

        Assert.That(Diagnostics.All.Select(d => d.Id).Where(id => !named.Contains(id)), Is.Empty);
    }

    [GeneratedRegex(@"^\| \[(?<id>STRAT\d{3})\]\(\k<id>\.md\) \| (?<title>[^|]+)\|$", RegexOptions.Multiline)]
    private static partial Regex IndexRow();

    [GeneratedRegex(@"^(?<id>STRAT\d{3}) \|")]
    private static partial Regex ReleaseRow();

    [GeneratedRegex(@"STRAT\d{3}")]
    private static partial Regex StratId();
}
