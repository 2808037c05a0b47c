using System.Net;
using Strategy.Generated.Http;
using Strategy.Generated.Tests.Support;

namespace Strategy.Generated.Tests.Sessions;

/// <summary>The session renews exactly when the error classification says the session expired.</summary>
public sealed class SessionRenewalTests
{
    private static (HttpClient Client, MockHttpMessageHandler Mock, StrategySessionHandler Session) Create()
    {
        var mock = new MockHttpMessageHandler();
        var session = new StrategySessionHandler(new Uri(MockServer.BaseUrl), StrategyCredentials.Standard("administrator", "")) { InnerHandler = mock };
        return (new HttpClient(session) { BaseAddress = new Uri(MockServer.BaseUrl) }, mock, session);
    }

    [TestCase("", TestName = "A 401 without a body renews the session once")]
    [TestCase("""{"code":"ERR009","message":"expired"}""", TestName = "A 401 ERR009 renews the session once")]
    public async Task An_expired_session_is_renewed_once_and_the_request_resent(string body)
    {
        var (client, mock, session) = Create();
        ExpectLogin(mock, "token-1");
        mock.Expect(HttpMethod.Get, MockServer.Url("api/sessions")).WithHeaders(StrategyHeaders.AuthToken, "token-1")
            .Respond(_ => MockServer.Answer(HttpStatusCode.Unauthorized, body.Length == 0 ? null : body));
        ExpectLogin(mock, "token-2");
        mock.Expect(HttpMethod.Get, MockServer.Url("api/sessions")).WithHeaders(StrategyHeaders.AuthToken, "token-2")
            .Respond(HttpStatusCode.OK);

        using var response = await client.GetAsync("api/sessions");

        mock.VerifyNoOutstandingExpectation();
        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(session.LoginCount, Is.EqualTo(2));
        });
    }

    [Test]
    public async Task Rejected_credentials_are_not_retried_with_a_new_login()
    {
        var (client, mock, session) = Create();
        ExpectLogin(mock, "token-1");
        mock.When(HttpMethod.Get, MockServer.Url("api/sessions"))
            .Respond(_ => MockServer.Answer(HttpStatusCode.Unauthorized, """{"code":"ERR003","message":"bad credentials"}"""));

        using var response = await client.GetAsync("api/sessions");

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(session.LoginCount, Is.EqualTo(1));
        });
    }

    [Test]
    public async Task An_API_token_login_sends_the_token_as_username_and_no_password()
    {
        var mock = new MockHttpMessageHandler();
        var session = new StrategySessionHandler(new Uri(MockServer.BaseUrl), StrategyCredentials.ApiToken("the-api-token")) { InnerHandler = mock };
        using var client = new HttpClient(session) { BaseAddress = new Uri(MockServer.BaseUrl) };
        mock.Expect(HttpMethod.Post, MockServer.Url("api/auth/login"))
            .WithJsonBody(Newtonsoft.Json.Linq.JObject.Parse("""{"loginMode":4096,"username":"the-api-token"}"""))
            .Respond(_ => MockServer.Answer(HttpStatusCode.NoContent, null, (StrategyHeaders.AuthToken, "token-1")));
        mock.Expect(HttpMethod.Get, MockServer.Url("api/sessions")).WithHeaders(StrategyHeaders.AuthToken, "token-1").Respond(HttpStatusCode.OK);

        using var response = await client.GetAsync("api/sessions");

        mock.VerifyNoOutstandingExpectation();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [TestCase("11.4.1200.0045", "11.5.0800", true)]
    [TestCase("11.5.0700", "11.5.0800", true)]
    [TestCase("11.5.0800.0123", "11.5.0800", false)]
    [TestCase("11.6.0100", "11.5.0800", false)]
    [TestCase("12.0.0000", "11.5.0800", false)]
    [TestCase("unknown", "11.5.0800", false)]
    [TestCase(null, "11.5.0800", false)]
    public void A_server_version_is_older_only_when_it_reads_as_one(string? version, string minimum, bool older)
    {
        Assert.That(ServerSupport.IsOlder(version, minimum), Is.EqualTo(older));
    }

    [Test]
    public async Task The_cookie_header_follows_every_Set_Cookie_and_each_cookies_path()
    {
        var mock = new MockHttpMessageHandler();
        var session = new StrategySessionHandler(new Uri(MockServer.BaseUrl), StrategyCredentials.Standard("administrator", "")) { InnerHandler = mock };
        using var client = new HttpClient(session) { BaseAddress = new Uri(MockServer.BaseUrl) };
        var sent = new List<(string Path, string? Cookie)>();
        mock.When(HttpMethod.Post, MockServer.Url("api/auth/login"))
            .Respond(_ => MockServer.Answer(HttpStatusCode.NoContent, null, (StrategyHeaders.AuthToken, "token-1"), ("Set-Cookie", "JSESSIONID=first; Path=/")));
        mock.When("*").Respond(request =>
        {
            sent.Add((request.RequestUri!.AbsolutePath, request.Headers.TryGetValues("Cookie", out var values) ? string.Join(";", values) : null));
            return request.RequestUri!.AbsolutePath.EndsWith("/renew", StringComparison.Ordinal)
                ? MockServer.Answer(HttpStatusCode.OK, "{}", ("Set-Cookie", "JSESSIONID=second; Path=/"), ("Set-Cookie", "LB=node2; Path=/MicroStrategyLibrary/api/subscriptions"))
                : MockServer.Answer(HttpStatusCode.OK, "{}");
        });

        foreach (var path in new[] { "api/sessions", "api/renew", "api/sessions", "api/subscriptions/x" })
        {
            using var _ = await client.GetAsync(path);
        }

        Assert.That(sent, Is.EqualTo(new (string, string?)[]
        {
            ("/MicroStrategyLibrary/api/sessions", "JSESSIONID=first"),
            ("/MicroStrategyLibrary/api/renew", "JSESSIONID=first"),
            ("/MicroStrategyLibrary/api/sessions", "JSESSIONID=second"),
            ("/MicroStrategyLibrary/api/subscriptions/x", "LB=node2; JSESSIONID=second"),
        }));
    }

    private static void ExpectLogin(MockHttpMessageHandler mock, string token) =>
        mock.Expect(HttpMethod.Post, MockServer.Url("api/auth/login"))
            .Respond(_ => MockServer.Answer(HttpStatusCode.NoContent, null, (StrategyHeaders.AuthToken, token)));
}
