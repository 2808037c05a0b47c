using Strategy.Emulator;

namespace Strategy.PowerShell.Tests;

/// <summary>A fixture with one emulator program for its tests (publishes and runs that take a second), and a fresh PowerShell session per test.</summary>
public abstract class ServerFixture
{
    private EmulatorProcess? _emulator;
    private PowerShellSession? _session;

    private protected EmulatorProcess Emulator => _emulator!;

    private protected PowerShellSession Shell => _session!;

    /// <summary>The emulator program's settings: publishes and runs that take a second.</summary>
    private protected virtual string[] EmulatorSettings => ["--publish-duration", "1", "--task-duration", "1"];

    [OneTimeSetUp]
    public async Task StartEmulatorAsync() =>
        _emulator = await EmulatorProcess.StartAsync(EmulatorSettings);

    [OneTimeTearDown]
    public async Task StopEmulatorAsync()
    {
        if (_emulator is not null)
        {
            await _emulator.DisposeAsync();
        }
    }

    [SetUp]
    public void OpenSession() => _session = new PowerShellSession(Emulator);

    [TearDown]
    public void CloseSession()
    {
        _session?.Run("try { Disconnect-StrategyServer -ErrorAction Ignore } catch { }");
        _session?.Dispose();
    }

    /// <summary>Creates a refresh subscription of the seeded data model on <paramref name="scheduleId"/>; answers its id.</summary>
    private protected string NewSubscription(string name, string scheduleId = Seeds.AllTheTimeScheduleId) =>
        Shell.Run("(New-StrategyRefreshSubscription -Name $Name -DataModelId $DataModel -ScheduleId $Schedule -Table @{ ytd_day = 'upsert' }).Id",
                ("Name", name), ("DataModel", Seeds.DataModelId), ("Schedule", scheduleId))
            .Succeeded().Output.Single().ToString();
}
