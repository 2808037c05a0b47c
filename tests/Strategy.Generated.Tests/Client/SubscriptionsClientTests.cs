using System.Net;
using Strategy.Generated.Http;
using Strategy.Generated.Tests.Support;

namespace Strategy.Generated.Tests.Client;

public sealed class SubscriptionsClientTests : ClientTest<SubscriptionsClient>
{
    private const string DataModelId = MockServer.DataModelId;
    private const string TableId = "0D1436DF3004418086D8BD3FD985EC4A";

    protected override SubscriptionsClient Create(HttpClient http) => new(http);

    [Test]
    public async Task List_get_and_update_send_the_client_version_the_official_client_sends_and_create_does_not()
    {
        var subscription = MockServer.Url("api/subscriptions/" + MockServer.SubscriptionId);
        Server.Handler.Expect(HttpMethod.Get, MockServer.Url("api/subscriptions")).WithHeaders("X-MSTR-ClientVersion", "25.06").Respond("application/json", Fixtures.Text("ListSubscriptions.200.json"));
        Server.Handler.Expect(HttpMethod.Get, subscription).WithHeaders("X-MSTR-ClientVersion", "25.06").Respond("application/json", Fixtures.Text("GetSubscription.200.json"));
        Server.Handler.Expect(HttpMethod.Put, subscription).WithHeaders("X-MSTR-ClientVersion", "25.06").Respond("application/json", Fixtures.Text("UpdateSubscription.200.json"));
        Server.Handler.Expect(HttpMethod.Post, MockServer.Url("api/subscriptions")).WithoutHeader("X-MSTR-ClientVersion").Respond(HttpStatusCode.Created, "application/json", Fixtures.Text("CreateSubscription.201.json"));

        await Client.ListSubscriptionsAsync(cancellationToken: CancellationToken.None);
        var read = await Client.GetSubscriptionAsync(MockServer.SubscriptionId, cancellationToken: CancellationToken.None);
        await Client.UpdateSubscriptionAsync(MockServer.SubscriptionId, read.ToRequest(), CancellationToken.None);
        await Client.CreateSubscriptionAsync(Fixtures.Model<SubscriptionRequest>("CreateSubscription.request.json"), CancellationToken.None);

        Server.Handler.VerifyNoOutstandingExpectation();
    }

    [Test]
    public async Task Listing_sends_offset_and_limit_and_exposes_the_total_count_header()
    {
        Server.Handler.Expect(HttpMethod.Get, MockServer.Url("api/subscriptions"))
            .WithExactQueryString("offset=0&limit=10")
            .WithHeaders(StrategyHeaders.ProjectId, MockServer.ProjectId)
            .Respond(_ => MockServer.Answer(HttpStatusCode.OK, Fixtures.Text("ListSubscriptions.200.json"), ("x-mstr-total-count", "1")));

        var response = await Client.ListSubscriptionsAsync(0, 10, cancellationToken: CancellationToken.None);

        Server.Handler.VerifyNoOutstandingExpectation();
        var subscription = response.Result.Subscriptions.Single();
        Assert.Multiple(() =>
        {
            Assert.That(response.TotalCount, Is.EqualTo(1));
            Assert.That(subscription.Id, Is.EqualTo(MockServer.SubscriptionId));
            Assert.That(subscription.Owner.Name, Is.EqualTo("Administrator"));
            Assert.That(subscription.DateModified, Is.EqualTo(new DateTimeOffset(2025, 7, 29, 5, 52, 37, TimeSpan.Zero)));
            Assert.That(subscription.Schedules.Single().Type, Is.EqualTo(ScheduleType.EventBased));
            Assert.That(subscription.Contents.Single().Type, Is.EqualTo(ContentType.DataModel));
            Assert.That(subscription.Recipients!.Single().IncludeType, Is.EqualTo(IncludeType.To));
            Assert.That(subscription.Delivery.Mode, Is.EqualTo(DeliveryMode.HistoryList));
            Assert.That(subscription.Delivery.HistoryList!.OverwriteOlderVersion, Is.False);
        });
    }

    [Test]
    public async Task A_missing_total_count_header_reads_as_null()
    {
        Server.Handler.When(HttpMethod.Get, MockServer.Url("api/subscriptions")).Respond("application/json", """{"subscriptions":[]}""");

        var response = await Client.ListSubscriptionsAsync(cancellationToken: CancellationToken.None);

        Assert.That(response.TotalCount, Is.Null);
    }

