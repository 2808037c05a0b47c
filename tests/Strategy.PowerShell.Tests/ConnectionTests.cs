using Strategy.Emulator;
using System.Management.Automation;

namespace Strategy.PowerShell.Tests;

/// <summary>Connect-StrategyServer and Disconnect-StrategyServer, the default connection, and secrets kept out of every stream.</summary>
public sealed class ConnectionTests : ServerFixture
{
    [Test]
    public async Task Connect_logs_in_returns_the_connection_and_Disconnect_logs_out()
    {
        var before = (await Emulator.StateAsync()).Sessions;

        var connected = Shell.Connect().Succeeded().Output.Single();
        var wasConnected = connected.Properties["IsConnected"].Value;
        var whileConnected = (await Emulator.StateAsync()).Sessions;
        Shell.Run("Disconnect-StrategyServer").Succeeded();
        var after = (await Emulator.StateAsync()).Sessions;
        var afterDisconnect = Shell.Run("Get-StrategySchedule");

        Assert.Multiple(() =>
        {
            Assert.That(connected.Properties["ProjectId"].Value, Is.EqualTo(Seeds.ProjectId));
            Assert.That(connected.Properties["User"].Value, Is.EqualTo("administrator"));
            Assert.That(wasConnected, Is.True);
            Assert.That(connected.Properties["IsConnected"].Value, Is.False, "the same object says it is closed");
            Assert.That(whileConnected, Is.EqualTo(before + 1), "logged in at once");
            Assert.That(after, Is.EqualTo(before), "logged out");
            Assert.That(afterDisconnect.Error.CategoryInfo.Category, Is.EqualTo(ErrorCategory.ConnectionError));
            Assert.That(afterDisconnect.Error.Exception.Message, Does.Contain("Connect-StrategyServer"));
        });
    }

    [Test]
    public void A_cmdlet_before_any_connection_says_to_connect_first()
    {
        var result = Shell.Run("Get-StrategySubscription");

        Assert.Multiple(() =>
        {
            Assert.That(result.Error.FullyQualifiedErrorId, Does.StartWith("NotConnected"));
            Assert.That(result.Error.CategoryInfo.Category, Is.EqualTo(ErrorCategory.ConnectionError));
        });
    }

    [Test]
    public void The_project_can_be_given_by_name_and_an_API_token_as_a_SecureString()
    {
        var connected = Shell.Run("Connect-StrategyServer $BaseUrl 'MicroStrategy Tutorial' -ApiToken (ConvertTo-SecureString $ApiToken -AsPlainText -Force)")
            .Succeeded().Output.Single();
        var schedules = Shell.Run("Get-StrategySchedule").Succeeded().Output;

        Assert.Multiple(() =>
        {
            Assert.That(connected.Properties["ProjectId"].Value, Is.EqualTo(Seeds.ProjectId), "the name was looked up");
            Assert.That(connected.Properties["User"].Value, Is.EqualTo("API token"));
            Assert.That(schedules, Is.Not.Empty);
        });
    }

    [Test]
    public void A_wrong_password_is_an_authentication_error_with_the_server_code_and_the_typed_exception()
    {
        var result = Shell.Run("Connect-StrategyServer $BaseUrl $Project -Credential ([pscredential]::new('administrator', (ConvertTo-SecureString 'not-it' -AsPlainText -Force)))", ("Project", Seeds.ProjectId));
        var caught = Shell.Run("""
            try { Connect-StrategyServer $BaseUrl $Project -Credential ([pscredential]::new('administrator', (ConvertTo-SecureString 'not-it' -AsPlainText -Force))) -ErrorAction Stop; 'not caught' }
            catch [Strategy.Generated.StrategyApiException] { 'caught ' + $_.Exception.Kind }
            """, ("Project", Seeds.ProjectId));

        Assert.Multiple(() =>
        {
            Assert.That(result.Error.CategoryInfo.Category, Is.EqualTo(ErrorCategory.AuthenticationError));
            Assert.That(result.Error.FullyQualifiedErrorId, Does.StartWith("ERR003"));
            Assert.That(result.Error.Exception.GetType().FullName, Is.EqualTo("Strategy.Generated.StrategyApiException"));
            Assert.That(caught.Succeeded().Output.Single().ToString(), Is.EqualTo("caught Authentication"));
        });
    }

    [Test]
    public void An_unknown_project_name_is_an_invalid_argument_that_lists_the_projects()
    {
        var result = Shell.Run("Connect-StrategyServer $BaseUrl 'No Such Project' -Credential $Credential");

        Assert.Multiple(() =>
        {
            Assert.That(result.Error.CategoryInfo.Category, Is.EqualTo(ErrorCategory.InvalidArgument));
            Assert.That(result.Error.Exception.Message, Does.Contain("'MicroStrategy Tutorial'"));
        });
    }

    [Test]
    public void A_server_that_is_not_there_is_a_connection_error()
    {
        var result = Shell.Run("Connect-StrategyServer http://127.0.0.1:9/MicroStrategyLibrary $Project -Credential $Credential", ("Project", Seeds.ProjectId));

        Assert.That(result.Error.CategoryInfo.Category, Is.EqualTo(ErrorCategory.ConnectionError), result.AllText());
    }

    [Test]
    public void No_password_or_token_appears_in_any_stream_Format_List_or_ConvertTo_Json()
    {
        var result = Shell.Run("""
            $VerbosePreference = 'Continue'; $DebugPreference = 'Continue'; $InformationPreference = 'Continue'
            $c = Connect-StrategyServer -BaseUrl $BaseUrl -ProjectId $Project -Credential $Credential -Verbose -Debug
            $c | Format-List * | Out-String
            $c | ConvertTo-Json -Depth 5
            $c | Select-Object * | Out-String
            "$c"
            Get-StrategySchedule -Verbose -Debug | Out-String
            $t = Connect-StrategyServer $BaseUrl $Project -ApiToken (ConvertTo-SecureString $ApiToken -AsPlainText -Force) -Verbose -Debug
            $t | Format-List * | Out-String
            $t | ConvertTo-Json -Depth 5
            Connect-StrategyServer $BaseUrl $Project -Credential ([pscredential]::new('administrator', (ConvertTo-SecureString 'wrong-Pa55-w0rd' -AsPlainText -Force))) -Verbose -Debug
            """, ("Project", Seeds.ProjectId));
        var everything = result.AllText();

        Assert.Multiple(() =>
        {
            Assert.That(result.Output, Is.Not.Empty);
            Assert.That(everything, Does.Contain(Seeds.ProjectId), "the output is there to look at");
            Assert.That(everything, Does.Not.Contain(EmulatorProcess.Password));
            Assert.That(everything, Does.Not.Contain(EmulatorProcess.ApiToken));
            Assert.That(everything, Does.Not.Contain("wrong-Pa55-w0rd"));
        });
    }

    [Test]
    public void Each_runspace_has_its_own_default_connection()
    {
        Shell.Connect().Succeeded();
        using var other = new PowerShellSession(Emulator);

        var inOther = other.Run("Get-StrategySchedule");

        Assert.That(inOther.Error.FullyQualifiedErrorId, Does.StartWith("NotConnected"));
    }

    [Test]
    public async Task An_expired_session_is_logged_in_again_without_the_user_noticing()
    {
        Shell.Connect().Succeeded();
        await Emulator.ControlAsync("sessions/expire");

        var schedules = Shell.Run("Get-StrategySchedule").Succeeded().Output;

        Assert.That(schedules, Is.Not.Empty);
    }
}
