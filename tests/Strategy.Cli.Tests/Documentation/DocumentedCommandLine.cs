using System.Reflection;

namespace Strategy.Cli.Tests.Documentation;

/// <summary>One command line of a bash block in README.md or docs/, continuation lines joined, its comment cut.</summary>
/// <param name="Document">The document, relative to the repository (<c>docs/cli.md</c>).</param>
/// <param name="Block">The block's number in the document, from 1.</param>
/// <param name="Line">The line in the document where the command starts.</param>
/// <param name="Command">The command as written, without its trailing comment.</param>
public sealed record DocumentedCommandLine(string Document, int Block, int Line, string Command)
{
    /// <summary>The repository the tests were built from.</summary>
    public static string RepoRoot { get; } = typeof(DocumentedCommandLine).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "RepoRoot").Value!;

    /// <summary>Every command line of every bash block of README.md, docs/ and the samples' READMEs, in order.</summary>
    public static IReadOnlyList<DocumentedCommandLine> All()
    {
        var documents = new[] { Path.Combine(RepoRoot, "README.md") }
            .Concat(Directory.EnumerateFiles(Path.Combine(RepoRoot, "docs"), "*.md", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            .Concat(Directory.EnumerateFiles(Path.Combine(RepoRoot, "samples"), "README.md", SearchOption.AllDirectories).Order(StringComparer.Ordinal));
        return [.. documents.SelectMany(Of)];
    }

    /// <summary>The command lines of the bash blocks of one document.</summary>
    public static IEnumerable<DocumentedCommandLine> Of(string path)
    {
        var relative = Path.GetRelativePath(RepoRoot, path).Replace('\\', '/');
        var lines = File.ReadAllLines(path);
        var block = 0;
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i].Trim() is not ("```bash" or "```sh" or "```shell"))
            {
                continue;
            }

            block++;
            for (i++; i < lines.Length && lines[i].Trim() != "```"; i++)
            {
                var start = i;
                var command = WithoutComment(lines[i]).TrimEnd();
                while (command.EndsWith('\\') && i + 1 < lines.Length)
                {
                    command = command[..^1].TrimEnd() + " " + WithoutComment(lines[++i]).Trim();
                }

                if (command.Trim().Length > 0)
                {
                    yield return new DocumentedCommandLine(relative, block, start + 1, command.Trim());
                }
            }
        }
    }

    /// <inheritdoc />
    public override string ToString() => $"{Document}:{Line}";

    /// <summary>The line without a comment that starts with "#" after whitespace, outside quotes.</summary>
    private static string WithoutComment(string line)
    {
        var quote = '\0';
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quote != '\0')
            {
                quote = c == quote ? '\0' : quote;
            }
            else if (c is '\'' or '"')
            {
                quote = c;
            }
            else if (c == '#' && (i == 0 || char.IsWhiteSpace(line[i - 1])))
            {
                return line[..i];
            }
        }

        return line;
    }
}
