using Strategy.Cli.Infrastructure;
using Strategy.Emulator;
using Strategy.Tests.Shared;

namespace Strategy.Cli.Tests;

/// <summary>
/// A session that works, with every detail the command can print turned on (<c>--verbose</c>,
/// <c>--json</c>, <c>--trace</c>, the resume token of <c>--no-wait</c>): the command as a child
/// process, and neither the password nor any token or cookie the server issued in what it printed.
/// </summary>
[NonParallelizable]
[Platform("Linux,MacOsX")]
public sealed class SecretOutputTests
{
    private const string Password = "Pa55-w0rd!cli-secret";

    private static IEnumerable<TestCaseData> Commands()
    {
        yield return new TestCaseData((object)new[] { "schedules", "list", "--verbose", "--trace" }).SetArgDisplayNames("schedules list --verbose --trace");
        yield return new TestCaseData((object)new[] { "schedules", "list", "--json", "--verbose", "--trace" }).SetArgDisplayNames("schedules list --json --verbose --trace");
        yield return new TestCaseData((object)new[] { "datamodels", "publish", Seeds.DataModelId, "--table", "ytd_day=upsert", "--json", "--verbose", "--trace" }).SetArgDisplayNames("datamodels publish --json --verbose --trace");
        yield return new TestCaseData((object)new[] { "cubes", "refresh", Seeds.SalesCubeId, "--no-wait", "--verbose", "--trace" }).SetArgDisplayNames("cubes refresh --no-wait --verbose --trace");
    }

    [TestCaseSource(nameof(Commands))]
    public async Task A_successful_session_prints_no_password_token_or_cookie(string[] args)
    {
        await using var emulator = await StrategyEmulator.StartAsync(new StrategyEmulatorOptions
        {
            PathBase = "/MicroStrategyLibrary",
            Password = Password,
            PublishDuration = TimeSpan.FromMilliseconds(300),
        });
        using var cli = CliProcess.StartWith(
            new Dictionary<string, string?> { ["STRATEGY_PASSWORD"] = Password },
            [.. args, "--base-url", emulator.BaseUrl.ToString(), "--project", Seeds.ProjectId, "--poll-interval", "0.1"]);
        var exitCode = await cli.WaitForExitAsync(TimeSpan.FromSeconds(60));
        var issued = emulator.IssuedSecrets;
        var printed = cli.Output + cli.Error;

        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.EqualTo(ExitCodes.Success), cli.Error);
            Assert.That(issued, Is.Not.Empty, "the server issued a token and a cookie: there was something to leak");
            Assert.That(cli.Error, Does.Contain("POST api/auth/login"), "the trace printed the calls, the login's among them: the search had something to search");
            Assert.That(FaultMatrixReport.SecretsIn(printed, issued.Append(Password)), Is.Zero, () => "a secret in: " + printed);
            Assert.That(emulator.SessionCount, Is.Zero, "logged out");
        });
    }
}
