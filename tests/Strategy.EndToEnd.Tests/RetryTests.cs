using Strategy.Emulator;
using Strategy.Emulator.Faults;
using Strategy.Generated;

namespace Strategy.EndToEnd.Tests;

/// <summary>With retries on (the default), transient faults on idempotent requests are ridden out.</summary>
public sealed class RetryTests : EmulatorTest
{
    [Test]
    public async Task A_503_on_a_read_is_retried_and_succeeds()
    {
        Emulator.Faults.Add(new FaultRule { PathContains = "/api/schedules", Status = 503, Count = 2 });

        var schedules = await Connection.CreateClient<SchedulesClient>().ListSchedulesAsync();

        Assert.That(schedules.Schedules, Has.Count.EqualTo(2));
    }

    [Test]
    public async Task A_dropped_connection_on_a_read_is_retried()
    {
        Emulator.Faults.Add(new FaultRule { PathContains = "/api/schedules", DropConnection = true });

        var schedules = await Connection.CreateClient<SchedulesClient>().ListSchedulesAsync();

        Assert.That(schedules.Schedules, Is.Not.Empty);
    }

    [Test]
    public void A_503_on_a_write_is_not_retried()
    {
        Emulator.Faults.Add(new FaultRule { PathContains = "/instances", Method = "POST", Status = 503, Count = 1 });

        var error = Assert.ThrowsAsync<StrategyApiException>(() => Connection.CreateClient<DataModelsClient>().CreateDataModelInstanceAsync(Seeds.DataModelId));

        Assert.Multiple(() =>
        {
            Assert.That(error!.StatusCode, Is.EqualTo(503));
            Assert.That(Emulator.OpenInstanceCount, Is.Zero);
        });
    }
}
