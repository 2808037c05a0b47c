using System.Net;
using System.Text;
using Newtonsoft.Json.Linq;
using Strategy.Generated.Tests.Support;

namespace Strategy.Generated.Tests.Operations;

/// <summary>Resume tokens as text: what they hold (and do not), and the tokens that are refused, with why.</summary>
public sealed class ResumeTokenTests : ClientTest<CubesClient>
{
    private const string JobId = "478:RU5WLTI4MjA0MExBSU9VU0Ux";
    private const string CubeId = "8D679D4B11D3E4981000E787EC6DE8A4";

    protected override CubesClient Create(HttpClient http) => new(http);

    [Test]
    public async Task A_started_cube_publish_gives_a_token_that_names_the_server_the_project_the_job_and_the_cube()
    {
        Server.Handler.Expect(HttpMethod.Post, MockServer.Url($"api/v2/cubes/{CubeId}")).Respond(HttpStatusCode.Accepted, "application/json", $$"""{"id":"{{JobId}}","jobId":478}""");

        var work = await Client.StartPublishCubeAsync(CubeId);
        var token = StrategyResumeToken.Parse(work.GetResumeToken());

        Assert.Multiple(() =>
        {
            Assert.That(work.GetResumeToken(), Does.StartWith("sop1."));
            Assert.That(work.HasCompleted, Is.False);
            Assert.That(work.Id, Is.EqualTo(JobId));
            Assert.That(token.Server, Is.EqualTo(MockServer.BaseUrl.ToLowerInvariant()));
            Assert.That(token.ProjectId, Is.EqualTo(MockServer.ProjectId));
            Assert.That(token.Kind, Is.EqualTo("PublishCube"));
            Assert.That(token.Arguments, Is.EquivalentTo(new Dictionary<string, string?> { ["jobId"] = JobId, ["cubeId"] = CubeId }));
            Assert.That(token.PreviousRun, Is.Null);
            Assert.That(work.GetResumeToken().Length, Is.LessThan(300), "short enough for a scheduler's job data or a command line");
        });
    }

    [Test]
    public void A_token_round_trips_through_text()
    {
        var text = Encode(new JObject { ["s"] = "https://bi.example.com/microstrategylibrary/", ["p"] = MockServer.ProjectId, ["k"] = "SendSubscription", ["a"] = new JObject { ["subscriptionId"] = MockServer.SubscriptionId }, ["r"] = "2026-12-02T05:00:00.0000000+00:00" });

        var token = StrategyResumeToken.Parse(text);
        var again = StrategyResumeToken.Parse(token.ToString());

        Assert.Multiple(() =>
        {
            Assert.That(again.ToString(), Is.EqualTo(token.ToString()), "written the same each time");
            Assert.That((again.Server, again.ProjectId, again.Kind, again.PreviousRun), Is.EqualTo((token.Server, token.ProjectId, token.Kind, token.PreviousRun)));
            Assert.That(again.Arguments, Is.EquivalentTo(token.Arguments));
            Assert.That(token.PreviousRun, Is.EqualTo("2026-12-02T05:00:00.0000000+00:00"));
            Assert.That(token.Id, Is.EqualTo(MockServer.SubscriptionId));
        });
    }

