using System.Net;
using System.Net.Sockets;
using Newtonsoft.Json.Linq;
using Strategy.Cli;
using Strategy.Cli.Infrastructure;
using Strategy.Emulator;
using Strategy.Generated;

namespace Strategy.Cli.Tests;

/// <summary>
/// The commands made from the spec's operations (no hand-written code per operation): run against the
/// emulator, checked before anything is sent, shown instead of sent with --dry-run, with the same
/// exit codes as the hand-written commands.
/// </summary>
public class OperationCommandTests : CliTest
{
    [Test]
    public async Task A_list_operation_prints_a_table_and_with_json_the_servers_answer()
    {
        var (exitCode, output, error) = await RunAsync("projects", "list");
        var (jsonExit, json, _) = await RunAsync("projects", "list", "--json");

        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.EqualTo(ExitCodes.Success), error);
            Assert.That(output, Does.StartWith("id").And.Contain(Seeds.ProjectId));
            Assert.That(jsonExit, Is.EqualTo(ExitCodes.Success));
            Assert.That(JToken.Parse(json).SelectTokens("$..id").Select(t => t.Value<string>()), Does.Contain(Seeds.ProjectId));
        });
    }

    [Test]
    public async Task A_paged_list_reads_every_page_and_limit_is_how_many_in_all()
    {
        var (allExit, all, allError) = await RunAsync("cubecaches", "list", "--cluster-node", Seeds.Nodes[0], "--json");
        var (oneExit, one, _) = await RunAsync("cubecaches", "list", "--cluster-node", Seeds.Nodes[0], "--limit", "1", "--json");

        Assert.Multiple(() =>
        {
            Assert.That(allExit, Is.EqualTo(ExitCodes.Success), allError);
            Assert.That(JArray.Parse(all), Is.Not.Empty);
            Assert.That(oneExit, Is.EqualTo(ExitCodes.Success));
            Assert.That(JArray.Parse(one), Has.Count.EqualTo(1));
        });
    }

    [Test]
    public async Task User_connections_are_listed_per_node_and_a_partial_disconnect_is_not_a_success()
    {
        var (listExit, listed, listError) = await RunAsync("connections", "list", "--cluster-node", Seeds.Nodes[0]);
        var (manyExit, many, manyError) = await RunAsync("connections", "disconnect-many", "--body", """{"userConnectionIds":["C0A8000111D2F2C6C0000C9A7DCA4C1F","NO-SUCH-CONNECTION"]}""", "--json");
        var (afterExit, after, _) = await RunAsync("connections", "list", "--cluster-node", Seeds.Nodes[0]);

        Assert.Multiple(() =>
        {
            Assert.That(listExit, Is.EqualTo(ExitCodes.Success), listError);
            Assert.That(listed, Does.Contain("analyst1").And.Contain("analyst2"));
            Assert.That(manyExit, Is.EqualTo(ExitCodes.ServerFailure), "one of the two was not disconnected");
            Assert.That(manyError, Does.Contain("207"));
            Assert.That(JObject.Parse(many)["deleteUserConnectionsStatus"]!.Select(s => (s["id"]!.Value<string>(), s["status"]!.Value<int>())),
                Is.EquivalentTo(new[] { ("C0A8000111D2F2C6C0000C9A7DCA4C1F", 204), ("NO-SUCH-CONNECTION", 404) }), "every id has its outcome");
            Assert.That(afterExit, Is.EqualTo(ExitCodes.Success));
            Assert.That(after, Does.Not.Contain("analyst1").And.Contain("analyst2"));
        });
    }

    [Test]
    public async Task A_bodys_simple_fields_are_options_typed_as_the_spec_says_and_required_means_required()
    {
        var (exitCode, output, error) = await RunAsync("connections", "disconnect-many", "--user-connection-ids", "C0A8000311D2F2C6C0000C9A7DCA4C1F", "--user-connection-ids", "NO-SUCH-CONNECTION", "--json");
        var (missingExit, _, missing) = await RunAsync("connections", "disconnect-many");
        var (typedExit, typed, typedError) = await RunAsync("authentication", "login", "--body-login-mode", "1", "--body-username", "someone", "--dry-run");
        var (wrongExit, _, wrong) = await RunAsync("authentication", "login", "--body-login-mode", "one", "--dry-run");

        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.EqualTo(ExitCodes.ServerFailure), error);
            Assert.That(JObject.Parse(output)["deleteUserConnectionsStatus"]!.Select(s => s["id"]!.Value<string>()), Is.EqualTo(new[] { "C0A8000311D2F2C6C0000C9A7DCA4C1F", "NO-SUCH-CONNECTION" }), "each value of the repeated option, in order");
            Assert.That(missingExit, Is.EqualTo(ExitCodes.BadInput));
            Assert.That(missing, Does.Contain("--user-connection-ids"));
            Assert.That(typedExit, Is.EqualTo(ExitCodes.Success), typedError);
            Assert.That(typed, Does.Contain("\"loginMode\": 1,").And.Contain("\"username\": \"someone\""), "the number as a number");
            Assert.That(wrongExit, Is.EqualTo(ExitCodes.BadInput));
            Assert.That(wrong, Does.Contain("'one' not recognized").And.Contain("'4096'"), "the spec's values are the only ones taken");
        });
    }

    [Test]
    public async Task A_secret_field_of_a_body_is_never_an_option()
    {
        var (exitCode, _, error) = await RunAsync("authentication", "login", "--body-password", "hunter2", "--dry-run");

        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.EqualTo(ExitCodes.BadInput));
            Assert.That(error, Does.Contain("--body-password").And.Not.Contain("hunter2"));
        });
    }

    [Test]
    public async Task A_403_that_carries_every_ids_status_prints_them_and_exits_1()
    {
        var (exitCode, output, error) = await RunAsync("connections", "disconnect-many", "--body", """{"userConnectionIds":["NO-SUCH-CONNECTION","NOR-THIS-ONE"]}""", "--json");

        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.EqualTo(ExitCodes.ServerFailure));
            Assert.That(error, Does.Contain("answered 403"));
            Assert.That(JObject.Parse(output)["deleteUserConnectionsStatus"]!.Select(s => (s["id"]!.Value<string>(), s["status"]!.Value<int>())),
                Is.EqualTo(new[] { ("NO-SUCH-CONNECTION", 404), ("NOR-THIS-ONE", 404) }), "no id's outcome is lost to the error");
        });
    }

    [Test]
    public async Task A_list_shows_the_columns_the_spec_marks_and_times_as_the_server_wrote_them()
    {
        var (exitCode, listed, error) = await RunAsync("connections", "list", "--cluster-node", Seeds.Nodes[0]);
        var header = listed.Split(Environment.NewLine)[0];

        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.EqualTo(ExitCodes.Success), error);
            Assert.That(System.Text.RegularExpressions.Regex.Split(header.Trim(), " +"), Is.EqualTo(new[] { "id", "username", "projectName", "client", "dateConnectionCreated", "openJobsCount" }), "x-strategy-columns, in order");
            Assert.That(listed, Does.Match(@"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}\+00:00"), "the server's own text, with its zone");
        });
    }

    [Test]
    public async Task A_projects_caches_are_purged_and_a_cache_type_the_spec_does_not_list_is_refused_before_anything_is_sent()
    {
        var (exitCode, _, error) = await RunAsync("caches", "purge", Seeds.ProjectId, "object");
        var (wrongExit, _, wrong) = await RunAsync("caches", "purge", Seeds.ProjectId, "report");

        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.EqualTo(ExitCodes.Success), error);
            Assert.That(Emulator.PurgeCount("object"), Is.EqualTo(1));
            Assert.That(wrongExit, Is.EqualTo(ExitCodes.BadInput));
            Assert.That(wrong, Does.Contain("report").And.Contain("element"));
            Assert.That(Emulator.PurgeCount("report"), Is.Zero);
        });
    }

    [Test]
    public async Task An_operation_joins_the_hand_written_group_of_its_name()
    {
        var (exitCode, output, _) = await RunAsync("jobs", "--help");

        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.EqualTo(ExitCodes.Success));
            Assert.That(output, Does.Contain("list").And.Contain("cancel"), "the hand-written commands");
            Assert.That(output, Does.Contain("get").And.Contain("Gets a job on the Intelligence Server monitor"), "GetJob's command, with the spec's summary");
        });
    }

    [Test]
    public async Task A_missing_required_option_or_a_value_the_spec_does_not_list_is_bad_input_naming_the_option()
    {
        var (missingExit, _, missing) = await RunAsync("cubecaches", "list");
        var (enumExit, _, notListed) = await RunAsync("subscriptions", "list-dependent", "--object-id", "X", "--type", "users");

        Assert.Multiple(() =>
        {
            Assert.That(missingExit, Is.EqualTo(ExitCodes.BadInput));
            Assert.That(missing, Does.Contain("--cluster-node"));
            Assert.That(enumExit, Is.EqualTo(ExitCodes.BadInput));
            Assert.That(notListed, Does.Contain("users").And.Contain("dashboard"));
        });
    }

    [Test]
    public async Task A_dry_run_prints_the_request_and_sends_nothing_not_even_a_login()
    {
        // Nothing listens at this address: a command that sent anything would fail to connect.
        var nowhere = ClosedPort();
        var output = new StringWriter();
        var error = new StringWriter();
        var console = new CliConsole { Out = output, Error = error, GetEnvironmentVariable = name => name == "STRATEGY_PASSWORD" ? string.Empty : null };

        var exitCode = await StrategyCli.RunAsync(
            ["datamodels", "delete-instance", "9F4772B837604551B4D3CC916ADC5598", "INST 1", "--dry-run", "--base-url", $"http://127.0.0.1:{nowhere}/MicroStrategyLibrary", "--project", Seeds.ProjectId],
            console,
            CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.EqualTo(ExitCodes.Success), error.ToString());
            Assert.That(output.ToString(), Does.Contain("nothing was sent").And.Contain("DELETE api/dataModels/9F4772B837604551B4D3CC916ADC5598/instances/INST%201"));
        });
    }

    [Test]
    public async Task A_body_with_a_secret_is_refused_on_the_command_line_and_read_from_standard_input_masked()
    {
        var inline = await RunAsync("authentication", "login", "--body", """{"username":"administrator","password":"hunter2"}""", "--dry-run");

        var output = new StringWriter();
        var error = new StringWriter();
        var console = new CliConsole
        {
            Out = output,
            Error = error,
            GetEnvironmentVariable = _ => null,
            OpenStandardInput = () => new StringReader("""{"username":"administrator","password":"hunter2"}"""),
        };
        var piped = await StrategyCli.RunAsync(["authentication", "login", "--body", "-", "--dry-run", "--base-url", Emulator.BaseUrl.ToString()], console, CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(inline.ExitCode, Is.EqualTo(ExitCodes.BadInput));
            Assert.That(inline.Error, Does.Contain("--body").And.Contain("standard input").And.Not.Contain("hunter2"));
            Assert.That(piped, Is.EqualTo(ExitCodes.Success), error.ToString());
            Assert.That(output.ToString(), Does.Contain("\"password\": \"***\"").And.Not.Contain("hunter2"));
        });
    }

    [Test]
    public async Task The_servers_error_is_the_same_failure_and_exit_code_as_a_hand_written_commands()
    {
        var (exitCode, _, error) = await RunAsync("jobs", "get", "404:Tk9ERQ==");

        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.Not.EqualTo(ExitCodes.Success));
            Assert.That(error, Does.StartWith("error: "));
        });
    }

    [Test]
    public void Only_the_invoked_groups_commands_are_made()
    {
        var options = new GlobalOptions();
        var runner = new CommandRunner(options, new CliConsole { Out = TextWriter.Null, Error = TextWriter.Null }, new CliInterruption(TextWriter.Null, CancellationToken.None));

        var one = StrategyCli.Commands(runner, options, ["projects", "list"]);
        var all = StrategyCli.Commands(runner, options);

        Assert.Multiple(() =>
        {
            Assert.That(one.Subcommands.Single(c => c.Name == "projects").Subcommands, Is.Not.Empty);
            Assert.That(one.Subcommands.Single(c => c.Name == "monitors").Subcommands, Is.Empty, "listed for help, made only when invoked");
            Assert.That(all.Subcommands.Single(c => c.Name == "monitors").Subcommands, Is.Not.Empty);
            Assert.That(
                OperationCommands.Generated.Select(o => o.Command),
                Is.EquivalentTo(all.Subcommands.SelectMany(g => g.Subcommands.Select(c => g.Name + " " + c.Name)).Intersect(OperationCommands.Generated.Select(o => o.Command!))));
        });
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
