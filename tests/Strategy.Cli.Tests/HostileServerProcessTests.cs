using System.Diagnostics;
using Strategy.Cli.Infrastructure;
using Strategy.Emulator;
using Strategy.Tests.Shared;

namespace Strategy.Cli.Tests;

/// <summary>
/// The <c>strategy</c> command as a scheduler runs it (a child process, no terminal) against each
/// hostile server: it ends within <c>--timeout</c>, with the exit code the shared table states, a
/// message in the user's terms and nothing on the terminal that came from the server raw.
/// </summary>
[NonParallelizable]
[Platform("Linux,MacOsX")]
public sealed class HostileServerProcessTests
{
    private const int Timeout = 3;

    private const string Password = "secret-password";

    // Process start-up and logout on a busy machine take seconds at most; a command with no bound would not end.
    private static readonly TimeSpan Margin = TimeSpan.FromSeconds(10);

    private static IEnumerable<HostileOutcome> Outcomes => HostileOutcome.All;

    private static CliProcess Start(HostileServer server, params string[] args) =>
        CliProcess.StartWith(
            new Dictionary<string, string?> { ["STRATEGY_PASSWORD"] = Password },
            [.. args, "--base-url", server.BaseUrl.ToString(), "--project", Seeds.ProjectId, "--timeout", Timeout.ToString(System.Globalization.CultureInfo.InvariantCulture)]);

    [TestCaseSource(nameof(Outcomes))]
    public async Task A_command_ends_in_time_with_the_stated_exit_code_and_clean_words(HostileOutcome expected)
    {
        await using var server = HostileServer.Start(expected.Behaviour);
        var clock = Stopwatch.StartNew();
        using var cli = Start(server, "schedules", "list");
        var exitCode = await cli.WaitForExitAsync(TimeSpan.FromSeconds(60));
        var took = clock.Elapsed;

        TestContext.Out.WriteLine(cli.Error);
        var row = Row(expected.Behaviour, server, cli, exitCode, took);
        FaultMatrixReport.WriteAfter(row, typeof(HostileServerProcessTests).Assembly, () =>
        {
            Assert.That(exitCode, Is.EqualTo(expected.ExitCode), cli.Error);
            Assert.That(row.UntypedFailures, Is.Zero, "the command reported the failure as one of the library's");
            Assert.That(cli.Error, Does.Contain(expected.MessagePart));
            Assert.That(Unclean(cli.Error + cli.Output), Is.Empty, "nothing the server sent reaches the terminal raw");
            Assert.That(row.SecretsInLogs, Is.Zero, "no password, token or cookie on stdout or stderr");
            Assert.That(row.LeakedSessions, Is.Zero, "every session the server handed out was logged out");
            Assert.That(cli.Error.Length, Is.LessThan(4096), "a short message, not the server's page");
            Assert.That(took, Is.LessThan(TimeSpan.FromSeconds(Timeout) + Margin), "bounded by --timeout");
        });
    }

