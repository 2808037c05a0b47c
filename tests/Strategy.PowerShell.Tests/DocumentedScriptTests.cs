using System.Text.RegularExpressions;
using Strategy.Emulator;

namespace Strategy.PowerShell.Tests;

/// <summary>
/// Every PowerShell block of README.md and docs/, run as a reader runs a document: in one session,
/// block after block, connected (by the block, or as the document's first block shows), the example
/// server being the emulator program. Each block must end without an
/// error record. The install block is run by <see cref="InstallTests"/> (it installs for the user), and
/// nothing else is left out.
/// </summary>
[NonParallelizable]
public sealed partial class DocumentedScriptTests : ServerFixture
{
    private static readonly string[] Documents = ["README.md", "docs/powershell.md", "docs/library/people.md"];

    private static IEnumerable<TestCaseData> DocumentsWithScripts() =>
        Documents.Select(d => new TestCaseData(d).SetArgDisplayNames(d));

    [Test]
    public void Every_document_with_a_powershell_block_is_run_here()
    {
        var withBlocks = new[] { Path.Combine(TestPaths.RepoRoot, "README.md") }
            .Concat(Directory.EnumerateFiles(Path.Combine(TestPaths.RepoRoot, "docs"), "*.md", SearchOption.AllDirectories))
            .Where(path => Blocks(path).Any())
            .Select(path => Path.GetRelativePath(TestPaths.RepoRoot, path).Replace('\\', '/'));

        Assert.That(withBlocks, Is.EquivalentTo(Documents));
    }

    [TestCaseSource(nameof(DocumentsWithScripts))]
    public void Each_block_of_a_document_runs_against_the_emulator_without_an_error(string document)
    {
        var work = Directory.CreateTempSubdirectory("strategy-docs-ps-");
        try
        {
            Shell.Run("Set-Location $Work", ("Work", work.FullName));
            var failures = new List<string>();
            foreach (var (line, script) in Blocks(Path.Combine(TestPaths.RepoRoot, document)))
            {
                if (script.Contains("Install-PSResource", StringComparison.Ordinal))
                {
                    continue; // InstallTests runs it: publish, register, install for the user, import, run.
                }

                // A block that does not connect itself is run in a session a reader has connected (the document's first block shows how).
                if (!script.Contains("Connect-StrategyServer ", StringComparison.Ordinal))
                {
                    Shell.Connect().Succeeded();
                }

                var result = Shell.Run(Rewrite(script));
                if (result.Errors.Count > 0 || result.Terminated is not null)
                {
                    failures.Add($"{document}:{line}: {string.Join("; ", result.Errors.Select(e => e.ToString()))} {result.Terminated?.Message}");
                }
            }

            Assert.That(failures, Is.Empty, "every block ran without an error");
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    /// <summary>The powershell blocks of a document, with the line each starts on.</summary>
    private static IEnumerable<(int Line, string Script)> Blocks(string path)
    {
        var lines = File.ReadAllLines(path);
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i].Trim() != "```powershell")
            {
                continue;
            }

            var start = i + 2;
            var body = new List<string>();
            for (i++; i < lines.Length && lines[i].Trim() != "```"; i++)
            {
                body.Add(lines[i]);
            }

            yield return (start, string.Join("\n", body));
        }
    }

    /// <summary>
    /// The block as a reader here would run it: the example server is the emulator, the credential the
    /// session's (no one is at the keyboard for Get-Credential or -Confirm, so the answer is yes).
    /// </summary>
    private static string Rewrite(string script)
    {
        script = ExampleServer().Replace(script, "$BaseUrl");
        script = script.Replace("(Get-Credential)", "$Credential", StringComparison.Ordinal);
        return ConfirmSwitch().Replace(script, "-Confirm:$false");
    }

    [GeneratedRegex(@"https://bi\.example\.com/MicroStrategyLibrary/?")]
    private static partial Regex ExampleServer();

    [GeneratedRegex(@"-Confirm\b(?!:)")]
    private static partial Regex ConfirmSwitch();
}