    [Test]
    public void Work_made_of_other_work_holds_their_tokens_on_its_server_and_is_written_in_the_format_that_has_parts()
    {
        var server = "https://bi.example.com/microstrategylibrary/";
        var run = new JObject { ["p"] = MockServer.ProjectId, ["k"] = "SendSubscription", ["a"] = new JObject { ["subscriptionId"] = MockServer.SubscriptionId }, ["r"] = "2026-12-02T05:00:00.0000000+00:00" };
        var inNoProject = new JObject { ["p"] = null, ["k"] = "SendSubscription", ["a"] = new JObject { ["subscriptionId"] = "S2" } };
        var text = Encode(new JObject { ["s"] = server, ["p"] = MockServer.ProjectId, ["k"] = "TriggerEvent", ["a"] = new JObject { ["eventId"] = "E1" }, ["c"] = new JArray(run, inNoProject) }, version: 2);

        var token = StrategyResumeToken.Parse(text);
        var again = StrategyResumeToken.Parse(token.ToString());
        var alone = (JObject)run.DeepClone();
        alone["s"] = server;
        var simple = StrategyResumeToken.Parse(Encode(alone));

        Assert.Multiple(() =>
        {
            Assert.That(token.Parts, Has.Count.EqualTo(2));
            Assert.That(token.Parts[1].ProjectId, Is.Null, "a part in no project says so");
            Assert.That(again.Parts[1].ProjectId, Is.Null, "and is written so");
            Assert.That(token.Parts[0].Server, Is.EqualTo(server), "a part is on its token's server");
            Assert.That((token.Parts[0].Kind, token.Parts[0].ProjectId, token.Parts[0].PreviousRun, token.Parts[0].Id), Is.EqualTo(("SendSubscription", MockServer.ProjectId, "2026-12-02T05:00:00.0000000+00:00", MockServer.SubscriptionId)));
            Assert.That(again.ToString(), Is.EqualTo(token.ToString()));
            Assert.That(token.ToString(), Does.StartWith("sop2."), "parts need format 2");
            Assert.That(simple.ToString(), Does.StartWith("sop1."), "work without parts is written as format 1, which older clients read");
        });
    }

    [Test]
    public void Parts_that_are_not_tokens_make_a_malformed_token()
    {
        var text = Encode(new JObject { ["s"] = "https://h/", ["k"] = "TriggerEvent", ["a"] = new JObject(), ["c"] = new JArray("not a token") }, version: 2);

        var error = Assert.Throws<StrategyResumeTokenException>(() => StrategyResumeToken.Parse(text));

        Assert.That(error!.Problem, Is.EqualTo(StrategyResumeTokenProblem.Malformed));
    }

    [TestCase("not a token", TestName = "Plain text is a malformed token")]
    [TestCase("sop1.", TestName = "A token without content is malformed")]
    [TestCase("sop1.!!!", TestName = "A token whose content is not base64 is malformed")]
    [TestCase("sopX.eyJ9", TestName = "A token without a version number is malformed")]
    public void A_malformed_token_is_refused_saying_so(string text)
    {
        var error = Assert.Throws<StrategyResumeTokenException>(() => StrategyResumeToken.Parse(text));

        Assert.Multiple(() =>
        {
            Assert.That(error!.Problem, Is.EqualTo(StrategyResumeTokenProblem.Malformed));
            Assert.That(error.Message, Does.Contain("not a resume token").And.Contain("--no-wait"));
        });
    }

    [Test]
    public void A_token_cut_short_is_malformed()
    {
        var whole = Encode(new JObject { ["s"] = "https://h/", ["k"] = "PublishCube", ["a"] = new JObject { ["jobId"] = JobId } });

        var error = Assert.Throws<StrategyResumeTokenException>(() => StrategyResumeToken.Parse(whole[..(whole.Length / 2)]));

        Assert.That(error!.Problem, Is.EqualTo(StrategyResumeTokenProblem.Malformed));
    }

    [Test]
    public void A_token_from_a_newer_format_is_refused_naming_both_formats()
    {
        var error = Assert.Throws<StrategyResumeTokenException>(() => StrategyResumeToken.Parse("sop3.eyJzIjoiaHR0cHM6Ly9oLyJ9"));

        Assert.Multiple(() =>
        {
            Assert.That(error!.Problem, Is.EqualTo(StrategyResumeTokenProblem.NewerVersion));
            Assert.That(error.Message, Does.Contain("format 3").And.Contain("format 2"));
        });
    }

