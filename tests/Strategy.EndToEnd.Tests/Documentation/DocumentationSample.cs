using System.Reflection;
using System.Text.RegularExpressions;

namespace Strategy.EndToEnd.Tests;

/// <summary>
/// One C# sample of the documentation (README.md and docs/): a ```csharp block, where it is written,
/// and whether it is only compiled (a comment <c>&lt;!-- sample: compile only --&gt;</c> just above
/// it, for a sample that needs a real server or a host) or also run against the emulator.
/// </summary>
/// <param name="File">The document, relative to the repository.</param>
/// <param name="Line">The line the code starts on.</param>
/// <param name="Code">The code, as printed.</param>
/// <param name="CompileOnly">Whether it is only compiled.</param>
public sealed partial record DocumentationSample(string File, int Line, string Code, bool CompileOnly)
{
    /// <summary>The repository's root, as the build recorded it.</summary>
    public static string RepoRoot => typeof(DocumentationSample).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "RepoRoot").Value!;

    /// <summary>Every C# sample of README.md and of the Markdown files under docs/.</summary>
    public static IReadOnlyList<DocumentationSample> All()
    {
        var documents = new[] { Path.Combine(RepoRoot, "README.md") }
            .Concat(Directory.Exists(Path.Combine(RepoRoot, "docs")) ? Directory.EnumerateFiles(Path.Combine(RepoRoot, "docs"), "*.md", SearchOption.AllDirectories) : [])
            .Order(StringComparer.Ordinal);
        return documents.SelectMany(Read).ToList();
    }

    private static IEnumerable<DocumentationSample> Read(string path)
    {
        var text = System.IO.File.ReadAllText(path).Replace("\r\n", "\n", StringComparison.Ordinal);
        var relative = Path.GetRelativePath(RepoRoot, path).Replace('\\', '/');
        foreach (Match block in CSharpBlock().Matches(text))
        {
            var before = text[..block.Index].TrimEnd();
            var line = text[..block.Groups["code"].Index].Count(c => c == '\n') + 1;
            yield return new DocumentationSample(relative, line, block.Groups["code"].Value, before.EndsWith("<!-- sample: compile only -->", StringComparison.Ordinal));
        }
    }

    /// <inheritdoc />
    public override string ToString() => $"{File}:{Line}";

    [GeneratedRegex("^```csharp\\n(?<code>.*?)^```", RegexOptions.Singleline | RegexOptions.Multiline)]
    private static partial Regex CSharpBlock();
}
