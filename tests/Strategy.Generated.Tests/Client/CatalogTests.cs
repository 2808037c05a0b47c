using Strategy.Generated.Http;

namespace Strategy.Generated.Tests.Client;

/// <summary>The generated catalog: clients created through it, and a class derived from a client still created by its constructor.</summary>
public sealed class CatalogTests
{
    [Test]
    public void Every_client_in_the_catalog_creates_itself_in_the_project_given()
    {
        using var http = new HttpClient { BaseAddress = new Uri("http://localhost/") };

        var created = StrategyOperations.Clients.Select(c => (Entry: c, Client: c.Create(http, "P1"))).ToList();

        Assert.Multiple(() =>
        {
            Assert.That(created, Is.Not.Empty);
            foreach (var (entry, client) in created)
            {
                Assert.That(client, Is.InstanceOf(entry.ClientType));
                Assert.That(client.ProjectId, Is.EqualTo("P1"));
                Assert.That(entry.InterfaceType is null || entry.InterfaceType.IsInstanceOfType(client), Is.True, entry.ClientType.Name);
            }

            Assert.That(StrategyOperations.All.Select(o => o.ClientType).Distinct(), Is.SubsetOf(StrategyOperations.Clients.Select(c => c.ClientType)));
            Assert.That(StrategyOperations.All.Select(o => o.OperationId), Is.Unique);
        });
    }

    [Test]
    public async Task A_connection_creates_catalog_clients_and_classes_derived_from_them()
    {
        await using var connection = StrategyConnection.Create(new Uri("http://localhost/"), StrategyCredentials.Standard("u", "p"), "P1");

        var generated = connection.CreateClient<EventsClient>();
        var derived = connection.CreateClient<CountingEventsClient>();

        Assert.Multiple(() =>
        {
            Assert.That(generated.ProjectId, Is.EqualTo("P1"));
            Assert.That(derived, Is.TypeOf<CountingEventsClient>());
            Assert.That(derived.ProjectId, Is.EqualTo("P1"));
            Assert.That(StrategyOperations.Client(typeof(CountingEventsClient)), Is.Null, "not in the catalog: created by its constructor");
        });
    }

    /// <summary>A test double derived from a generated client.</summary>
    public sealed class CountingEventsClient(HttpClient httpClient) : EventsClient(httpClient);
}
