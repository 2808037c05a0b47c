using System.Net;
using Strategy.Generated.Http;
using Strategy.Generated.Tests.Support;

namespace Strategy.Generated.Tests.Client;

public sealed class AuthenticationAndSessionTests
{
    private MockServer _server = null!;

    [SetUp]
    public void StartServer() => _server = new MockServer();

    [TearDown]
    public void StopServer() => _server.Dispose();

    [Test]
    public async Task Login_sends_the_seed_body_without_token_or_project_and_exposes_the_token()
    {
        _server.Handler.Expect(HttpMethod.Post, MockServer.Url("api/auth/login"))
            .WithJsonBody(Fixtures.Json("Login.request.json"))
            .WithoutHeader(StrategyHeaders.AuthToken)
            .WithoutHeader(StrategyHeaders.ProjectId)
            .Respond(_ => MockServer.Answer(HttpStatusCode.NoContent, headers: ("X-MSTR-AuthToken", "nllmm5lpmkjdsj4d4etgdikc6c")));
        var client = new AuthenticationClient(_server.Http);

        var response = await client.LoginAsync(
            new LoginRequest { LoginMode = LoginMode.Standard, Username = "administrator", Password = "" },
            CancellationToken.None);

        _server.Handler.VerifyNoOutstandingExpectation();
        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(204));
            Assert.That(response.AuthToken, Is.EqualTo("nllmm5lpmkjdsj4d4etgdikc6c"));
        });
    }

    [Test]
    public async Task Login_without_the_token_header_leaves_AuthToken_null()
    {
        _server.Handler.When(HttpMethod.Post, MockServer.Url("api/auth/login")).Respond(HttpStatusCode.NoContent);

        var response = await new AuthenticationClient(_server.Http)
            .LoginAsync(new LoginRequest { LoginMode = LoginMode.Ldap, Username = "u" }, CancellationToken.None);

        Assert.That(response.AuthToken, Is.Null);
    }

    [Test]
    public async Task Logout_posts_and_accepts_204()
    {
        _server.Handler.Expect(HttpMethod.Post, MockServer.Url("api/auth/logout")).Respond(HttpStatusCode.NoContent);

        await new AuthenticationClient(_server.Http).LogoutAsync(CancellationToken.None);

        _server.Handler.VerifyNoOutstandingExpectation();
    }

    [Test]
    public async Task Session_is_read_and_extended()
    {
        _server.Handler.Expect(HttpMethod.Get, MockServer.Url("api/sessions"))
            .Respond("application/json", """{"id":"54F3D26011D2896560009A8E67019608","fullName":"Administrator","locale":1033,"timeout":600}""");
        _server.Handler.Expect(HttpMethod.Put, MockServer.Url("api/sessions")).Respond(HttpStatusCode.NoContent);
        var client = new SessionsClient(_server.Http);

        var session = await client.GetSessionAsync(CancellationToken.None);
        await client.ExtendSessionAsync(CancellationToken.None);

        _server.Handler.VerifyNoOutstandingExpectation();
        Assert.Multiple(() =>
        {
            Assert.That(session.Timeout, Is.EqualTo(600));
            Assert.That(session.FullName, Is.EqualTo("Administrator"));
        });
    }

    [Test]
    public async Task Schedules_are_listed()
    {
        _server.Handler.Expect(HttpMethod.Get, MockServer.Url("api/schedules"))
            .Respond("application/json", """
                {"schedules":[
                  {"id":"FF7BB3C811D501F0C00051916B98494F","name":"All the Time","scheduleType":"time_based","expired":false},
                  {"id":"E24F501E802911E1BBCB892C4924019B","name":"Personal View","scheduleType":"event_based","expired":true}]}
                """);

        var schedules = await new SchedulesClient(_server.Http).ListSchedulesAsync(CancellationToken.None);

        Assert.That(schedules.Schedules.Select(s => (s.Name, s.ScheduleType)), Is.EqualTo(new[]
        {
            ("All the Time", (ScheduleType?)ScheduleType.Time_based),
            ("Personal View", (ScheduleType?)ScheduleType.Event_based),
        }));
    }
}