    [Test]
    public async Task Creating_a_data_model_refresh_sends_the_seed_body_and_reads_the_created_subscription()
    {
        Server.Handler.Expect(HttpMethod.Post, MockServer.Url("api/subscriptions"))
            .WithHeaders(StrategyHeaders.ProjectId, MockServer.ProjectId)
            .WithJsonBody(Fixtures.Json("CreateSubscription.request.json"))
            .Respond(_ => MockServer.Answer(HttpStatusCode.Created, Fixtures.Text("CreateSubscription.201.json")));

        var created = await Client.CreateSubscriptionAsync(RefreshSubscription(filter: false), CancellationToken.None);

        Server.Handler.VerifyNoOutstandingExpectation();
        Assert.Multiple(() =>
        {
            Assert.That(created.Id, Is.EqualTo(MockServer.SubscriptionId));
            Assert.That(created.NextDelivery, Is.EqualTo(new DateTimeOffset(2025, 7, 29, 6, 0, 0, TimeSpan.Zero)));
            Assert.That(created.Contents.Single().RefreshCondition!.Tables!.Single().RefreshPolicy, Is.EqualTo(RefreshPolicy.Upsert));
            Assert.That(created.Schedules.Single().Type, Is.EqualTo(ScheduleType.TimeBased));
        });
    }

    [Test]
    public async Task Creating_with_an_attribute_form_filter_sends_the_seed_body()
    {
        Server.Handler.Expect(HttpMethod.Post, MockServer.Url("api/subscriptions"))
            .WithJsonBody(Fixtures.Json("CreateSubscription.with-filter.request.json"))
            .Respond(_ => MockServer.Answer(HttpStatusCode.Created, Fixtures.Text("CreateSubscription.201.json")));

        await Client.CreateSubscriptionAsync(RefreshSubscription(filter: true), CancellationToken.None);

        Server.Handler.VerifyNoOutstandingExpectation();
    }

    [Test]
    public async Task Updating_puts_the_seed_body_to_the_subscription_path()
    {
        Server.Handler.Expect(HttpMethod.Put, MockServer.Url($"api/subscriptions/{MockServer.SubscriptionId}"))
            .WithHeaders(StrategyHeaders.ProjectId, MockServer.ProjectId)
            .WithJsonBody(Fixtures.Json("UpdateSubscription.request.json"))
            .Respond("application/json", Fixtures.Text("UpdateSubscription.200.json"));

        var updated = await Client.UpdateSubscriptionAsync(
            MockServer.SubscriptionId, Fixtures.Model<SubscriptionRequest>("UpdateSubscription.request.json"), CancellationToken.None);

        Server.Handler.VerifyNoOutstandingExpectation();
        Assert.Multiple(() =>
        {
            Assert.That(updated.Name, Is.EqualTo("Updated Subscription"));
            Assert.That(updated.Schedules.Single().Expired, Is.True);
        });
    }

    [Test]
    public async Task Getting_and_deleting_use_the_subscription_path()
    {
        Server.Handler.Expect(HttpMethod.Get, MockServer.Url($"api/subscriptions/{MockServer.SubscriptionId}"))
            .Respond("application/json", Fixtures.Text("GetSubscription.200.json"));
        Server.Handler.Expect(HttpMethod.Delete, MockServer.Url($"api/subscriptions/{MockServer.SubscriptionId}"))
            .WithHeaders(StrategyHeaders.ProjectId, MockServer.ProjectId)
            .Respond(HttpStatusCode.NoContent);

        var subscription = await Client.GetSubscriptionAsync(MockServer.SubscriptionId, cancellationToken: CancellationToken.None);
        await Client.DeleteSubscriptionAsync(MockServer.SubscriptionId, CancellationToken.None);

        Server.Handler.VerifyNoOutstandingExpectation();
        Assert.That(subscription.Recipients!.Single().ChildSubscriptionId, Is.EqualTo("2A3D6DFB4FE66AF22B228E89DCE4847D"));
    }

    /// <summary>The seed's data model refresh subscription, built with the library's factory.</summary>
    private static SubscriptionRequest RefreshSubscription(bool filter) =>
        DataModelRefreshSubscription.Create(
            "Data Model Subscription Example",
            DataModelId,
            [new TableRefresh { Id = TableId, RefreshPolicy = RefreshPolicy.Upsert }],
            ["FF7BB3C811D501F0C00051916B98494F"],
            filter ? DataModelRefreshSubscription.AttributeFormFilter("74BA634076BE435F913BA476BFEA2E9B", "45C11FA478E745FEA08D781CEA190FE5", "jan") : null);

    [Test]
    public void The_factory_rejects_a_subscription_without_tables_or_schedules()
    {
        Assert.Multiple(() =>
        {
            Assert.That(() => DataModelRefreshSubscription.Create("x", DataModelId, [], ["FF7BB3C811D501F0C00051916B98494F"]), Throws.ArgumentException);
            Assert.That(() => DataModelRefreshSubscription.Create("x", DataModelId, [new TableRefresh { Id = TableId }], []), Throws.ArgumentException);
            Assert.That(() => DataModelRefreshSubscription.Create(" ", DataModelId, [new TableRefresh { Id = TableId }], ["FF7BB3C811D501F0C00051916B98494F"]), Throws.ArgumentException);
        });
    }
}
