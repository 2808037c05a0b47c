using Strategy.Emulator;
using Strategy.Generated;

namespace Strategy.EndToEnd.Tests;

/// <summary>
/// A server older than an operation (the spec's <c>x-strategy-since</c>: the data model runtime in
/// 11.5.0800, the subscription status in 11.4.0600, the jobs API v2 in 11.3.0300) answers it 404 ERR004
/// like an unknown object; the client asks its version and says what is wrong, and once the version is
/// known, refuses such an operation before sending it.
/// </summary>
public sealed class OlderServerTests : EmulatorTest
{
    protected override StrategyEmulatorOptions EmulatorOptions => base.EmulatorOptions with { ServerVersion = "11.4.1200.0045" };

    [Test]
    public void Publishing_on_an_older_server_is_not_supported_naming_its_version()
    {
        var error = Assert.ThrowsAsync<StrategyNotSupportedException>(() =>
            Connection.CreateClient<DataModelsClient>().PublishAndWaitAsync(Seeds.DataModelId, RefreshPolicy.Replace, FastWaits))!;

        Assert.Multiple(() =>
        {
            Assert.That(error.OperationId, Is.EqualTo("ListDataModelTables"), "the first call of the publish: nothing was created");
            Assert.That(error.ServerVersion, Is.EqualTo("11.4.1200.0045"));
            Assert.That(error.Message, Does.Contain("not supported by this server (version 11.4.1200.0045)").And.Contain("11.5.0800"));
            Assert.That(error.InnerException, Is.InstanceOf<StrategyApiException>().With.Property(nameof(StrategyApiException.ErrorCode)).EqualTo("ERR004"));
            Assert.That(Emulator.OpenInstanceCount, Is.Zero);
        });
    }

    [Test]
    public async Task Everything_else_still_works_on_an_older_server()
    {
        var status = await Connection.CreateClient<SubscriptionsClient>().GetLastSubscriptionRunAsync("0730C69A4EBAA20BD967EA86274F0C2F").ContinueWith(t => t.Exception?.InnerException);
        var events = await Connection.CreateClient<EventsClient>().ListEventsAsync();

        Assert.Multiple(() =>
        {
            Assert.That(status, Is.InstanceOf<StrategyApiException>().With.Property(nameof(StrategyApiException.StatusCode)).EqualTo(404), "the subscription status is there (11.4.0600): an unknown subscription is simply not found");
            Assert.That(events.Events, Is.Not.Empty);
        });
    }
}
