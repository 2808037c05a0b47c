using System.Net;
using Newtonsoft.Json.Linq;
using RichardSzalay.MockHttp;
using Strategy.Generated.Tests.Support;

namespace Strategy.Generated.Tests.Workflows;

/// <summary>
/// Planning and applying people against scripted answers, call by call: a page of Everyone failing
/// mid-read (no plan, nothing sent), a taken username, a 403, a change the server answered without making
/// it all, the time limit reached mid-apply. Every person has an outcome with the server's reason.
/// </summary>
public sealed class PeopleSequenceTests : ClientTest<UsersClient>
{
    private const string Everyone = UsersClient.EveryoneGroupId;
    private const string SalesId = "0000000000000000000000000000000A";
    private const string StaffId = "0000000000000000000000000000000B";
    private int _changingCalls;

    protected override UsersClient Create(HttpClient http) => new(http);

    [SetUp]
    public void AnswerTheCallerAndTheGroups()
    {
        _changingCalls = 0;
        Server.Handler.When(HttpMethod.Get, MockServer.Url("api/sessions/userInfo"))
            .Respond("application/json", """{"id":"54F3D26011D2896560009A8E67019608","username":"administrator","fullName":"Administrator"}""");
        Server.Handler.When(HttpMethod.Get, MockServer.Url("api/usergroups"))
            .Respond("application/json", $$"""[{"id":"{{Everyone}}","name":"Everyone"},{"id":"{{SalesId}}","name":"Sales"},{"id":"{{StaffId}}","name":"Staff"}]""");
    }

    [Test]
    public async Task A_page_of_users_failing_mid_read_fails_the_plan_and_nothing_is_sent()
    {
        AnswerEveryone(total: 3, pageSize: 1, failPage: 1);
        CountChanges();

        var failed = Assert.ThrowsAsync<StrategyApiException>(() => Client.PlanAsync([new StrategyPerson { Username = "u0" }], new StrategyPeoplePlanOptions { PageSize = 1 }));

        Assert.Multiple(() =>
        {
            Assert.That(failed!.StatusCode, Is.EqualTo(500), "a plan from part of the users would create people who exist");
            Assert.That(_changingCalls, Is.Zero);
        });
    }

    [Test]
    public async Task A_taken_username_and_a_403_fail_their_person_alone_with_the_servers_reason()
    {
        AnswerEveryone(total: 0, pageSize: 1000);
        Server.Handler.When(HttpMethod.Post, MockServer.Url("api/users")).WithPartialContent("\"taken\"")
            .Respond(_ => MockServer.Answer(HttpStatusCode.BadRequest, """{"code":"ERR0015","message":"The user 'taken' already exists."}"""));
        Server.Handler.When(HttpMethod.Post, MockServer.Url("api/users")).WithPartialContent("\"forbidden\"")
            .Respond(_ => MockServer.Answer(HttpStatusCode.Forbidden, """{"code":"ERR017","message":"You do not have the privilege."}"""));
        Server.Handler.When(HttpMethod.Post, MockServer.Url("api/users")).WithPartialContent("\"fine\"")
            .Respond(_ => MockServer.Answer(HttpStatusCode.Created, """{"id":"00000000000000000000000000000F01","username":"fine","enabled":"true","memberships":[]}"""));
        var plan = await Client.PlanAsync([new StrategyPerson { Username = "taken" }, new StrategyPerson { Username = "forbidden" }, new StrategyPerson { Username = "fine" }]);

        var applied = await Client.ApplyAsync(plan, new StrategyPeopleApplyOptions { OneTimePasswords = (_, _, _) => Task.CompletedTask });

        Assert.That(applied.Outcomes.Select(o => o.ToString()), Is.EqualTo(new[]
        {
            "taken: not created: ERR0015 The user 'taken' already exists.",
            "forbidden: not created: ERR017 You do not have the privilege.",
            "fine: created (one-time password)",
        }));
    }