    [Test]
    public async Task A_token_holds_no_password_session_token_or_cookie()
    {
        const string Password = "Pa55-w0rd-in-no-token";
        using var handler = new RichardSzalay.MockHttp.MockHttpMessageHandler();
        handler.When(HttpMethod.Post, MockServer.Url("api/auth/login")).Respond(_ =>
        {
            var login = new HttpResponseMessage(HttpStatusCode.NoContent) { Content = new ByteArrayContent([]) };
            login.Headers.Add("X-MSTR-AuthToken", "session-token-abc123");
            login.Headers.Add("Set-Cookie", "JSESSIONID=cookie-value-xyz; Path=/");
            return login;
        });
        handler.When(HttpMethod.Post, MockServer.Url($"api/v2/cubes/{CubeId}")).Respond(HttpStatusCode.Accepted, "application/json", $$"""{"id":"{{JobId}}","jobId":478}""");
        handler.When(HttpMethod.Post, MockServer.Url("api/auth/logout")).Respond(HttpStatusCode.NoContent);
        await using var connection = StrategyConnection.Create(new Uri(MockServer.BaseUrl), StrategyCredentials.Standard("administrator", Password), MockServer.ProjectId, primaryHandler: handler);

        var text = (await connection.CreateClient<CubesClient>().StartPublishCubeAsync(CubeId)).GetResumeToken();
        var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(PadBase64(text["sop1.".Length..])));

        Assert.Multiple(() =>
        {
            foreach (var secret in new[] { Password, "session-token-abc123", "cookie-value-xyz" })
            {
                Assert.That(text + decoded, Does.Not.Contain(secret));
            }

            Assert.That(JObject.Parse(decoded).Properties().Select(p => p.Name), Is.SubsetOf(new[] { "s", "p", "k", "a", "r" }));
        });
    }

    [Test]
    public async Task A_token_for_another_server_is_refused_naming_both_servers_before_anything_is_sent()
    {
        using var handler = new RichardSzalay.MockHttp.MockHttpMessageHandler();
        await using var connection = StrategyConnection.Create(new Uri("https://other.example.com/MicroStrategyLibrary/"), StrategyCredentials.Standard("administrator", "x"), MockServer.ProjectId, primaryHandler: handler);
        var token = Encode(new JObject { ["s"] = MockServer.BaseUrl.ToLowerInvariant(), ["k"] = "PublishCube", ["a"] = new JObject { ["jobId"] = JobId } });

        var error = Assert.ThrowsAsync<StrategyResumeTokenException>(() => connection.ResumeAsync(token));

        Assert.Multiple(() =>
        {
            Assert.That(error!.Problem, Is.EqualTo(StrategyResumeTokenProblem.OtherServer));
            Assert.That(error.Message, Does.Contain("strategy.test").And.Contain("other.example.com"));
            Assert.That(handler.GetMatchCount(handler.When("*")), Is.Zero, "nothing was sent");
        });
    }

    [Test]
    public async Task A_token_of_a_kind_this_client_does_not_know_is_refused_saying_so()
    {
        using var handler = new RichardSzalay.MockHttp.MockHttpMessageHandler();
        await using var connection = StrategyConnection.Create(new Uri(MockServer.BaseUrl), StrategyCredentials.Standard("administrator", "x"), MockServer.ProjectId, primaryHandler: handler);
        var token = Encode(new JObject { ["s"] = MockServer.BaseUrl.ToLowerInvariant(), ["k"] = "ExportReport", ["a"] = new JObject { ["reportId"] = "R" } });

        var error = Assert.ThrowsAsync<StrategyResumeTokenException>(() => connection.ResumeAsync(token));

        Assert.That((error!.Problem, error.Message), Is.EqualTo((StrategyResumeTokenProblem.UnknownKind, "The resume token is for work of kind ExportReport, which this client cannot resume.")));
    }

    private static string Encode(JObject json, int version = 1) =>
        "sop" + version.ToString(System.Globalization.CultureInfo.InvariantCulture) + "." + Convert.ToBase64String(Encoding.UTF8.GetBytes(json.ToString(Newtonsoft.Json.Formatting.None))).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static string PadBase64(string text)
    {
        var base64 = text.Replace('-', '+').Replace('_', '/');
        return base64.PadRight(base64.Length + ((4 - (base64.Length % 4)) % 4), '=');
    }
}
