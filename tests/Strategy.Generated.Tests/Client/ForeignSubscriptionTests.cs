using System.Globalization;
using System.Net;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using Strategy.Generated.Tests.Support;

namespace Strategy.Generated.Tests.Client;

/// <summary>
/// Subscriptions other clients leave on a server (the official Python client's expression filters,
/// reports and dashboards, other delivery modes, fields this spec does not list) read whole, in a
/// list beside seed-shaped ones, and survive a read → modify → write unchanged.
/// </summary>
public sealed class ForeignSubscriptionTests : ClientTest<SubscriptionsClient>
{
    private const string ForeignId = "5C1F6A0E4B3D11F0A1B2C3D4E5F60718";
    private const string ExpressionFilter = "GetSubscription.expression-filter.json";

    protected override SubscriptionsClient Create(HttpClient http) => new(http);

    public static IEnumerable<TestCaseData> ForeignBodies() =>
        Fixtures.AllForeignFiles().Select(file => new TestCaseData(file).SetArgDisplayNames(file));

    [Test]
    public async Task A_subscription_with_an_expression_filter_reads_whole()
    {
        AnswerGet(ForeignId, Fixtures.ForeignText(ExpressionFilter));

        var subscription = await Client.GetSubscriptionAsync(ForeignId, cancellationToken: CancellationToken.None);

        var content = subscription.Contents.Single();
        var condition = content.RefreshCondition!;
        var filter = condition.Filters!.Single();
        var tables = condition.Tables!;
        Assert.Multiple(() =>
        {
            Assert.That(filter.Qualification, Is.Null);
            Assert.That(filter.Expression!.Operator, Is.EqualTo("In"));
            Assert.That(filter.Expression.Operands!.Last()["values"], Is.EqualTo(new JArray("Boston", "Paris")).Using<object>(JTokenEquals));
            Assert.That(condition.DatasetRefreshPolicy, Is.EqualTo(RefreshPolicy.Upsert));
            Assert.That(tables[0].AlternateSource!.TableName, Is.EqualTo("ytd_day_v2"));
            Assert.That(StrategyJson.TryGetUnrecognizedValue(tables[1], "refreshPolicy", out var policy) ? policy : null, Is.EqualTo("merge_on_key"));
            Assert.That(content.Personalization!["formatType"], Is.EqualTo("CSV"));
            Assert.That(subscription.Delivery.Mode, Is.EqualTo(DeliveryMode.Email));
            Assert.That(subscription.Delivery.Expiration, Is.EqualTo("2026-12-31"));

            // Properties the spec does not list, at every depth, are kept.
            Assert.That(subscription.AdditionalProperties.Keys, Is.EquivalentTo(new[] { "status" }));
            Assert.That(subscription.LastRun, Is.EqualTo(new DateTimeOffset(2025, 9, 3, 1, 0, 4, TimeSpan.Zero)), "lastRun is modelled (listed with lastRun=true)");
            Assert.That(subscription.Owner.AdditionalProperties.Keys, Is.EquivalentTo(new[] { "expired" }));
            Assert.That(subscription.Schedules.Single().AdditionalProperties.Keys, Is.EquivalentTo(new[] { "timezone" }));
            Assert.That(tables[0].AdditionalProperties.Keys, Is.EquivalentTo(new[] { "incrementalKey" }));
            Assert.That(subscription.Recipients!.Single().AdditionalProperties.Keys, Is.EquivalentTo(new[] { "addressId" }));
            Assert.That(subscription.Delivery.AdditionalProperties, Is.Empty, "email is a typed delivery (the REST docs' subscription sample carries it)");
            Assert.That((subscription.Delivery.Email!.Subject, subscription.Delivery.Email.SendContentAs), Is.EqualTo(("Nightly refresh", "data")));
            Assert.That((string?)((JObject)subscription.Delivery.Email.Zip!)["filename"], Is.EqualTo("refresh"), "its zip settings kept as sent");
        });
    }

    [Test]
    public async Task A_list_mixing_seed_shaped_and_foreign_subscriptions_reads_every_one()
    {
        Server.Handler.When(HttpMethod.Get, MockServer.Url("api/subscriptions"))
            .Respond(_ => MockServer.Answer(HttpStatusCode.OK, Fixtures.ForeignText("ListSubscriptions.mixed.json"), ("x-mstr-total-count", "3")));

        var all = new List<Subscription>();
        await foreach (var subscription in Client.EnumerateSubscriptionsAsync(cancellationToken: CancellationToken.None))
        {
            all.Add(subscription);
        }

        var report = all[2];
        var agent = report.Contents[3];
        Assert.Multiple(() =>
        {
            Assert.That(all.Select(s => s.Name), Is.EqualTo(new[] { "Updated Subscription", "Nightly refresh (made by mstrio-py)", "Weekly sales report" }));
            Assert.That(all[0].Contents.Single().RefreshCondition!.Tables!.Single().RefreshPolicy, Is.EqualTo(RefreshPolicy.Upsert));
            Assert.That(report.Owner, Is.Null, "a subscription without an owner still reads");
            Assert.That(report.Contents.Take(3).Select(c => c.Type), Is.EqualTo(new[] { ContentType.Report, ContentType.Dossier, ContentType.Document }));
            Assert.That(StrategyJson.TryGetUnrecognizedValue(agent, "type", out var kind) ? kind : null, Is.EqualTo("agent"));
            Assert.That(report.Delivery.Mode, Is.EqualTo(DeliveryMode.Sharepoint));
            Assert.That(report.Recipients!.Single().Type, Is.EqualTo(RecipientType.UserGroup));
        });
    }

