using System.Net;
using System.Text;
using Strategy.Generated.Tests.Support;

namespace Strategy.Generated.Tests.Client;

/// <summary>Bad answers become typed errors or tolerant reads, never a crash or a hang.</summary>
public sealed class BadInputTests : ClientTest<SubscriptionsClient>
{
    private static readonly string SubscriptionUrl = MockServer.Url($"api/subscriptions/{MockServer.SubscriptionId}");

    protected override SubscriptionsClient Create(HttpClient http) => new(http);

    [Test]
    public void A_success_with_an_HTML_body_says_the_address_is_not_the_strategy_api()
    {
        Server.Handler.When(HttpMethod.Get, SubscriptionUrl)
            .Respond(_ => new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("<html><head><title>Portal</title></head><body>Login</body></html>", Encoding.UTF8, "text/html") });

        var error = Assert.ThrowsAsync<StrategyApiException>(() => Client.GetSubscriptionAsync(MockServer.SubscriptionId));

        Assert.Multiple(() =>
        {
            Assert.That(error!.Kind, Is.EqualTo(StrategyErrorKind.NotStrategyServer));
            Assert.That(error.Message, Does.StartWith("GetSubscription (GET ").And.Contain("an HTML page titled 'Portal' came where Subscription JSON belongs"));
        });
    }

    [Test]
    public async Task JSON_sent_with_a_wrong_content_type_is_still_read()
    {
        Server.Handler.When(HttpMethod.Get, SubscriptionUrl)
            .Respond(_ => new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(Fixtures.Text("GetSubscription.200.json"), Encoding.UTF8, "text/plain") });

        var subscription = await Client.GetSubscriptionAsync(MockServer.SubscriptionId);

        Assert.That(subscription.Id, Is.EqualTo(MockServer.SubscriptionId));
    }

    [TestCase("")]
    [TestCase("{")]
    [TestCase("{\"id\":\"0730C69A4EBAA20BD967EA86274F0C2F\",\"name\":\"x\",\"owner\":{\"id\":")]
    [TestCase("[]")]
    [TestCase("null")]
    public void Empty_truncated_or_wrongly_shaped_JSON_is_an_invalid_response(string body)
    {
        Server.Handler.When(HttpMethod.Get, SubscriptionUrl).Respond("application/json", body);

        var error = Assert.ThrowsAsync<StrategyApiException>(() => Client.GetSubscriptionAsync(MockServer.SubscriptionId));

        Assert.That(error!.Kind, Is.EqualTo(StrategyErrorKind.InvalidResponse));
    }

    [Test]
    public async Task A_huge_page_is_read_whole()
    {
        var one = Fixtures.Text("GetSubscription.200.json");
        var page = "{\"subscriptions\":[" + string.Join(",", Enumerable.Repeat(one, 20_000)) + "]}";
        Server.Handler.When(HttpMethod.Get, MockServer.Url("api/subscriptions")).Respond("application/json", page);

        var response = await Client.ListSubscriptionsAsync(0, -1);

        Assert.That(response.Result.Subscriptions, Has.Count.EqualTo(20_000));
    }

    [Test]
    public void A_large_answer_of_the_wrong_shape_is_the_typed_unreadable_error_on_a_bare_HttpClient_too()
    {
        // Larger than what is read as text, so it is read as a stream; a bare HttpClient has no handler that keeps it in memory.
        var one = Fixtures.Text("GetSubscription.200.json");
        var page = "{\"subscriptions\":{\"items\":[" + string.Join(",", Enumerable.Repeat(one, 100)) + "]}}";
        Server.Handler.When(HttpMethod.Get, MockServer.Url("api/subscriptions")).Respond("application/json", page);

        var error = Assert.ThrowsAsync<StrategyApiException>(() => Client.ListSubscriptionsAsync(0, -1));

        Assert.Multiple(() =>
        {
            Assert.That(page.Length, Is.GreaterThan(16 * 1024), "large enough to be read as a stream");
            Assert.That(error!.Kind, Is.EqualTo(StrategyErrorKind.InvalidResponse));
            Assert.That(error.Message, Does.Contain("subscriptions"), "the JSON path it could not read");
        });
    }

    [Test]
    public void Credentials_never_show_the_password()
    {
        var credentials = StrategyCredentials.Standard("administrator", "hunter2-secret");

        Assert.Multiple(() =>
        {
            Assert.That(credentials.ToString(), Does.Not.Contain("hunter2-secret").And.Contain("administrator"));
            Assert.That(StrategyCredentials.ApiToken("token-secret").ToString(), Does.Not.Contain("token-secret"));
        });
    }
}