    [TestCase("schema", "reload", "ReloadSchemaAndWait")]
    [TestCase("datamodels", "publish", "PublishAndWait for data model " + Seeds.DataModelId)]
    [TestCase("cubes", "refresh", "PublishCubesAndWait")]
    public async Task A_workflow_against_a_silent_server_exits_4_at_its_limit_naming_what_got_no_answer(string group, string command, string workflow)
    {
        await using var server = HostileServer.Start(HostileBehaviour.Silent);
        string[] args = command switch
        {
            "publish" => [group, command, Seeds.DataModelId, "--table", Seeds.SampleTableId + "=upsert"],
            "refresh" => [group, command, Seeds.SalesCubeId],
            _ => [group, command],
        };
        var clock = Stopwatch.StartNew();
        using var cli = Start(server, args);
        var exitCode = await cli.WaitForExitAsync(TimeSpan.FromSeconds(60));

        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.EqualTo(ExitCodes.Unreachable), cli.Error);
            Assert.That(cli.Error, Does.Contain($"did not answer {workflow} within 3 s: ").And.Contain("got no answer."));
            Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(Timeout) + Margin));
        });
    }

    [Test]
    public async Task Verbose_details_of_junk_are_cleaned_as_well()
    {
        await using var server = HostileServer.Start(HostileBehaviour.JunkWithEscapes);
        using var cli = Start(server, "schedules", "list", "--verbose");
        var exitCode = await cli.WaitForExitAsync(TimeSpan.FromSeconds(60));

        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.EqualTo(ExitCodes.ServerFailure), cli.Error);
            Assert.That(cli.Error, Does.Contain("Strategy.Generated.StrategyApiException"), "the details are there");
            Assert.That(Unclean(cli.Error), Is.Empty);
        });
    }

    [Test]
    public async Task A_wrong_base_path_says_to_check_base_url()
    {
        await using var server = HostileServer.Start(HostileBehaviour.WrongPath);
        using var cli = Start(server, "schedules", "list");
        var exitCode = await cli.WaitForExitAsync(TimeSpan.FromSeconds(60));

        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.EqualTo(ExitCodes.Unreachable));
            Assert.That(cli.Error, Does.Contain($"no Strategy Library answers at {server.BaseUrl}").And.Contain("Check --base-url (or STRATEGY_BASE_URL)"));
            Assert.That(cli.Error, Does.Not.Contain("the server answered HTTP 404"), "the status is said once");
        });
    }

    [Test]
    public async Task Memory_against_a_200_MB_error_page_stays_what_it_is_against_a_small_one()
    {
        // The same command against a page of a few hundred bytes, in the same run: the baseline.
        await using var small = HostileServer.Start(HostileBehaviour.WrongPath);
        await using var huge = HostileServer.Start(HostileBehaviour.HugeErrorPage);
        using var baseline = Start(small, "schedules", "list");
        await baseline.WaitForExitAsync(TimeSpan.FromSeconds(60));
        using var cli = Start(huge, "schedules", "list");
        var exitCode = await cli.WaitForExitAsync(TimeSpan.FromSeconds(60));

        var growth = cli.PeakMemoryMegabytes - baseline.PeakMemoryMegabytes;
        var row = Row(HostileBehaviour.HugeErrorPage, huge, cli, exitCode, took: null) with
        {
            Fault = "200 MB HTML error page, memory (CLI process)",
            TimeLimit = FormattableString.Invariant($"peak {cli.PeakMemoryMegabytes:0} MB against {baseline.PeakMemoryMegabytes:0} MB for a small page; {huge.BytesSent / (1024.0 * 1024):0.0} MB of 200 MB sent"),
        };
        FaultMatrixReport.WriteAfter(row, typeof(HostileServerProcessTests).Assembly, () =>
        {
            Assert.That(exitCode, Is.EqualTo(ExitCodes.ServerFailure), cli.Error);
            Assert.That(row.UntypedFailures, Is.Zero, cli.Error);
            Assert.That(baseline.PeakMemoryMegabytes, Is.GreaterThan(0), "the kernel's count was read");
            Assert.That(growth, Is.LessThan(30), $"flat: {cli.PeakMemoryMegabytes:0} MB against {baseline.PeakMemoryMegabytes:0} MB for a small page");
            Assert.That(huge.BytesSent, Is.LessThan(HostileServer.HugeSize / 4), "the rest of the page was never read");
        });
    }

    /// <summary>The control characters in <paramref name="text"/> other than line ends and tabs, by code, compared ordinally.</summary>
    private static string Unclean(string text) =>
        string.Join(" ", text.Where(c => c is not ('\n' or '\r' or '\t') && (char.IsControl(c) || !Generated.ServerText.IsShowable(c))).Select(c => ((int)c).ToString("X4", System.Globalization.CultureInfo.InvariantCulture)));

    /// <summary>
    /// The row one command's run measured against a hostile server, which keeps no instances: the
    /// sessions it handed out and never saw logged out, and its token and cookie and the password
    /// searched for in all the command printed.
    /// </summary>
    private static FaultMatrixRow Row(HostileBehaviour behaviour, HostileServer server, CliProcess cli, int exitCode, TimeSpan? took) =>
        FaultMatrixReport.ForProcess(
            HostileServer.Describe(behaviour) + " (CLI process)",
            exitCode,
            cli.Output,
            cli.Error,
            leftOnServer: null,
            server.OpenSessions,
            HostileServer.IssuedSecrets.Append(Password),
            took is { } elapsed ? FormattableString.Invariant($"exit {exitCode} after {elapsed.TotalSeconds:0.0} s (--timeout {Timeout}), peak {cli.PeakMemoryMegabytes:0} MB") : "-");
}