    [TestCaseSource(nameof(ForeignBodies))]
    public void A_foreign_body_reads_and_writes_back_unchanged(string file)
    {
        var text = Fixtures.ForeignText(file);
        var modelType = Fixtures.ModelTypeFor(file);

        var model = JsonConvert.DeserializeObject(text, modelType, StrategyJson.ReadingSettings)!;
        var written = JToken.FromObject(model, JsonSerializer.Create(StrategyJson.ReadingSettings));

        var expected = Normalized(Parse(text));
        var actual = Normalized(written);
        Assert.That(actual, Is.EqualTo(expected).Using<object>(JTokenEquals), () => $"Expected:\n{expected}\nWritten:\n{actual}");
    }

    [Test]
    public async Task Read_modify_write_loses_nothing_the_server_sent()
    {
        var original = (JObject)Parse(Fixtures.ForeignText(ExpressionFilter));
        AnswerGet(ForeignId, original.ToString());
        JToken? sent = null;
        var put = Server.Handler.When(HttpMethod.Put, MockServer.Url("api/subscriptions/" + ForeignId))
            .Respond(async request =>
            {
                sent = Parse(await request.Content!.ReadAsStringAsync());
                return MockServer.Answer(HttpStatusCode.OK, original.ToString());
            });

        var subscription = await Client.GetSubscriptionAsync(ForeignId, cancellationToken: CancellationToken.None);
        var request = subscription.ToRequest();
        request.Name = "Nightly refresh (renamed)";
        await Client.UpdateSubscriptionAsync(ForeignId, request, CancellationToken.None);

        var expected = (JObject)original.DeepClone();
        expected["name"] = "Nightly refresh (renamed)";
        foreach (var serverMaintained in new[] { "id", "editable", "dateCreated", "dateModified", "nextDelivery", "alert", "lastRun" })
        {
            expected.Remove(serverMaintained);
        }

        Assert.Multiple(() =>
        {
            Assert.That(Server.Handler.GetMatchCount(put), Is.EqualTo(1));
            Assert.That(Normalized(sent!), Is.EqualTo(Normalized(expected)).Using<object>(JTokenEquals));
            Assert.That(subscription.Name, Is.EqualTo("Nightly refresh (made by mstrio-py)"), "the request is a copy");
        });
    }

    private void AnswerGet(string id, string body) =>
        Server.Handler.When(HttpMethod.Get, MockServer.Url("api/subscriptions/" + id)).Respond("application/json", body);

    private static bool JTokenEquals(object left, object right) => JToken.DeepEquals((JToken)left, (JToken)right);

    /// <summary>JSON as text: dates stay strings, as the client reads them.</summary>
    private static JToken Parse(string json)
    {
        using var reader = new JsonTextReader(new StringReader(json)) { DateParseHandling = DateParseHandling.None };
        return JToken.ReadFrom(reader);
    }

    /// <summary>Dates compare by instant (the server writes +0000, .NET writes +00:00); nulls compare as absent; property order does not count.</summary>
    private static JToken Normalized(JToken token)
    {
        var copy = Sorted(token);
        foreach (var value in copy.SelectTokens("$..*").OfType<JValue>().ToList())
        {
            if (value.Value is DateTimeOffset typed)
            {
                value.Value = typed.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);
            }
            else if (value.Type == JTokenType.String
                && ((string)value!).Length >= 20
                && DateTimeOffset.TryParseExact((string)value!, ["yyyy-MM-dd'T'HH:mm:sszzz", "yyyy-MM-dd'T'HH:mm:ss.fffzzz", "yyyy-MM-dd'T'HH:mm:ssK"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                value.Value = date.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);
            }
        }

        foreach (var property in copy.SelectTokens("$..*").OfType<JValue>().Where(v => v.Type == JTokenType.Null && v.Parent is JProperty).Select(v => (JProperty)v.Parent!).ToList())
        {
            property.Remove();
        }

        return copy;
    }

    private static JToken Sorted(JToken token) => token switch
    {
        JObject obj => new JObject(obj.Properties().OrderBy(p => p.Name, StringComparer.Ordinal).Select(p => new JProperty(p.Name, Sorted(p.Value)))),
        JArray array => new JArray(array.Select(Sorted)),
        _ => token.DeepClone(),
    };
}
