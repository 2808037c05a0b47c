using Strategy.Generated;
using Strategy.Emulator;

namespace Strategy.EndToEnd.Tests;

/// <summary>A fresh emulator (behind a path base, as real servers are) and a logged-in connection, per test.</summary>
public abstract class EmulatorTest
{
    protected static readonly StrategyWaitOptions FastWaits = new()
    {
        MinimumDelay = TimeSpan.FromMilliseconds(10),
        MaximumDelay = TimeSpan.FromMilliseconds(50),
        Timeout = TimeSpan.FromSeconds(30),
    };

    protected StrategyEmulator Emulator { get; private set; } = null!;

    protected StrategyConnection Connection { get; private set; } = null!;

    /// <summary>Retries with short delays, so transient faults are ridden out quickly.</summary>
    protected virtual StrategyRetryOptions Retry => new() { BaseDelay = TimeSpan.FromMilliseconds(10), MaxDelay = TimeSpan.FromMilliseconds(100) };

    protected virtual StrategyEmulatorOptions EmulatorOptions => new()
    {
        PathBase = "/MicroStrategyLibrary",
        TaskDuration = TimeSpan.FromMilliseconds(150),
        PublishDuration = TimeSpan.FromMilliseconds(200),
        ProjectStatusDuration = TimeSpan.FromMilliseconds(200),
    };

    [SetUp]
    public async Task StartEmulator()
    {
        Emulator = await StrategyEmulator.StartAsync(EmulatorOptions);
        Connection = StrategyConnection.Create(Emulator.BaseUrl, StrategyCredentials.Standard("administrator", ""), Seeds.ProjectId, Retry);
    }

    /// <summary>
    /// Replaces this test's emulator with one of other options (a publish that outlasts whatever a busy
    /// machine takes between two calls, say), with a connection of its own; the tear-down stops it.
    /// </summary>
    /// <summary>Another connection to the same emulator, with a session of its own (as another process would have).</summary>
    protected StrategyConnection NewConnection() => StrategyConnection.Create(Emulator.BaseUrl, StrategyCredentials.Standard("administrator", ""), Seeds.ProjectId, Retry);

    protected async Task RestartEmulatorAsync(Func<StrategyEmulatorOptions, StrategyEmulatorOptions> change)
    {
        await StopAsync();
        Emulator = await StrategyEmulator.StartAsync(change(EmulatorOptions));
        Connection = StrategyConnection.Create(Emulator.BaseUrl, StrategyCredentials.Standard("administrator", ""), Seeds.ProjectId, Retry);
    }

    /// <summary>
    /// Stops the emulator; a test that passed must have fired every fault it injected: a rule that no
    /// longer matches (a renamed path) leaves the scenario untested, and the test must not pass as if
    /// it had run.
    /// </summary>
    [TearDown]
    public async Task StopEmulator()
    {
        var unfired = Emulator.Faults.Unfired;
        await StopAsync();
        if (TestContext.CurrentContext.Result.Outcome.Status == NUnit.Framework.Interfaces.TestStatus.Passed)
        {
            Assert.That(unfired, Is.Empty, "faults the test injected never fired: " + string.Join("; ", unfired));
        }
    }

    private async Task StopAsync()
    {
        await Connection.DisposeAsync();
        await Emulator.DisposeAsync();
    }
}
