using Strategy.Cli.Infrastructure;
using Strategy.Emulator;
using Strategy.Emulator.Reports;

namespace Strategy.Cli.Tests;

/// <summary>
/// What the user named and the server does not have, or does not take, said the same way for every
/// kind of object, with the exit code of whose mistake it is: a child process, as a scheduler runs it.
/// </summary>
[NonParallelizable]
[Platform("Linux,MacOsX")]
public sealed class UnknownObjectTests
{
    private const string Unknown = "0123456789ABCDEF0123456789ABCDEF";

    private StrategyEmulator _emulator = null!;

    [OneTimeSetUp]
    public async Task StartEmulator() => _emulator = await StrategyEmulator.StartAsync(new StrategyEmulatorOptions { PathBase = "/MicroStrategyLibrary", PublishDuration = TimeSpan.FromMilliseconds(300) });

    [OneTimeTearDown]
    public async Task StopEmulator() => await _emulator.DisposeAsync();

    [TestCase("cubes status {id}", "error: No such cube: {id} (GetCubeStatus answered HTTP 404 without a reason: check the project too).")]
    [TestCase("subscriptions get {id}", "error: No such subscription: {id} (GetSubscription answered HTTP 404, ERR004).")]
    [TestCase("datamodels tables {id}", "error: No such data model: {id} (ListDataModelTables answered HTTP 404, ERR004).")]
    [TestCase("reports export {id} -o -", "error: No such report: {id} (CreateReportInstance answered HTTP 404, ERR004).")]
    public async Task An_unknown_object_is_no_such_object_in_one_form_for_every_kind(string line, string expected)
    {
        var (exitCode, _, error) = await RunAsync(line.Replace("{id}", Unknown, StringComparison.Ordinal).Split(' '));

        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.EqualTo(ExitCodes.ServerFailure), error);
            Assert.That(error.Trim(), Is.EqualTo(expected.Replace("{id}", Unknown, StringComparison.Ordinal)));
        });
    }

    [Test]
    public async Task A_404_without_a_reason_does_not_rule_out_the_project()
    {
        using var cli = CliProcess.StartWith(
            new Dictionary<string, string?> { ["STRATEGY_PASSWORD"] = string.Empty },
            "cubes", "status", Seeds.SalesCubeId, "--base-url", _emulator.BaseUrl.ToString(), "--project", "00000000000000000000000000000000");
        var exitCode = await cli.WaitForExitAsync(TimeSpan.FromSeconds(60));

        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.Not.EqualTo(ExitCodes.Success));
            Assert.That(cli.Error, Does.Contain("check the project too"));
        });
    }

    [Test]
    public async Task Something_that_is_not_a_job_id_exits_3_and_cancels_nothing()
    {
        var before = _emulator.RequestCount("POST", "cancelJobs");

        var (exitCode, _, error) = await RunAsync("jobs", "cancel", "garbage");

        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.EqualTo(ExitCodes.BadInput), error);
            Assert.That(error, Does.Contain("'garbage' is not a job id").And.Contain("Nothing was cancelled"));
            Assert.That(_emulator.RequestCount("POST", "cancelJobs"), Is.EqualTo(before));
        });
    }

    [Test]
    public async Task A_prompt_answer_the_server_refuses_is_the_users_mistake_exit_3_as_a_missing_one_is()
    {
        var (exitCode, _, error) = await RunAsync("reports", "export", ReportSeeds.PromptedReportId, "-o", "-", "--prompt", "Minimum revenue=lots");

        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.EqualTo(ExitCodes.BadInput), error);
            Assert.That(error, Does.Contain("HTTP 400"));
        });
    }

    [Test]
    public async Task A_failed_cube_in_a_refresh_summary_is_cut_at_a_word_never_inside_one()
    {
        // Of several failures each is cut (one alone is shown whole, with all the server's words).
        var (exitCode, _, error) = await RunAsync("cubes", "refresh", Unknown, "FEDCBA9876543210FEDCBA9876543210", Seeds.SalesCubeId);

        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.EqualTo(ExitCodes.ServerFailure), error);
            Assert.That(error, Does.Contain("2 of 3 cube publishes failed"));
            Assert.That(error, Does.Contain("was not found in the project…"), "cut after a whole word");
            Assert.That(error, Does.Not.Contain("(tick…"), "where it was cut inside one");
        });
    }

    private async Task<(int ExitCode, string Out, string Error)> RunAsync(params string[] args)
    {
        using var cli = CliProcess.Start(_emulator, args);
        var exitCode = await cli.WaitForExitAsync(TimeSpan.FromSeconds(60));
        return (exitCode, cli.Output, cli.Error);
    }
}
