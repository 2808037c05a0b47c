using Strategy.Emulator;
using Strategy.Generated;

namespace Strategy.EndToEnd.Tests;

/// <summary>A server of 2021 (11.3.0200) has the v1 jobs API only: the v2 job monitor is not supported there, and says so.</summary>
public sealed class OldJobsApiServerTests : EmulatorTest
{
    protected override StrategyEmulatorOptions EmulatorOptions => base.EmulatorOptions with { ServerVersion = "11.3.0200.0010" };

    [Test]
    public void The_v2_job_monitor_on_a_server_with_v1_only_is_not_supported_after_its_404()
    {
        var error = Assert.ThrowsAsync<StrategyNotSupportedException>(() => Connection.CreateClient<JobsClient>().ListJobsAsync(Seeds.Nodes[0]))!;

        Assert.Multiple(() =>
        {
            Assert.That((error.OperationId, error.MinimumServerVersion, error.ServerVersion), Is.EqualTo(("ListJobs", "11.3.0300", "11.3.0200.0010")));
            Assert.That(error.InnerException, Is.InstanceOf<StrategyApiException>(), "the server's 404 is behind it");
            Assert.That(Emulator.RequestCount("GET", "/api/v2/monitors/jobs"), Is.EqualTo(1));
        });
    }

    [Test]
    public async Task Events_are_there_since_11_3_0100()
    {
        var events = await Connection.CreateClient<EventsClient>().ListEventsAsync();

        Assert.That(events.Events, Is.Not.Empty);
    }

    [Test]
    public async Task Once_the_version_is_known_an_operation_the_server_lacks_is_refused_before_it_is_sent()
    {
        var status = await Connection.CreateClient<ServerClient>().GetServerStatusAsync();
        var subscriptions = Connection.CreateClient<SubscriptionsClient>();
        var subscription = await subscriptions.CreateSubscriptionAsync(DataModelRefreshSubscription.Create(
            "on an older server", Seeds.DataModelId, [new TableRefresh { Id = Seeds.SampleTableId, RefreshPolicy = RefreshPolicy.Upsert }], [Seeds.AllTheTimeScheduleId]));

        var refused = Assert.ThrowsAsync<StrategyNotSupportedException>(() => subscriptions.SendSubscriptionAndWaitAsync(subscription.Id, FastWaits))!;

        Assert.Multiple(() =>
        {
            Assert.That(status.IServerVersion, Is.EqualTo("11.3.0200.0010"));
            Assert.That(refused.OperationId, Is.EqualTo("GetSubscriptionStatus"), "the run's status is read before the send, so the send never happens");
            Assert.That(refused.MinimumServerVersion, Is.EqualTo("11.4.0600"));
            Assert.That(refused.InnerException, Is.Null, "refused before sending: no 404 behind it");
            Assert.That(refused.Message, Does.Contain("Nothing was sent").And.Not.Contain("August 2025"));
            Assert.That(Emulator.RequestCount("GET", $"/api/subscriptions/{subscription.Id}/status"), Is.Zero);
            Assert.That(Emulator.RequestCount("POST", "/send"), Is.Zero);
        });
    }
}
