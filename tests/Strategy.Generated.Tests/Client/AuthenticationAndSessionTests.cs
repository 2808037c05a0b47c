using System.Net;
using Strategy.Generated.Http;
using Strategy.Generated.Tests.Support;

namespace Strategy.Generated.Tests.Client;

public sealed class AuthenticationAndSessionTests : ClientTest<AuthenticationClient>
{
    protected override AuthenticationClient Create(HttpClient http) => new(http);

    [Test]
    public async Task Login_sends_the_seed_body_without_token_or_project_and_exposes_the_token()
    {
        Server.Handler.Expect(HttpMethod.Post, MockServer.Url("api/auth/login"))
            .WithJsonBody(Fixtures.Json("Login.request.json"))
            .WithoutHeader(StrategyHeaders.AuthToken)
            .WithoutHeader(StrategyHeaders.ProjectId)
            .Respond(_ => MockServer.Answer(HttpStatusCode.NoContent, headers: ("X-MSTR-AuthToken", "nllmm5lpmkjdsj4d4etgdikc6c")));
        var client = new AuthenticationClient(Server.Http);

        var response = await client.LoginAsync(
            new LoginRequest { LoginMode = LoginMode.Standard, Username = "administrator", Password = "" },
            CancellationToken.None);

        Server.Handler.VerifyNoOutstandingExpectation();
        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(204));
            Assert.That(response.AuthToken, Is.EqualTo("nllmm5lpmkjdsj4d4etgdikc6c"));
        });
    }

    [Test]
    public async Task Login_without_the_token_header_leaves_AuthToken_null()
    {
        Server.Handler.When(HttpMethod.Post, MockServer.Url("api/auth/login")).Respond(HttpStatusCode.NoContent);

        var response = await new AuthenticationClient(Server.Http)
            .LoginAsync(new LoginRequest { LoginMode = LoginMode.Ldap, Username = "u" }, CancellationToken.None);

        Assert.That(response.AuthToken, Is.Null);
    }

    [Test]
    public async Task Logout_posts_and_accepts_204()
    {
        Server.Handler.Expect(HttpMethod.Post, MockServer.Url("api/auth/logout")).Respond(HttpStatusCode.NoContent);

        await new AuthenticationClient(Server.Http).LogoutAsync(CancellationToken.None);

        Server.Handler.VerifyNoOutstandingExpectation();
    }

    [Test]
    public async Task Session_is_read_and_extended()
    {
        Server.Handler.Expect(HttpMethod.Get, MockServer.Url("api/sessions"))
            .Respond("application/json", """{"id":"54F3D26011D2896560009A8E67019608","fullName":"Administrator","locale":1033,"timeout":600}""");
        Server.Handler.Expect(HttpMethod.Put, MockServer.Url("api/sessions")).Respond(HttpStatusCode.NoContent);
        var client = new SessionsClient(Server.Http);

        var session = await client.GetSessionAsync(CancellationToken.None);
        await client.ExtendSessionAsync(CancellationToken.None);

        Server.Handler.VerifyNoOutstandingExpectation();
        Assert.Multiple(() =>
        {
            Assert.That(session.Timeout, Is.EqualTo(600));
            Assert.That(session.FullName, Is.EqualTo("Administrator"));
        });
    }

    [Test]
    public async Task Schedules_are_listed()
    {
        Server.Handler.Expect(HttpMethod.Get, MockServer.Url("api/schedules"))
            .Respond("application/json", """
                {"schedules":[
                  {"id":"FF7BB3C811D501F0C00051916B98494F","name":"All the Time","scheduleType":"time_based","expired":false},
                  {"id":"E24F501E802911E1BBCB892C4924019B","name":"Personal View","scheduleType":"event_based","expired":true}]}
                """);

        var schedules = await new SchedulesClient(Server.Http).ListSchedulesAsync(CancellationToken.None);

        Assert.That(schedules.Schedules.Select(s => (s.Name, s.ScheduleType)), Is.EqualTo(new[]
        {
            ("All the Time", (ScheduleType?)ScheduleType.TimeBased),
            ("Personal View", (ScheduleType?)ScheduleType.EventBased),
        }));
    }
}
