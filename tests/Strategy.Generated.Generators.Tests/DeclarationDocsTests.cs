using System.Collections.Concurrent;
using System.Reflection;
using Strategy.Generated.Generators.Workflows;

namespace Strategy.Generated.Generators.Tests;

/// <summary>
/// Every key a declaration kind reads is in the key table of <c>docs/declaration-language.md</c>, on
/// its kind's row: the keys are those the kinds ask for while the fixture spec (which declares each
/// kind) is read, so a key added to a kind without its documentation fails here.
/// </summary>
public sealed class DeclarationDocsTests
{
    private static string RepoRoot => Path.GetFullPath(Path.Combine(
        typeof(DeclarationDocsTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "ProjectDirectory").Value!,
        "..",
        ".."));

    [Test]
    public void Every_key_a_kind_reads_is_on_its_row_of_the_key_table()
    {
        var asked = new ConcurrentBag<(string Extension, string Key)>();
        var kinds = DeclarationKinds.Default.Select(kind => (DeclarationKind)new RecordingKind(kind, asked)).ToList();

        var harness = GeneratorHarness.Run(kinds, GeneratorHarness.FixtureSpec, GeneratorHarness.FixtureClients);
        var table = File.ReadAllLines(Path.Combine(RepoRoot, "docs", "declaration-language.md"))
            .Where(line => line.StartsWith("| `x-strategy-", StringComparison.Ordinal))
            .ToList();

        Assert.Multiple(() =>
        {
            Assert.That(harness.Diagnostics, Is.Empty);
            Assert.That(asked.Select(a => a.Extension).Distinct(), Is.EquivalentTo(DeclarationKinds.Default.Select(k => k.Extension)), "the fixture spec declares every kind");
            foreach (var extension in asked.Select(a => a.Extension).Distinct())
            {
                var row = table.SingleOrDefault(line => line.StartsWith("| `" + extension + "`", StringComparison.Ordinal));
                Assert.That(row, Is.Not.Null, $"{extension} has a row in the key table");
                foreach (var key in asked.Where(a => a.Extension == extension).Select(a => a.Key).Distinct().Order(StringComparer.Ordinal))
                {
                    Assert.That(row, Does.Contain("`" + key + "`"), $"{extension}'s row documents its key {key}");
                }
            }
        });
    }

    /// <summary>A kind as it is, noting each key it asks for when it reads a declaration.</summary>
    private sealed class RecordingKind(DeclarationKind kind, ConcurrentBag<(string Extension, string Key)> asked) : DeclarationKind
    {
        public override string Extension => kind.Extension;

        public override Declaration? Read(DeclarationEntry entry)
        {
            var declaration = kind.Read(entry);
            foreach (var key in entry.AskedKeys)
            {
                asked.Add((kind.Extension, key));
            }

            return declaration;
        }
    }
}
