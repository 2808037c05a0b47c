namespace Strategy.PowerShell.Tests;

/// <summary>A fixture with one emulator program for its tests (publishes and runs that take a second), and a fresh PowerShell session per test.</summary>
public abstract class ServerFixture
{
    /// <summary>The data model, project, schedules and events the emulator is seeded with.</summary>
    protected const string ProjectId = "B7CA92F04B9FAE8D941C3E9B7E0CD754";
    protected const string DataModelId = "9F4772B837604551B4D3CC916ADC5598";
    protected const string AllTheTimeScheduleId = "FF7BB3C811D501F0C00051916B98494F";
    protected const string PersonalViewScheduleId = "E24F501E802911E1BBCB892C4924019B";
    protected const string PersonalViewEventId = "4C5E8A2F1B7D4E9A8F3C6B1D2E7A9C04";

    private EmulatorProcess? _emulator;
    private PowerShellSession? _session;

    private protected EmulatorProcess Emulator => _emulator!;

    private protected PowerShellSession Shell => _session!;

    [OneTimeSetUp]
    public async Task StartEmulatorAsync() =>
        _emulator = await EmulatorProcess.StartAsync("--publish-duration", "1", "--task-duration", "1");

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
    private protected string NewSubscription(string name, string scheduleId = AllTheTimeScheduleId) =>
        Shell.Run("(New-StrategyRefreshSubscription -Name $Name -DataModelId $DataModel -ScheduleId $Schedule -Table @{ ytd_day = 'upsert' }).Id",
                ("Name", name), ("DataModel", DataModelId), ("Schedule", scheduleId))
            .Succeeded().Output.Single().ToString();
}
