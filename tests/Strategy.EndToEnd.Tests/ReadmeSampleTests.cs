using System.Reflection;
using System.Text.RegularExpressions;
using Strategy.Emulator;

namespace Strategy.EndToEnd.Tests;

/// <summary>The README's C# samples are compiled (ReadmeSamples.cs) and the workflow ones run.</summary>
public sealed partial class ReadmeSampleTests : EmulatorTest
{
    private static string RepoRoot => typeof(ReadmeSampleTests).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "RepoRoot").Value!;

    [Test]
    public void Every_csharp_block_of_the_README_is_in_the_compiled_samples()
    {
        var readme = File.ReadAllText(Path.Combine(RepoRoot, "README.md"));
        var samples = Normalize(File.ReadAllText(Path.Combine(RepoRoot, "tests", "Strategy.EndToEnd.Tests", "ReadmeSamples.cs")));
        var blocks = CSharpBlock().Matches(readme).Select(m => m.Groups[1].Value).ToList();

        Assert.That(blocks, Has.Count.GreaterThanOrEqualTo(5));
        Assert.Multiple(() =>
        {
            foreach (var block in blocks)
            {
                Assert.That(samples, Does.Contain(Normalize(block)), $"README block not in ReadmeSamples.cs:\n{block}");
            }
        });
    }

    [Test]
    public async Task The_workflow_samples_run_against_the_emulator()
    {
        var task = await ReadmeSamples.ReloadSchemaAsync(Connection, CancellationToken.None);
        var published = await ReadmeSamples.RefreshDataModelAsync(Connection, Seeds.DataModelId, CancellationToken.None);
        var subscription = await ReadmeSamples.ScheduleRefreshAsync(Connection, Seeds.DataModelId, Seeds.SampleTableId, Seeds.AllTheTimeScheduleId, CancellationToken.None);
        var (ranNow, fired, last) = await ReadmeSamples.RunNowAsync(Connection, subscription, Seeds.PersonalViewEventId, CancellationToken.None);
        await ReadmeSamples.TestAgainstTheEmulatorAsync();
        // The emulator plays a server of this spec's version, which refuses a refresh policy it does not know on write.
        var foreign = Newtonsoft.Json.Linq.JObject.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "Foreign", "GetSubscription.expression-filter.json")));
        foreign["contents"]![0]!["refreshCondition"]!["tables"]![1]!["refreshPolicy"] = "upsert";
        var foreignId = Emulator.SeedSubscription(foreign.ToString());
        var renamed = await ReadmeSamples.RenameSubscriptionAsync(Connection, foreignId);

        Assert.Multiple(() =>
        {
            Assert.That(renamed.Name, Is.EqualTo("Nightly refresh"));
            Assert.That(renamed.Contents.Single().RefreshCondition!.Filters!.Single().Expression!.Operator, Is.EqualTo("In"));
            Assert.That(renamed.AdditionalProperties.Keys, Does.Contain("status"), "what the spec does not list survives the rename");
            Assert.That(task!.Status, Is.EqualTo(Generated.ModelTaskStatus.Completed));
            Assert.That(published.Status, Is.Zero);
            Assert.That(subscription.Name, Is.EqualTo("Nightly refresh"));
            Assert.That(ranNow.Outcome, Is.EqualTo(Generated.StrategyOutcome.Succeeded));
            Assert.That(fired, Is.Empty, "nothing on that schedule waits on the event");
            Assert.That(last!.Start, Is.EqualTo(ranNow.Start));
            Assert.That(Emulator.OpenInstanceCount, Is.Zero);
        });
    }

    [Test]
    public async Task The_fake_sample_runs_without_a_server()
    {
        Assert.That(await ReadmeSamples.FakeTheClientAsync(), Is.True);
    }

    /// <summary>Lines trimmed and joined, so indentation differences do not matter.</summary>
    private static string Normalize(string code) =>
        string.Join("\n", code.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0));

    [GeneratedRegex("```csharp\\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex CSharpBlock();
}
