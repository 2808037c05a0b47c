using System.Text.RegularExpressions;

namespace Strategy.PowerShell.Tests;

/// <summary>The cmdlet table of docs/powershell.md is the module as PowerShell loads it: every cmdlet, and only parameters it has.</summary>
public sealed partial class DocumentationTests
{
    private static readonly string Page = File.ReadAllText(Path.Combine(TestPaths.RepoRoot, "docs", "powershell.md"));

    private static IEnumerable<(string[] Cmdlets, string[] Parameters)> Rows =>
        CmdletRow().Matches(Page).Select(m => m.Groups["syntax"].Value).Select(syntax => (
            CmdletName().Matches(syntax).Select(c => c.Value).ToArray(),
            ParameterName().Matches(syntax).Select(p => p.Groups["name"].Value).ToArray()));

    [Test]
    public void The_table_lists_every_cmdlet_of_the_module_once()
    {
        using var session = new PowerShellSession();
        var exported = session.Run("(Get-Command -Module Strategy.PowerShell).Name").Succeeded().Output.Select(o => o.ToString());

        var generated = CmdletReference.Catalog(session).Where(o => !o.HandWritten).Select(o => o.Cmdlet).ToHashSet(StringComparer.Ordinal);

        // The cmdlets made from the spec are on their reference page, written from the spec (below).
        Assert.Multiple(() =>
        {
            Assert.That(Rows.SelectMany(r => r.Cmdlets), Is.EquivalentTo(exported.Where(c => !generated.Contains(c))).And.Unique);
            Assert.That(generated, Is.SubsetOf(exported), "every cmdlet the catalog names is exported");
        });
    }

    [Test]
    public void The_cmdlet_reference_is_written_from_the_spec()
    {
        using var session = new PowerShellSession();
        var path = Path.Combine(TestPaths.RepoRoot, "docs", "reference", "cmdlets.md");
        var written = CmdletReference.Write(CmdletReference.Catalog(session));
        if (Environment.GetEnvironmentVariable("STRATEGY_UPDATE_DOCS") == "1")
        {
            File.WriteAllText(path, written);
        }

        Assert.That(File.Exists(path) ? File.ReadAllText(path) : string.Empty, Is.EqualTo(written), "docs/reference/cmdlets.md is out of date: run the module's tests with STRATEGY_UPDATE_DOCS=1 and review the diff.");
    }

    [Test]
    public void Every_parameter_the_table_shows_is_a_parameter_of_its_cmdlet()
    {
        using var session = new PowerShellSession();
        var unknown = new List<string>();
        foreach (var (cmdlets, parameters) in Rows)
        {
            foreach (var cmdlet in cmdlets)
            {
                var known = session.Run("(Get-Command $Name).Parameters.Keys", ("Name", cmdlet)).Succeeded().Output.Select(o => o.ToString()).ToHashSet(StringComparer.OrdinalIgnoreCase);
                unknown.AddRange(parameters.Where(p => !known.Contains(p)).Select(p => cmdlet + " -" + p));
            }
        }

        Assert.That(unknown, Is.Empty);
    }

    [Test]
    public void The_error_table_has_the_category_of_every_kind_of_failure()
    {
        // The module's own mapping, read from its assembly: every failure class and the category it becomes.
        using var session = new PowerShellSession();
        var categories = session.Run("""
            $errors = (Get-Module Strategy.PowerShell).ImplementingAssembly.GetType('Strategy.PowerShell.Errors', $true)
            $category = $errors.GetMethod('Category', [Reflection.BindingFlags]'NonPublic,Static')
            $classes = $errors.Assembly.GetType('Strategy.Shared.FailureClass', $true)
            foreach ($value in [Enum]::GetValues($classes)) { $category.Invoke($null, [object[]]@([Enum]::ToObject($classes, [int]$value))).ToString() }
            """).Succeeded().Output.Select(o => o.ToString()).Distinct().ToList();

        var documented = ErrorRow().Matches(Page).SelectMany(m => Regex.Matches(m.Groups["categories"].Value, @"`(\w+)`").Select(c => c.Groups[1].Value)).ToList();

        Assert.Multiple(() =>
        {
            Assert.That(categories, Is.Not.Empty);
            Assert.That(documented, Is.SupersetOf(categories));
        });
    }

    // A row of the error table: its first cell, the categories in code spans.
    [GeneratedRegex(@"^\| (?<categories>`[A-Z]\w+`(?:, `[A-Z]\w+`)*) \| ", RegexOptions.Multiline)]
    private static partial Regex ErrorRow();

    // A row of the cmdlet table: its first cell, in code spans.
    [GeneratedRegex(@"^\| (?<syntax>`(?:Connect|Disconnect|Enter|Exit|Export|Get|Set|New|Remove|Start|Stop|Invoke|Publish|Update|Wait|Sync)-Strategy[^|]*(?:\\\|[^|]*)*) \| [^|]+ \|$", RegexOptions.Multiline)]
    private static partial Regex CmdletRow();

    [GeneratedRegex(@"\b[A-Z][a-z]+-Strategy\w+")]
    private static partial Regex CmdletName();

    [GeneratedRegex(@"(?<![\w-])-(?<name>[A-Z]\w+)")]
    private static partial Regex ParameterName();
}