    [Test]
    public async Task A_change_the_server_answered_without_making_it_all_is_a_failure_naming_what_is_missing()
    {
        AnswerEveryone(total: 1, pageSize: 1000);
        Server.Handler.When(HttpMethod.Get, MockServer.Url("api/users"))
            .Respond("application/json", $$"""[{"id":"00000000000000000000000000000001","username":"u0","fullName":"U","enabled":true,"memberships":[{"id":"{{Everyone}}","name":"Everyone"}]}]""");
        Server.Handler.When(new HttpMethod("PATCH"), MockServer.Url("api/users/00000000000000000000000000000001")).Respond(request =>
        {
            Interlocked.Increment(ref _changingCalls);
            var operations = JObject.Parse(request.Content!.ReadAsStringAsync().Result)["operationList"]!;
            Assert.That(operations.Select(o => (string)o["path"]!), Is.EqualTo(new[] { "/memberships" }), "both groups in one operation of one call");

            // The server kept Sales only.
            return MockServer.Answer(HttpStatusCode.OK, $$"""{"id":"00000000000000000000000000000001","username":"u0","enabled":true,"memberships":[{"id":"{{Everyone}}"},{"id":"{{SalesId}}"}]}""");
        });
        var plan = await Client.PlanAsync([new StrategyPerson { Username = "u0", Groups = ["Sales", "Staff"] }]);

        var applied = await Client.ApplyAsync(plan);

        Assert.Multiple(() =>
        {
            Assert.That(_changingCalls, Is.EqualTo(1));
            Assert.That(applied.Outcomes.Single().ToString(), Is.EqualTo("u0: not updated: the server answered the change, yet the user is not a member of Staff"));
        });
    }

    [Test]
    public async Task The_time_limit_reached_mid_apply_lets_the_change_in_flight_end_and_starts_no_other()
    {
        AnswerEveryone(total: 0, pageSize: 1000);
        var clock = new ManualClock();
        Server.Handler.When(HttpMethod.Post, MockServer.Url("api/users")).Respond(request =>
        {
            Interlocked.Increment(ref _changingCalls);

            // The first create takes the whole time limit.
            clock.Advance(TimeSpan.FromMinutes(2));
            var name = (string)JObject.Parse(request.Content!.ReadAsStringAsync().Result)["username"]!;
            return MockServer.Answer(HttpStatusCode.Created, $$"""{"id":"00000000000000000000000000000F01","username":"{{name}}","enabled":true,"memberships":[]}""");
        });
        var plan = await Client.PlanAsync(Enumerable.Range(0, 5).Select(i => new StrategyPerson { Username = "p" + i }));

        var applied = await Client.ApplyAsync(plan, new StrategyPeopleApplyOptions { MaxConcurrency = 1, TimeLimit = TimeSpan.FromMinutes(1), TimeProvider = clock, OneTimePasswords = (_, _, _) => Task.CompletedTask });

        Assert.Multiple(() =>
        {
            Assert.That(_changingCalls, Is.EqualTo(1), "the change in flight ended; no other started");
            Assert.That(applied.TimeLimitReached, Is.True);
            Assert.That(applied.Outcomes.Select(o => o.State), Is.EqualTo(new[] { StrategyPersonOutcomeState.Done }.Concat(Enumerable.Repeat(StrategyPersonOutcomeState.NotStarted, 4))));
            Assert.That(applied.NotStarted.First().ToString(), Is.EqualTo("p1: not created: the time limit ran out before it started; nothing was sent"));
        });
    }

