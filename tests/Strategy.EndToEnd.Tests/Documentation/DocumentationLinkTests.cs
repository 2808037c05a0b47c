using System.Text.RegularExpressions;

namespace Strategy.EndToEnd.Tests;

/// <summary>The documentation holds together: every relative link leads to a file (and heading) that exists, and the README stays short.</summary>
public sealed partial class DocumentationLinkTests
{
    private static string Root => DocumentationSample.RepoRoot;

    private static IEnumerable<string> Documents =>
        Directory.EnumerateFiles(Path.Combine(Root, "docs"), "*.md", SearchOption.AllDirectories).Append(Path.Combine(Root, "README.md")).Order(StringComparer.Ordinal);

    [Test]
    public void The_README_is_at_most_10_KB() =>
        Assert.That(new FileInfo(Path.Combine(Root, "README.md")).Length, Is.LessThanOrEqualTo(10 * 1024));

    [Test]
    public void Every_relative_link_leads_to_a_file_and_heading_that_exist()
    {
        var broken = new List<string>();
        foreach (var document in Documents)
        {
            var text = Fences().Replace(File.ReadAllText(document), string.Empty);
            foreach (Match link in Link().Matches(text))
            {
                var target = link.Groups["target"].Value;
                if (target.Contains("://", StringComparison.Ordinal) || target.StartsWith("mailto:", StringComparison.Ordinal))
                {
                    continue;
                }

                var (file, anchor) = target.Split('#', 2) is [var f, var a] ? (f, a) : (target, null);
                var path = file.Length == 0 ? document : Path.GetFullPath(Path.Combine(Path.GetDirectoryName(document)!, file));
                var where = Path.GetRelativePath(Root, document) + ": " + target;
                if (!File.Exists(path) && !Directory.Exists(path))
                {
                    broken.Add(where + " (no such file)");
                }
                else if (anchor is not null && (!File.Exists(path) || !Anchors(path).Contains(anchor)))
                {
                    broken.Add(where + " (no such heading)");
                }
            }
        }

        Assert.That(broken, Is.Empty);
    }

    // GitHub's anchors: the heading in lower case, without punctuation, spaces as hyphens.
    private static HashSet<string> Anchors(string path) =>
        Heading().Matches(Fences().Replace(File.ReadAllText(path), string.Empty))
            .Select(m => Punctuation().Replace(m.Groups["title"].Value.Trim().ToLowerInvariant(), string.Empty).Replace(' ', '-'))
            .ToHashSet(StringComparer.Ordinal);

    [GeneratedRegex(@"^```.*?^```", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex Fences();

    [GeneratedRegex(@"\[[^\]]*\]\((?<target>[^)\s]+)\)")]
    private static partial Regex Link();

    [GeneratedRegex(@"^#+ (?<title>.+)$", RegexOptions.Multiline)]
    private static partial Regex Heading();

    [GeneratedRegex(@"[^\w\- ]")]
    private static partial Regex Punctuation();
}
