using Strategy.Cli.Infrastructure;
using Strategy.Emulator;
using Strategy.Emulator.Faults;

namespace Strategy.Cli.Tests;

/// <summary>
/// <c>strategy users apply</c> as its own process, sent SIGINT mid-apply against an emulator whose
/// creates are slow: the changes in flight end, no other starts, every person has a line, every person
/// created has a one-time password in the file, and the session is logged out.
/// </summary>
[NonParallelizable]
[Platform("Linux", Reason = "A signal reaches the command through GNU env --default-signal (see CliProcess).")]
public sealed class UserApplySignalTests
{
    private const int SIGINT = 2;

    [Test]
    public async Task SIGINT_mid_apply_lets_the_changes_in_flight_end_starts_no_other_and_names_each_person()
    {
        await using var emulator = await StrategyEmulator.StartAsync(new StrategyEmulatorOptions { PathBase = "/MicroStrategyLibrary" });
        var folder = Directory.CreateTempSubdirectory("strategy-users-signal-").FullName;
        try
        {
            var list = Path.Combine(folder, "people.csv");
            File.WriteAllText(list, "username\n" + string.Concat(Enumerable.Range(0, 20).Select(i => $"slow{i:00}\n")));
            var usersBefore = emulator.UserCount;
            var slow = new FaultRule { PathContains = "/api/users", Method = "POST", Count = 100, Delay = TimeSpan.FromSeconds(1) };
            emulator.Faults.Add(slow);

            using var cli = CliProcess.Start(emulator, "users", "apply", list, "--parallel", "2");
            while (emulator.PeopleChangingCalls < 2 && !cli.HasExited)
            {
                await Task.Delay(50);
            }

            cli.Signal(SIGINT);
            var exitCode = await cli.WaitForExitAsync(TimeSpan.FromSeconds(30));
            var created = emulator.UserCount - usersBefore;
            var passwords = File.ReadAllLines(Path.Combine(folder, "people.passwords.csv")).Skip(1).ToList();

            Assert.Multiple(() =>
            {
                Assert.That(exitCode, Is.EqualTo(ExitCodes.Cancelled), cli.Error);
                Assert.That(emulator.Faults.FiredFor(slow), Is.GreaterThanOrEqualTo(2), "the creates were slow");
                Assert.That(created, Is.InRange(2, 19), "some were created, not all");
                Assert.That(cli.Output.Split('\n').Count(l => l.Contains(": created (", StringComparison.Ordinal)), Is.EqualTo(created), "a line for each person created");
                Assert.That(cli.Error.Split('\n').Count(l => l.Contains("not created: stopped before it started; nothing was sent", StringComparison.Ordinal)), Is.EqualTo(20 - created), "a line for each person not started");
                Assert.That(cli.Error, Does.Contain("Stopped: the changes in flight ended"));
                Assert.That(passwords, Has.Count.EqualTo(created), "every person created has a one-time password kept");
                Assert.That(emulator.SessionCount, Is.Zero, "the session is logged out");
            });
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
