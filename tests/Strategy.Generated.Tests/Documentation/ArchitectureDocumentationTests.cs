using System.Reflection;
using System.Text.RegularExpressions;

namespace Strategy.Generated.Tests.Documentation;

/// <summary>
/// The architecture page's project table is the tree: every project folder has its row, and the rows
/// of the library, the emulator, the command and the module name every folder they hold. A folder
/// added without a word on the page fails here.
/// </summary>
public sealed partial class ArchitectureDocumentationTests
{
    private static readonly string Root =
        typeof(ArchitectureDocumentationTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "RepoRoot").Value!;

    private static readonly Dictionary<string, string> Rows = ProjectRow()
        .Matches(File.ReadAllText(Path.Combine(Root, "docs", "contributing", "architecture.md")))
        .ToDictionary(m => m.Groups["path"].Value, m => m.Groups["purpose"].Value);

    [Test]
    public void Every_project_folder_has_a_row()
    {
        var folders = new[] { "src", "generators", "tests", "samples" }
            .SelectMany(top => Directory.GetDirectories(Path.Combine(Root, top)).Select(d => top + "/" + Path.GetFileName(d) + "/"))
            .Where(f => !Path.GetFileName(f.TrimEnd('/')).StartsWith('.'));

        var missing = folders.Where(folder => !Rows.Keys.Any(row => Matches(row, folder))).ToList();

        Assert.Multiple(() =>
        {
            Assert.That(Rows, Has.Count.GreaterThan(10), "the table was read");
            Assert.That(missing, Is.Empty);
        });
    }

    [TestCase("src/Strategy.Generated/")]
    [TestCase("src/Strategy.Emulator/")]
    [TestCase("src/Strategy.Cli/")]
    [TestCase("src/Strategy.PowerShell/")]
    public void A_projects_row_names_every_folder_it_holds(string project)
    {
        var folders = Directory.GetDirectories(Path.Combine(Root, project))
            .Select(Path.GetFileName)
            .Where(name => name is not ("bin" or "obj") && !name!.StartsWith('.'));

        Assert.That(folders.Where(name => !Rows[project].Contains("`" + name + "/`", StringComparison.Ordinal)), Is.Empty);
    }

    /// <summary>A row's path is a folder, or a pattern with <c>*</c> for any name (<c>tests/*.NetStandard/</c>).</summary>
    private static bool Matches(string row, string folder) =>
        Regex.IsMatch(folder, "^" + Regex.Escape(row).Replace("\\*", "[^/]*", StringComparison.Ordinal) + "$");

    [GeneratedRegex(@"^\| `(?<path>[^`]+/)` \| (?<purpose>.+) \|$", RegexOptions.Multiline)]
    private static partial Regex ProjectRow();
}