    [Test]
    public async Task A_role_call_refused_fails_each_person_it_was_for_and_names_the_role()
    {
        AnswerEveryone(total: 0, pageSize: 1000);
        Server.Handler.When(HttpMethod.Get, MockServer.Url("api/securityRoles"))
            .Respond("application/json", """[{"id":"73F7482111D3596C60001B8F67019608","name":"Normal Users"}]""");
        Server.Handler.When(HttpMethod.Get, MockServer.Url("api/securityRoles/73F7482111D3596C60001B8F67019608/projects/*/members")).Respond("application/json", "[]");
        Server.Handler.When(HttpMethod.Post, MockServer.Url("api/users")).Respond(request =>
        {
            var name = (string)JObject.Parse(request.Content!.ReadAsStringAsync().Result)["username"]!;
            var id = name == "a" ? "0000000000000000000000000000000A" : "0000000000000000000000000000000B";
            return MockServer.Answer(HttpStatusCode.Created, $$"""{"id":"{{id}}","username":"{{name}}","enabled":true,"memberships":[]}""");
        });
        Server.Handler.When(new HttpMethod("PATCH"), MockServer.Url("api/securityRoles/73F7482111D3596C60001B8F67019608")).Respond(_ =>
        {
            Interlocked.Increment(ref _changingCalls);
            return MockServer.Answer(HttpStatusCode.Forbidden, """{"code":"ERR017","message":"No privilege to manage security roles."}""");
        });
        var plan = await Client.PlanAsync([new StrategyPerson { Username = "a", SecurityRoles = ["Normal Users"] }, new StrategyPerson { Username = "b", SecurityRoles = ["Normal Users"] }], new StrategyPeoplePlanOptions { ProjectId = MockServer.ProjectId });

        var applied = await Client.ApplyAsync(plan, new StrategyPeopleApplyOptions { OneTimePasswords = (_, _, _) => Task.CompletedTask });

        Assert.Multiple(() =>
        {
            Assert.That(_changingCalls, Is.EqualTo(1), "one role call for both people");
            Assert.That(applied.Outcomes.Select(o => o.ToString()), Is.EqualTo(new[]
            {
                "a: created, but +role Normal Users not made: ERR017 No privilege to manage security roles.",
                "b: created, but +role Normal Users not made: ERR017 No privilege to manage security roles.",
            }));
        });
    }

    [Test]
    public async Task A_group_name_with_terminal_escapes_is_cleaned_in_the_plans_words()
    {
        Server.Handler.ResetExpectations();
        Server.Handler.Clear();
        Server.Handler.When(HttpMethod.Get, MockServer.Url("api/sessions/userInfo"))
            .Respond("application/json", """{"id":"54F3D26011D2896560009A8E67019608","username":"administrator"}""");
        Server.Handler.When(HttpMethod.Get, MockServer.Url("api/usergroups"))
            .Respond("application/json", $$"""[{"id":"{{SalesId}}","name":"Ops\u001b[2J"}]""");
        AnswerEveryone(total: 0, pageSize: 1000);

        var plan = await Client.PlanAsync([new StrategyPerson { Username = "new.one", Groups = ["Ops\u001b[2J"] }]);

        Assert.That(plan.Changes.Single().ToString(), Is.EqualTo("create    new.one: one-time password, +group Ops [2J"));
    }

    private void CountChanges()
    {
        foreach (var method in new[] { HttpMethod.Post, new HttpMethod("PATCH"), HttpMethod.Delete })
        {
            Server.Handler.When(method, MockServer.Url("api/*")).Respond(_ =>
            {
                Interlocked.Increment(ref _changingCalls);
                return MockServer.Answer(HttpStatusCode.OK, "{}");
            });
        }
    }

    /// <summary>Everyone's members a page at a time, with the total; the page at <paramref name="failPage"/> answers 500.</summary>
    private void AnswerEveryone(int total, int pageSize, int failPage = -1)
    {
        Server.Handler.When(HttpMethod.Get, MockServer.Url($"api/usergroups/{Everyone}/members")).Respond(request =>
        {
            var query = System.Web.HttpUtility.ParseQueryString(request.RequestUri!.Query);
            var offset = int.Parse(query["offset"] ?? "0", System.Globalization.CultureInfo.InvariantCulture);
            if (offset / pageSize == failPage)
            {
                return MockServer.Answer(HttpStatusCode.InternalServerError, """{"code":"ERR001","message":"The page failed."}""");
            }

            var page = new JArray(Enumerable.Range(offset, Math.Max(0, Math.Min(pageSize, total - offset))).Select(i => new JObject { ["id"] = $"{i + 1:X32}", ["name"] = "U" + i, ["abbreviation"] = "u" + i, ["subtype"] = 8704 }));
            return MockServer.Answer(HttpStatusCode.OK, page.ToString(), ("x-mstr-total-count", total.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        });
    }
}
