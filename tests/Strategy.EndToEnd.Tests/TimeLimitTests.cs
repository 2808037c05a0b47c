using System.Diagnostics;
using Strategy.Emulator;
using Strategy.Emulator.Faults;
using Strategy.Generated;

namespace Strategy.EndToEnd.Tests;

/// <summary>
/// <see cref="StrategyTimeLimit"/>: one limit over everything a piece of code does with the server,
/// calls and workflows alike, each ending typed and reporting the limit as given.
/// </summary>
public sealed class TimeLimitTests : EmulatorTest
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(1);

    protected override StrategyEmulatorOptions EmulatorOptions => base.EmulatorOptions with { PublishDuration = TimeSpan.FromHours(1) };

    [Test]
    public async Task Calls_that_each_answer_in_time_are_cut_together_at_the_limit()
    {
        // Each call answers in half the limit: alone, none would be cut; five in a row take 2.5 s.
        Emulator.Faults.Add(new FaultRule { PathContains = "/api/schedules", Delay = TimeSpan.FromMilliseconds(500), Count = 5 });
        await Connection.LoginAsync();
        var schedules = Connection.CreateClient<SchedulesClient>();
        var answered = 0;

        var error = Assert.ThrowsAsync<StrategyUnreachableException>(async () =>
        {
            using (StrategyTimeLimit.Begin(Limit))
            {
                for (var i = 0; i < 5; i++)
                {
                    await schedules.ListSchedulesAsync();
                    answered++;
                }
            }
        });

        Assert.Multiple(() =>
        {
            Assert.That(answered, Is.LessThan(5), "the limit held over the calls together");
            Assert.That(error!.TimeLimit, Is.EqualTo(Limit), "the limit given is the limit reported");
            Assert.That(error.Message, Does.Contain("did not answer ListSchedules (GET MicroStrategyLibrary/api/schedules) within 1 s"));
        });
    }

    [Test]
    public async Task A_workflow_under_the_limit_ends_with_its_own_outcome_reporting_that_limit()
    {
        // Logged in first, and long enough for the instance and the publish on a busy machine: the publish
        // runs for an hour, so the wait is always what the limit ends.
        var limit = TimeSpan.FromSeconds(5);
        await Connection.LoginAsync();
        var error = Assert.ThrowsAsync<StrategyWaitTimeoutException>(async () =>
        {
            using (StrategyTimeLimit.Begin(limit))
            {
                // The helper's own limit is the default ten minutes: the shorter one around it decides.
                await Connection.CreateClient<DataModelsClient>().PublishAndWaitAsync(Seeds.DataModelId, TableSelection.ById(RefreshPolicy.Upsert, Seeds.SampleTableId), FastWaits with { Timeout = TimeSpan.FromMinutes(10) });
            }
        });

        Assert.Multiple(() =>
        {
            Assert.That(error!.Timeout, Is.EqualTo(limit));
            Assert.That(error.Message, Does.Contain("(time limit 5 s); the last status was queued or running"), "the limit may also cut a status call in flight, which the message then adds");
            Assert.That(Emulator.OpenInstanceCount, Is.Zero, "clean-up keeps its own limit after the workflow's ran out");
        });
    }

    [Test]
    public async Task Outside_the_scope_calls_have_their_own_limit_again()
    {
        using (StrategyTimeLimit.Begin(TimeSpan.FromMilliseconds(1)))
        {
            await Task.Delay(10);
        }

        var schedules = await Connection.CreateClient<SchedulesClient>().ListSchedulesAsync();

        Assert.That(schedules.Schedules, Is.Not.Empty);
    }
}
