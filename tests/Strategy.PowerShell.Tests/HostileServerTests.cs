using System.Diagnostics;
using System.Management.Automation;
using Strategy.Emulator;
using Strategy.Tests.Shared;

namespace Strategy.PowerShell.Tests;

/// <summary>
/// The module inside PowerShell against each hostile server: <c>Connect-StrategyServer</c> and a
/// cmdlet end within -TimeoutSec, with the error category the shared table states, a message in
/// the user's terms, and nothing the server sent raw in any stream.
/// </summary>
[NonParallelizable]
public sealed class HostileServerTests
{
    private const int TimeoutSec = 3;

    private const string Password = "secret-password";

    // Two cmdlets, each within its limit, on a busy machine; a cmdlet with no bound would not end at all.
    private static readonly TimeSpan Margin = TimeSpan.FromSeconds(8);

    private static IEnumerable<HostileOutcome> Outcomes => HostileOutcome.All;

    [TestCaseSource(nameof(Outcomes))]
    public async Task Connecting_and_a_cmdlet_end_in_time_with_the_stated_category(HostileOutcome expected)
    {
        await using var server = HostileServer.Start(expected.Behaviour);
        using var shell = new PowerShellSession();
        shell.Set("BaseUrl", server.BaseUrl.ToString());
        var clock = Stopwatch.StartNew();

        var result = shell.Run(
            """
            $ErrorActionPreference = 'Stop'
            $VerbosePreference = 'Continue'
            $DebugPreference = 'Continue'
            $credential = [pscredential]::new('administrator', (ConvertTo-SecureString $Password -AsPlainText -Force))
            Connect-StrategyServer -BaseUrl $BaseUrl -ProjectId $ProjectId -Credential $credential -TimeoutSec $TimeoutSec | Out-Null
            Get-StrategySchedule -TimeoutSec $TimeoutSec
            """,
            ("ProjectId", Seeds.ProjectId),
            ("Password", Password),
            ("TimeoutSec", TimeoutSec));
        var took = clock.Elapsed;
        shell.Run("try { Disconnect-StrategyServer -ErrorAction Ignore } catch { }");

        var error = result.Error;
        var shown = error.ErrorDetails?.Message ?? error.Exception.Message;
        var typed = FaultMatrixReport.IsTyped(error.Exception);
        var row = new FaultMatrixRow(
            HostileServer.Describe(expected.Behaviour) + " (PowerShell)",
            Runs: 1,
            Completed: result.Errors.Count == 0 && result.Terminated is null ? 1 : 0,
            TypedFailures: typed ? 1 : 0,
            UntypedFailures: typed ? 0 : 1,
            LeakedInstances: null,
            LeakedSessions: server.OpenSessions,
            DuplicatedSubscriptions: null,
            SecretsInLogs: FaultMatrixReport.SecretsIn(result.AllText(), HostileServer.IssuedSecrets.Append(Password)),
            FormattableString.Invariant($"{error.CategoryInfo.Category} after {took.TotalSeconds:0.0} s (-TimeoutSec {TimeoutSec})"));
        FaultMatrixReport.WriteAfter(row, typeof(HostileServerTests).Assembly, () =>
        {
            Assert.That(error.CategoryInfo.Category.ToString(), Is.EqualTo(expected.Category), shown);
            Assert.That(error.Exception.GetType().Name, Is.EqualTo(expected.Exception), "the typed exception is the record's");
            Assert.That(row.UntypedFailures, Is.Zero, error.Exception.ToString());
            Assert.That(shown, Does.Contain(expected.MessagePart));
            Assert.That(Unclean(result.AllText()), Is.Empty, "nothing the server sent reaches a stream raw");
            Assert.That(row.SecretsInLogs, Is.Zero, "no password, token or cookie in any stream");
            Assert.That(row.LeakedSessions, Is.Zero, "every session the server handed out was logged out");
            Assert.That(took, Is.LessThan(TimeSpan.FromSeconds(TimeoutSec) + Margin), "bounded by -TimeoutSec");
        });
    }

    [Test]
    public async Task A_wrong_base_url_says_to_check_it_and_is_not_object_not_found()
    {
        await using var server = HostileServer.Start(HostileBehaviour.WrongPath);
        using var shell = new PowerShellSession();
        shell.Set("BaseUrl", server.BaseUrl.ToString());

        var result = shell.Run(
            "Connect-StrategyServer $BaseUrl $ProjectId -Credential ([pscredential]::new('administrator', (ConvertTo-SecureString 'x' -AsPlainText -Force)))",
            ("ProjectId", Seeds.ProjectId));

        Assert.Multiple(() =>
        {
            Assert.That(result.Error.CategoryInfo.Category, Is.EqualTo(ErrorCategory.ConnectionError));
            Assert.That(result.Error.FullyQualifiedErrorId, Does.StartWith("NotStrategyServer"));
            Assert.That(result.Error.ErrorDetails?.Message, Does.Contain("Check -BaseUrl of Connect-StrategyServer"));
        });
    }

    /// <summary>The control characters in <paramref name="text"/> other than line ends and tabs, by code.</summary>
    private static string Unclean(string text) =>
        string.Join(" ", text.Where(c => c is not ('\n' or '\r' or '\t') && char.IsControl(c)).Select(c => ((int)c).ToString("X4", System.Globalization.CultureInfo.InvariantCulture)));
}
