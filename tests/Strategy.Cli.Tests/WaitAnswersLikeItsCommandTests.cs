using System.Text.RegularExpressions;
using Newtonsoft.Json.Linq;
using Strategy.Cli.Infrastructure;
using Strategy.Emulator;

namespace Strategy.Cli.Tests;

/// <summary>
/// The same work, the same answer: a command that waits, and the same command with <c>--no-wait</c>
/// followed by <c>strategy wait &lt;token&gt;</c>, print the same line (ids, times and counts aside) and
/// the same fields with <c>--json</c>, and exit the same way, whether the work succeeded or failed.
/// </summary>
public sealed partial class WaitAnswersLikeItsCommandTests : CliTest
{
    public static IEnumerable<TestCaseData> Commands()
    {
        yield return new TestCaseData("cubes refresh " + Seeds.SalesCubeId).SetName("cubes refresh");
        yield return new TestCaseData("schema reload").SetName("schema reload");
        yield return new TestCaseData("datamodels publish " + Seeds.DataModelId).SetName("datamodels publish");
        yield return new TestCaseData("subscriptions run {subscription}").SetName("subscriptions run");
        yield return new TestCaseData("events trigger " + Seeds.PersonalViewEventId + " {subscription on the event}").SetName("events trigger");
    }

    [TestCaseSource(nameof(Commands))]
    public async Task Wait_prints_the_line_and_the_fields_its_command_prints(string command)
    {
        var args = await ArgumentsAsync(command);

        var (directExit, direct, directError) = await RunAsync(args);
        var (resumedExit, resumed, resumedError) = await WaitAsync(args);
        var (directJsonExit, directJson, _) = await RunAsync([.. args, "--json"]);
        var (resumedJsonExit, resumedJson, _) = await WaitAsync(args, "--json");

        Assert.Multiple(() =>
        {
            Assert.That(directExit, Is.EqualTo(ExitCodes.Success), directError);
            Assert.That(resumedExit, Is.EqualTo(directExit), resumedError);
            Assert.That(Shape(resumed), Is.EqualTo(Shape(direct)), "the same line, ids and times aside");
            Assert.That(directJsonExit, Is.EqualTo(ExitCodes.Success));
            Assert.That(resumedJsonExit, Is.EqualTo(directJsonExit));
            Assert.That(Fields(JToken.Parse(resumedJson)), Is.EqualTo(Fields(JToken.Parse(directJson))).And.Not.Empty, "the same fields");
        });
    }

    [Test]
    public async Task A_failed_cube_publish_answers_the_same_way_waited_for_or_resumed()
    {
        Emulator.FailNextCubePublish("The warehouse table SALES_FACT does not exist.");
        var (directExit, direct, directError) = await RunAsync("cubes", "refresh", Seeds.SalesCubeId, "--json");
        Emulator.FailNextCubePublish("The warehouse table SALES_FACT does not exist.");
        var (resumedExit, resumed, resumedError) = await WaitAsync(["cubes", "refresh", Seeds.SalesCubeId], "--json");

        Assert.Multiple(() =>
        {
            Assert.That(directExit, Is.EqualTo(ExitCodes.ServerFailure), directError);
            Assert.That(resumedExit, Is.EqualTo(directExit), resumedError);
            Assert.That(Fields(JToken.Parse(resumed)), Is.EqualTo(Fields(JToken.Parse(direct))));
            Assert.That((bool?)JToken.Parse(resumed)[0]?["succeeded"], Is.False);
            Assert.That(resumedError, Does.Contain("SALES_FACT"));
            Assert.That(Shape(ErrorLine(resumedError)), Is.EqualTo(Shape(ErrorLine(directError))));
        });
    }

    [Test]
    public async Task A_failed_subscription_run_answers_the_same_way_waited_for_or_resumed()
    {
        var args = await ArgumentsAsync("subscriptions run {subscription}");
        Emulator.FailNextPublish();
        var (directExit, direct, directError) = await RunAsync([.. args, "--json"]);
        Emulator.FailNextPublish();
        var (resumedExit, resumed, resumedError) = await WaitAsync(args, "--json");

        Assert.Multiple(() =>
        {
            Assert.That(directExit, Is.EqualTo(ExitCodes.ServerFailure), directError);
            Assert.That(resumedExit, Is.EqualTo(directExit), resumedError);
            Assert.That(Fields(JToken.Parse(resumed)), Is.EqualTo(Fields(JToken.Parse(direct))).And.Not.Empty);
        });
    }

    /// <summary>The command's words, with a subscription of its own made first when it runs one.</summary>
    private async Task<string[]> ArgumentsAsync(string command)
    {
        var onEvent = command.EndsWith(" {subscription on the event}", StringComparison.Ordinal);
        if (command.Contains("{subscription", StringComparison.Ordinal))
        {
            // A subscription to run, or one the event's schedule starts (so the event has a run to follow).
            var schedule = onEvent ? Seeds.PersonalViewScheduleId : Seeds.AllTheTimeScheduleId;
            var (exitCode, output, error) = await RunAsync("subscriptions", "create", "--name", "nightly", "--data-model", Seeds.DataModelId, "--schedule", schedule, "--table", "ytd_day=upsert", "--json");
            Assert.That(exitCode, Is.EqualTo(ExitCodes.Success), error);
            command = onEvent ? command[..command.IndexOf(" {", StringComparison.Ordinal)] : command.Replace("{subscription}", (string)JObject.Parse(output)["id"]!, StringComparison.Ordinal);
        }

        return command.Split(' ');
    }

    /// <summary>The command started with --no-wait, then <c>strategy wait</c> on its token.</summary>
    private async Task<(int ExitCode, string Out, string Error)> WaitAsync(string[] command, params string[] options)
    {
        var (startExit, token, startError) = await RunAsync([.. command, "--no-wait"]);
        Assert.That(startExit, Is.EqualTo(ExitCodes.Success), startError);
        return await RunAsync(["wait", token.Trim(), .. options]);
    }

    /// <summary>A line with what differs between two runs of the same work masked: ids, job numbers, times and durations.</summary>
    private static string Shape(string text) => Numbers().Replace(JobId().Replace(HexId().Replace(text, "<id>"), "<job>"), "<n>");

    /// <summary>Every property path of a JSON answer (array items merged), sorted: what fields it has, not their values.</summary>
    private static List<string> Fields(JToken token) =>
        token.SelectTokens("$..*").OfType<JValue>().Select(v => ArrayIndex().Replace(v.Path, "[]")).Distinct().Order(StringComparer.Ordinal).ToList();

    private static string ErrorLine(string error) => error.Split(Environment.NewLine).FirstOrDefault(l => l.StartsWith("error:", StringComparison.Ordinal)) ?? string.Empty;

    [GeneratedRegex("[0-9A-F]{32}")]
    private static partial Regex HexId();

    [GeneratedRegex(@"\d+:[A-Za-z0-9+/=]+")]
    private static partial Regex JobId();

    [GeneratedRegex(@"\d+(\.\d+)?")]
    private static partial Regex Numbers();

    [GeneratedRegex(@"\[\d+\]")]
    private static partial Regex ArrayIndex();
}
