using Newtonsoft.Json.Linq;
using Strategy.Cli.Infrastructure;
using Strategy.Emulator;

namespace Strategy.Cli.Tests;

/// <summary>
/// The command never works on a fake server by accident, never changes a server without being
/// told, never logs in with a password nobody gave, and changes only what it is asked to.
/// </summary>
public sealed class ServerChoiceTests : CliTest
{
    private static async Task<(int ExitCode, string Out, string Error)> RunWithEnvironmentAsync(IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var console = new CliConsole { Out = output, Error = error, GetEnvironmentVariable = name => environment.TryGetValue(name, out var value) ? value : null };
        var exitCode = await StrategyCli.RunAsync(args, console, CancellationToken.None);
        return (exitCode, output.ToString(), error.ToString());
    }

    [TestCase(null, TestName = "Without STRATEGY_BASE_URL a command other than demo is bad input")]
    [TestCase("", TestName = "With STRATEGY_BASE_URL set but empty a command other than demo is bad input")]
    public async Task Without_a_server_a_command_fails_naming_both_ways_to_give_one(string? baseUrl)
    {
        var environment = new Dictionary<string, string> { ["STRATEGY_PASSWORD"] = string.Empty };
        if (baseUrl is not null)
        {
            environment["STRATEGY_BASE_URL"] = baseUrl;
        }

        var (exitCode, output, error) = await RunWithEnvironmentAsync(environment, "datamodels", "publish", Seeds.DataModelId, "--policy", "replace", "--json");

        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.EqualTo(ExitCodes.BadInput));
            Assert.That(error, Does.Contain("give --base-url (or set STRATEGY_BASE_URL), or --emulator"));
            Assert.That(output, Is.Empty, "nothing was published anywhere");
        });
    }

    [Test]
    public async Task With_emulator_the_command_says_so_on_stderr_even_with_json()
    {
        var (exitCode, output, error) = await RunWithEnvironmentAsync(new Dictionary<string, string>(), "schedules", "list", "--emulator", "--json");

        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.EqualTo(ExitCodes.Success), error);
            Assert.That(error, Does.StartWith("Using the embedded Strategy emulator at ").And.Contain("nothing reaches a real server"));
            Assert.That(JArray.Parse(output), Has.Count.EqualTo(2), "list commands print an array");
        });
    }

    [Test]
    public async Task Emulator_and_a_base_url_together_are_bad_input()
    {
        var (exitCode, _, error) = await RunAsync("schedules", "list", "--emulator");

        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.EqualTo(ExitCodes.BadInput));
            Assert.That(error, Does.Contain("--emulator and --base-url name two servers"));
        });
    }

    [Test]
    public async Task Demo_against_a_server_without_yes_lists_what_it_would_change_and_changes_nothing()
    {
        var (withoutModel, _, modelError) = await RunAsync("demo");
        var (withoutYes, _, yesError) = await RunAsync("demo", "--data-model", Seeds.DataModelId);

        Assert.Multiple(() =>
        {
            Assert.That(withoutModel, Is.EqualTo(ExitCodes.BadInput));
            Assert.That(modelError, Does.Contain("demo changes the server it runs against: it reloads the schema of project " + Seeds.ProjectId)
                .And.Contain("creates a refresh subscription on it, changes it, runs it now and deletes it")
                .And.Contain("Give --data-model <id> and --yes to go ahead."));
            Assert.That(withoutYes, Is.EqualTo(ExitCodes.BadInput));
            Assert.That(yesError, Does.Contain($"publishes data model {Seeds.DataModelId}").And.Contain("Give --yes to go ahead."));
            Assert.That(Emulator.SessionCount + Emulator.SubscriptionCount + Emulator.OpenInstanceCount, Is.Zero, "nothing was sent");
        });
    }

    [Test]
    public async Task Without_a_terminal_an_unset_password_is_bad_input_and_nothing_is_sent()
    {
        var (exitCode, _, error) = await RunWithEnvironmentAsync(
            new Dictionary<string, string> { ["STRATEGY_BASE_URL"] = Emulator.BaseUrl.ToString(), ["STRATEGY_PROJECT_ID"] = Seeds.ProjectId },
            "schedules", "list");
        var (tokenExit, _, tokenError) = await RunWithEnvironmentAsync(
            new Dictionary<string, string> { ["STRATEGY_BASE_URL"] = Emulator.BaseUrl.ToString(), ["STRATEGY_PROJECT_ID"] = Seeds.ProjectId },
            "schedules", "list", "--login-mode", "api-token");

        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.EqualTo(ExitCodes.BadInput));
            Assert.That(error, Does.Contain("STRATEGY_PASSWORD is not set and there is no terminal to ask for the password"));
            Assert.That(tokenExit, Is.EqualTo(ExitCodes.BadInput));
            Assert.That(tokenError, Does.Contain("STRATEGY_API_TOKEN is not set"));
            Assert.That(Emulator.SessionCount, Is.Zero);
        });
    }

    [Test]
    public async Task An_api_token_comes_from_STRATEGY_API_TOKEN()
    {
        var (exitCode, output, error) = await RunWithEnvironmentAsync(
            new Dictionary<string, string> { ["STRATEGY_API_TOKEN"] = "emulator-api-token" },
            "events", "list", "--login-mode", "api-token", "--base-url", Emulator.BaseUrl.ToString(), "--project", Seeds.ProjectId);

        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.EqualTo(ExitCodes.Success), error);
            Assert.That(output, Does.Contain("Personal View refresh"));
        });
    }

    [Test]
    public async Task A_project_is_found_by_its_name()
    {
        var (exitCode, output, error) = await RunAsync("subscriptions", "list", "--project", "MicroStrategy Tutorial");
        var (unknown, _, unknownError) = await RunAsync("subscriptions", "list", "--project", "No Such Project");

        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.EqualTo(ExitCodes.Success), error);
            Assert.That(output.Trim(), Is.EqualTo("No subscriptions."));
            Assert.That(unknown, Is.EqualTo(ExitCodes.BadInput));
            Assert.That(unknownError, Does.Contain("No project named 'No Such Project' (--project); the projects are: 'MicroStrategy Tutorial'."));
        });
    }

    [TestCase("ignore", "leave the table out of --table instead")]
    [TestCase("reserved", "a state the server reports for a table, not a refresh policy")]
    public async Task A_policy_a_publish_cannot_ask_for_is_bad_input_that_says_why(string policy, string why)
    {
        var (exitCode, _, error) = await RunAsync("datamodels", "publish", Seeds.DataModelId, "--policy", policy);

        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.EqualTo(ExitCodes.BadInput));
            Assert.That(error, Does.Contain(why));
            Assert.That(Emulator.OpenInstanceCount + Emulator.SessionCount, Is.Zero);
        });
    }

    [Test]
    public async Task Update_changes_only_what_it_is_given_and_keeps_what_the_client_does_not_know()
    {
        var foreign = JObject.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "Foreign", "GetSubscription.expression-filter.json")));
        foreign["contents"]![0]!["refreshCondition"]!["tables"]![1]!["refreshPolicy"] = "update";
        var id = Emulator.SeedSubscription(foreign.ToString());

        var (renameExit, _, renameError) = await RunAsync("subscriptions", "update", id, "--name", "Renamed");
        var (_, afterRename, _) = await RunAsync("subscriptions", "get", id, "--json");
        var (policyExit, _, policyError) = await RunAsync("subscriptions", "update", id, "--policy", "replace");
        var (_, afterPolicy, _) = await RunAsync("subscriptions", "get", id, "--json");

        var renamed = JObject.Parse(afterRename);
        var condition = renamed["contents"]![0]!["refreshCondition"]!;
        Assert.Multiple(() =>
        {
            Assert.That(renameExit, Is.EqualTo(ExitCodes.Success), renameError);
            Assert.That((string?)renamed["name"], Is.EqualTo("Renamed"));
            Assert.That(condition["tables"]!.Select(t => (string?)t["refreshPolicy"]), Is.EqualTo(new[] { "replace", "update" }), "policies kept");
            Assert.That((string?)condition["filters"]![0]!["expression"]!["operator"], Is.EqualTo("In"), "the filter kept");
            Assert.That((string?)condition["datasetRefreshPolicy"], Is.EqualTo("upsert"));
            Assert.That((string?)renamed["delivery"]!["mode"], Is.EqualTo("EMAIL"), "delivery kept");
            Assert.That(renamed["delivery"]!["email"], Is.Not.Null, "delivery settings the spec does not list kept");
            Assert.That((string?)renamed["schedules"]![0]!["id"], Is.EqualTo(Seeds.AllTheTimeScheduleId));
            Assert.That(policyExit, Is.EqualTo(ExitCodes.Success), policyError);
            Assert.That(JObject.Parse(afterPolicy)["contents"]![0]!["refreshCondition"]!["tables"]!.Select(t => (string?)t["refreshPolicy"]), Has.All.EqualTo("replace"));
        });
    }
}
