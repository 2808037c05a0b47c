using Newtonsoft.Json.Linq;
using Strategy.Cli.Infrastructure;
using Strategy.Emulator;

namespace Strategy.Cli.Tests;

/// <summary>
/// Words where a person reads, numbers kept where a script reads: statuses in words, work named by
/// what it is (never an operation id as the subject of a sentence), and --json keys in one case with
/// the words beside each status number. A child process, as a scheduler runs it.
/// </summary>
[NonParallelizable]
[Platform("Linux,MacOsX")]
public sealed class OutputWordsTests
{
    private static readonly string[] OperationIds = ["PublishCube", "PublishDataModel", "SendSubscription", "TriggerEvent", "ReloadSchema", "UpdateCubeCache"];

    private StrategyEmulator _emulator = null!;

    [OneTimeSetUp]
    public async Task StartEmulator() => _emulator = await StrategyEmulator.StartAsync(new StrategyEmulatorOptions { PathBase = "/MicroStrategyLibrary", PublishDuration = TimeSpan.FromSeconds(1) });

    [OneTimeTearDown]
    public async Task StopEmulator() => await _emulator.DisposeAsync();

    [Test]
    public async Task A_resumed_publish_reports_its_statuses_and_its_end_in_words()
    {
        // A publish still running when the wait starts, however slowly a busy machine starts the process.
        await using var slow = await StrategyEmulator.StartAsync(new StrategyEmulatorOptions { PathBase = "/MicroStrategyLibrary", PublishDuration = TimeSpan.FromSeconds(8) });
        var (_, token, startError) = await RunAsync(slow, "datamodels", "publish", Seeds.DataModelId, "--no-wait");

        var (exitCode, output, error) = await RunAsync(slow, "wait", token.Trim());

        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.EqualTo(ExitCodes.Success), error);
            Assert.That(error, Does.Contain("  publish: every table loaded; tables: 3 loaded ("), "as datamodels publish words it");
            Assert.That(error, Does.Not.Match(@"publish: \d"), "no status number where words are");
            Assert.That(output.Trim(), Does.StartWith($"Data model {Seeds.DataModelId} published: every table loaded"));
            Assert.That(startError + error + output, Does.Not.Contain(OperationIds[1]));
        });
    }

    [Test]
    public async Task No_line_of_a_started_and_resumed_command_has_an_operation_id_for_a_subject()
    {
        var (_, cubeToken, cubeStart) = await RunAsync("cubes", "refresh", Seeds.SalesCubeId, "--no-wait");
        var (_, eventToken, eventStart) = await RunAsync("events", "trigger", Seeds.PersonalViewEventId, "--no-wait");
        var (_, cubeOutput, cubeError) = await RunAsync("wait", cubeToken.Trim());
        var (_, eventOutput, eventError) = await RunAsync("wait", eventToken.Trim());

        var everything = string.Join(Environment.NewLine, cubeStart, eventStart, cubeOutput, cubeError, eventOutput, eventError);
        Assert.Multiple(() =>
        {
            foreach (var operationId in OperationIds)
            {
                Assert.That(everything, Does.Not.Contain(operationId));
            }

            Assert.That(cubeOutput.Trim(), Does.StartWith($"cube {Seeds.SalesCubeId} published (job ").And.EndWith(", Ready)"));
            Assert.That(cubeError, Does.StartWith("Resumed the cube publish job "));
        });
    }

    [Test]
    public async Task Json_keeps_each_status_number_and_adds_its_words()
    {
        string subscriptionId;
        await using (var connection = Generated.StrategyConnection.Create(_emulator.BaseUrl, Generated.StrategyCredentials.Standard("administrator", string.Empty), Seeds.ProjectId))
        {
            subscriptionId = (await connection.CreateClient<Generated.SubscriptionsClient>().CreateSubscriptionAsync(Generated.DataModelRefreshSubscription.Create(
                "words", Seeds.DataModelId, [new Generated.TableRefresh { Id = Seeds.SampleTableId, RefreshPolicy = Generated.RefreshPolicy.Upsert }], [Seeds.AllTheTimeScheduleId]))).Id;
        }

        var (runExit, run, runError) = await RunAsync("subscriptions", "run", subscriptionId, "--json");
        var (publishExit, publish, publishError) = await RunAsync("datamodels", "publish", Seeds.DataModelId, "--json");

        var ran = JObject.Parse(run);
        var published = JObject.Parse(publish);
        Assert.Multiple(() =>
        {
            Assert.That(runExit, Is.EqualTo(ExitCodes.Success), runError);
            Assert.That((int?)ran["state"], Is.EqualTo(1));
            Assert.That((string?)ran["stateText"], Is.EqualTo("succeeded"));
            Assert.That(publishExit, Is.EqualTo(ExitCodes.Success), publishError);
            Assert.That((int?)published["status"], Is.Zero);
            Assert.That((string?)published["statusText"], Does.StartWith("every table loaded"));
        });
    }

    [Test]
    public async Task Every_json_key_of_a_cube_refresh_is_camel_case()
    {
        var (exitCode, output, error) = await RunAsync("cubes", "refresh", Seeds.InventoryCubeId, "--json");

        var outcome = (JObject)JArray.Parse(output).Single();
        var keys = outcome.DescendantsAndSelf().OfType<JProperty>().Select(p => p.Name).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.EqualTo(ExitCodes.Success), error);
            Assert.That(keys, Has.None.Matches<string>(k => char.IsUpper(k[0])), string.Join(", ", keys));
            Assert.That((string?)outcome["jobStatus"], Is.EqualTo("completed"));
            Assert.That((long?)outcome["lastUpdate"]!["jobNumber"], Is.Not.Null);
        });
    }

    private Task<(int ExitCode, string Out, string Error)> RunAsync(params string[] args) => RunAsync(_emulator, args);

    private static async Task<(int ExitCode, string Out, string Error)> RunAsync(StrategyEmulator emulator, params string[] args)
    {
        using var cli = CliProcess.Start(emulator, args);
        var exitCode = await cli.WaitForExitAsync(TimeSpan.FromSeconds(60));
        return (exitCode, cli.Output, cli.Error);
    }
}
