using System.Net;
using Strategy.Generated.Tests.Support;

namespace Strategy.Generated.Tests.Workflows;

public sealed class PagingTests
{
    private static readonly string TablesUrl = MockServer.Url($"api/model/dataModels/{MockServer.DataModelId}/tables");
    private static readonly string SubscriptionsUrl = MockServer.Url("api/subscriptions");

    private MockServer _server = null!;

    [SetUp]
    public void StartServer() => _server = new MockServer();

    [TearDown]
    public void StopServer() => _server.Dispose();

    private static string TablesPage(int total, params int[] numbers)
    {
        var tables = numbers.Select(n => "{\"information\":{\"objectId\":\"" + n.ToString("X32") + "\",\"name\":\"table" + n + "\"}}");
        return "{\"total\":" + total + ",\"tables\":[" + string.Join(",", tables) + "]}";
    }

    private MockedRequest TablesAt(int offset, string page) =>
        _server.Handler.When(HttpMethod.Get, TablesUrl).WithExactQueryString($"offset={offset}&limit=2").Respond("application/json", page);

    [Test]
    public async Task Tables_are_walked_page_by_page_until_the_total()
    {
        var pages = new[] { TablesAt(0, TablesPage(5, 1, 2)), TablesAt(2, TablesPage(5, 3, 4)), TablesAt(4, TablesPage(5, 5)) };
        var client = _server.Client(http => new DataModelsClient(http));

        var names = new List<string>();
        await foreach (var table in client.EnumerateDataModelTablesAsync(MockServer.DataModelId, pageSize: 2))
        {
            names.Add(table.Information.Name);
        }

        Assert.Multiple(() =>
        {
            Assert.That(names, Is.EqualTo(new[] { "table1", "table2", "table3", "table4", "table5" }));
            Assert.That(pages.Select(_server.Handler.GetMatchCount), Has.All.EqualTo(1));
        });
    }

    [Test]
    public async Task A_consumer_that_stops_early_fetches_no_further_page()
    {
        var first = TablesAt(0, TablesPage(6, 1, 2));
        var second = TablesAt(2, TablesPage(6, 3, 4));
        var client = _server.Client(http => new DataModelsClient(http));

        await foreach (var table in client.EnumerateDataModelTablesAsync(MockServer.DataModelId, pageSize: 2))
        {
            Assert.That(table.Information.Name, Is.EqualTo("table1"));
            break;
        }

        Assert.Multiple(() =>
        {
            Assert.That(_server.Handler.GetMatchCount(first), Is.EqualTo(1));
            Assert.That(_server.Handler.GetMatchCount(second), Is.Zero);
        });
    }

    [Test]
    public async Task With_prefetch_the_following_pages_are_requested_while_the_caller_reads_in_order()
    {
        var pages = new[] { TablesAt(0, TablesPage(7, 1, 2)), TablesAt(2, TablesPage(7, 3, 4)), TablesAt(4, TablesPage(7, 5, 6)), TablesAt(6, TablesPage(7, 7)) };
        var client = _server.Client(http => new DataModelsClient(http));

        var names = new List<string>();
        var requestedBeforeSecondItem = 0;
        await foreach (var table in client.EnumerateDataModelTablesAsync(MockServer.DataModelId, pageSize: 2, prefetchPages: 2))
        {
            names.Add(table.Information.Name);
            if (names.Count == 1)
            {
                await Task.Delay(100);
                requestedBeforeSecondItem = pages.Sum(_server.Handler.GetMatchCount);
            }
        }

        Assert.Multiple(() =>
        {
            Assert.That(names, Is.EqualTo(Enumerable.Range(1, 7).Select(n => "table" + n)), "in order");
            Assert.That(requestedBeforeSecondItem, Is.EqualTo(3), "the first page and the two after it, while the caller held the first item");
            Assert.That(pages.Select(_server.Handler.GetMatchCount), Has.All.EqualTo(1));
        });
    }

    [Test]
    public async Task A_consumer_that_stops_early_cancels_the_pages_fetched_ahead()
    {
        // The first page at once; every later page waits until it is cancelled.
        var firstPage = TablesPage(100, 1, 2);
        var handler = new HangingHandler((request, _) => request.RequestUri!.Query.Contains("offset=0", StringComparison.Ordinal)
            ? new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(firstPage, System.Text.Encoding.UTF8, "application/json") }
            : null);
        var client = new DataModelsClient(new HttpClient(handler) { BaseAddress = new Uri(MockServer.BaseUrl) }) { ProjectId = MockServer.ProjectId };

        await foreach (var table in client.EnumerateDataModelTablesAsync(MockServer.DataModelId, pageSize: 2, prefetchPages: 3))
        {
            break;
        }

        Assert.Multiple(() =>
        {
            Assert.That(handler.Started, Is.EqualTo(4), "the first page and three ahead");
            Assert.That(handler.Cancelled, Is.EqualTo(3), "the three pages in flight were cancelled when the loop stopped");
        });
    }

    [Test]
    public async Task Subscriptions_stop_at_the_total_count_header()
    {
        var subscription = Fixtures.Json("GetSubscription.200.json").ToString();
        _server.Handler.Expect(HttpMethod.Get, SubscriptionsUrl).WithExactQueryString("offset=0&limit=2")
            .Respond(_ => MockServer.Answer(HttpStatusCode.OK, $$"""{"subscriptions":[{{subscription}},{{subscription}}]}""", ("x-mstr-total-count", "3")));
        _server.Handler.Expect(HttpMethod.Get, SubscriptionsUrl).WithExactQueryString("offset=2&limit=2")
            .Respond(_ => MockServer.Answer(HttpStatusCode.OK, $$"""{"subscriptions":[{{subscription}}]}""", ("x-mstr-total-count", "3")));
        var client = _server.Client(http => new SubscriptionsClient(http));

        var count = 0;
        await foreach (var _ in client.EnumerateSubscriptionsAsync(pageSize: 2))
        {
            count++;
        }

        _server.Handler.VerifyNoOutstandingExpectation();
        Assert.That(count, Is.EqualTo(3));
    }

    [Test]
    public async Task Without_a_total_the_walk_stops_at_the_first_short_page()
    {
        var subscription = Fixtures.Json("GetSubscription.200.json").ToString();
        var first = _server.Handler.When(HttpMethod.Get, SubscriptionsUrl).WithExactQueryString("offset=0&limit=2")
            .Respond("application/json", $$"""{"subscriptions":[{{subscription}},{{subscription}}]}""");
        var second = _server.Handler.When(HttpMethod.Get, SubscriptionsUrl).WithExactQueryString("offset=2&limit=2")
            .Respond("application/json", """{"subscriptions":[]}""");
        var client = _server.Client(http => new SubscriptionsClient(http));

        var count = 0;
        await foreach (var _ in client.EnumerateSubscriptionsAsync(pageSize: 2))
        {
            count++;
        }

        Assert.Multiple(() =>
        {
            Assert.That(count, Is.EqualTo(2));
            Assert.That(_server.Handler.GetMatchCount(first), Is.EqualTo(1));
            Assert.That(_server.Handler.GetMatchCount(second), Is.EqualTo(1));
        });
    }

    [Test]
    public void A_page_size_below_one_is_rejected_at_the_call_not_at_the_first_item()
    {
        var client = _server.Client(http => new SubscriptionsClient(http));

        Assert.That(() => client.EnumerateSubscriptionsAsync(pageSize: 0), Throws.InstanceOf<ArgumentOutOfRangeException>());
    }
}
