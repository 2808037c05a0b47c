using System.Reflection;

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
        const string Anchor = "  /api/monitors/dbConnectionInstances/{connectionId}:\n    delete:\n";
        const string Added = """
              /api/monitors/dbConnectionInstances/{connectionId}:
                get:
                  tags: [Monitors]
                  operationId: GetDatabaseConnectionInstance
                  x-strategy-project: never
                  x-strategy-store: dbConnectionInstances
                  summary: Gets one database connection instance.
                  parameters:
                    - name: connectionId
                      in: path
                      required: true
                      description: The database connection instance.
                      schema: { type: string }
                  responses:
                    '200':
                      description: The connection instance.
                      content:
                        application/json:
                          schema: { $ref: '#/components/schemas/DatabaseConnectionInstance' }
                    '404': { $ref: '#/components/responses/NotFound' }
            """;
        var spec = File.ReadAllText(Path.Combine(RepoRoot, "spec", "strategy.openapi.yaml"));
        Assert.That(spec, Does.Contain(Anchor));

        var before = GeneratorHarness.RunForModule(spec).Source("StrategyCmdlets.g.cs");
        var harness = GeneratorHarness.RunForModule(spec.Replace(Anchor, Added + "\n    delete:\n", StringComparison.Ordinal));
        var after = harness.Source("StrategyCmdlets.g.cs");

        Assert.Multiple(() =>
        {
            Assert.That(harness.Diagnostics, Is.Empty);
            Assert.That(before, Does.Not.Contain("\"StrategyDatabaseConnectionInstance\""));
            Assert.That(after, Does.Contain("Cmdlet(\"Get\", \"StrategyDatabaseConnectionInstance\")").And.Contain("Gets one database connection instance."));
        });
    }
}
