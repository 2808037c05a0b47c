using System.Reflection;
using Strategy.Tests.Shared;

namespace Strategy.Generated.Generators.Tests;

/// <summary>
/// An operation added to a copy of the repository's spec, and nothing else, gets its cmdlet from the
/// module's generator (the same change the emulator's spec change test serves from its store).
/// </summary>
public sealed class SpecChangeCmdletTests
{
    private static readonly string RepoRoot = Path.GetFullPath(Path.Combine(
        typeof(SpecChangeCmdletTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "ProjectDirectory").Value!, "..", ".."));

    [Test]
    public void An_operation_added_to_the_spec_alone_gets_its_cmdlet_with_the_specs_words()
    {
        var spec = File.ReadAllText(Path.Combine(RepoRoot, "spec", "strategy.openapi.yaml"));

        var before = GeneratorHarness.RunForModule(spec).Source("StrategyCmdlets.g.cs");
        var harness = GeneratorHarness.RunForModule(SpecChange.AddTo(spec));
        var after = harness.Source("StrategyCmdlets.g.cs");

        Assert.Multiple(() =>
        {
            Assert.That(harness.Diagnostics, Is.Empty);
            Assert.That(before, Does.Not.Contain("\"StrategyDatabaseConnectionInstance\""));
            Assert.That(after, Does.Contain("Cmdlet(\"Get\", \"StrategyDatabaseConnectionInstance\")").And.Contain("Gets one database connection instance."));
        });
    }
}
