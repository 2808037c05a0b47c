using System.Net;
using Newtonsoft.Json.Linq;
using RichardSzalay.MockHttp;
using Strategy.Generated.Tests.Support;

namespace Strategy.Generated.Tests.Operations;

/// <summary>
/// Any operation called from its catalog entry and its values as text (what the generated commands
/// and cmdlets do): checked against the spec before anything is sent, sent as the typed method sends it.
/// </summary>
public class OperationRequestTests
{
    private static StrategyOperation Operation(string operationId) => StrategyOperations.All.Single(o => o.OperationId == operationId);

    private static Dictionary<string, IReadOnlyList<string>> Values(params (string Name, string[] Values)[] values) =>
        values.ToDictionary(v => v.Name, v => (IReadOnlyList<string>)v.Values);

    [Test]
    public void Path_values_are_escaped_and_an_array_repeats_its_query_name()
    {
        var request = new StrategyOperationRequest(Operation("ListJobs"), Values(("nodeName", ["node a/1"]), ("objectId", ["C1", "C2"]), ("sortBy", ["-elapsedTime"])));
        var path = new StrategyOperationRequest(Operation("GetJob"), Values(("jobId", ["478:RU5W/x"])));

        Assert.Multiple(() =>
        {
            Assert.That(request.RelativeUrl, Is.EqualTo("api/v2/monitors/jobs?nodeName=node%20a%2F1&objectId=C1&objectId=C2&sortBy=-elapsedTime"));
            Assert.That(path.RelativeUrl, Is.EqualTo("api/v2/monitors/jobs/478%3ARU5W%2Fx"));
        });
    }

    [Test]
    public void A_missing_required_value_names_the_parameter_as_the_spec_does()
    {
        var error = Assert.Throws<StrategyOperationArgumentException>(() => new StrategyOperationRequest(Operation("ListJobs"), Values()));

        Assert.Multiple(() =>
        {
            Assert.That(error!.ParamName, Is.EqualTo("nodeName"));
            Assert.That(error.OperationId, Is.EqualTo("ListJobs"));
            Assert.That(error.Message, Does.StartWith("'nodeName' is required by ListJobs. Nothing was sent."));
        });
    }

    [TestCase("GetObject", "type", "cube", "'cube' is not an integer, as 'type' must be.")]
    [TestCase("ListSubscriptions", "lastRun", "yes", "'yes' is not a boolean, as 'lastRun' must be (true or false).")]
    [TestCase("ListDependentSubscriptions", "type", "user2", "'user2' is not a value of 'type': one of user, event, schedule, report, dashboard.")]
    public void A_value_the_spec_does_not_allow_is_refused_in_its_terms(string operationId, string parameter, string value, string message)
    {
        var values = Values((parameter, [value]));
        foreach (var required in Operation(operationId).Parameters.Where(p => p.Required && p.Location != "header" && p.Name != parameter))
        {
            values[required.Name] = ["X"];
        }

        var error = Assert.Throws<StrategyOperationArgumentException>(() => new StrategyOperationRequest(Operation(operationId), values));

        Assert.That((error!.ParamName, error.Message), Is.EqualTo((parameter, message + " Nothing was sent. (Parameter '" + parameter + "')")));
    }

    [Test]
    public void Body_fields_are_checked_and_typed_as_the_spec_says_and_set_on_top_of_the_body()
    {
        var built = new StrategyOperationRequest(Operation("Login"), Values(), null, Values(("loginMode", ["1"]), ("username", ["someone"])));
        var onTop = new StrategyOperationRequest(Operation("Login"), Values(), """{"username":"old","applicationType":35}""", Values(("username", ["new"])));

        Assert.Multiple(() =>
        {
            Assert.That(built.Body, Is.EqualTo("""{"loginMode":1,"username":"someone"}"""), "the number as a number");
            Assert.That(onTop.Body, Is.EqualTo("""{"username":"new","applicationType":35}"""), "what the body had is kept; the field given wins");
            Assert.That(() => new StrategyOperationRequest(Operation("Login"), Values(), null, Values(("loginMode", ["2"]))), Throws.TypeOf<StrategyOperationArgumentException>().With.Property("ParamName").EqualTo("loginMode"));
            Assert.That(() => new StrategyOperationRequest(Operation("Login"), Values(), null, Values(("username", ["x"]))), Throws.TypeOf<StrategyOperationArgumentException>().With.Message.StartsWith("'loginMode' is required in the body of Login."));
            Assert.That(() => new StrategyOperationRequest(Operation("Login"), Values(), null, Values(("nickname", ["x"]))), Throws.TypeOf<StrategyOperationArgumentException>().With.Property("ParamName").EqualTo("nickname"));
            Assert.That(() => new StrategyOperationRequest(Operation("Login"), Values(), "[1]", Values(("username", ["x"]))), Throws.TypeOf<StrategyOperationArgumentException>().With.Message.StartsWith("The body must be a JSON object"));
        });
    }

    [Test]
    public void A_body_is_sent_as_written_with_its_dates_and_their_zones_untouched()
    {
        const string Written = """{"name":"Nightly","nextDelivery":"2026-01-02T03:04:05.000+05:30","note":"2026-01-02"}""";

        var request = new StrategyOperationRequest(Operation("CreateSubscription"), Values(), Written);

        Assert.That(request.Body, Is.EqualTo(Written), "not read as a date and written back in this machine's zone");
    }

    [Test]
    public void An_unknown_parameter_two_values_for_one_and_a_body_where_none_is_taken_are_refused()
    {
        Assert.Multiple(() =>
        {
            Assert.That(() => new StrategyOperationRequest(Operation("GetJob"), Values(("jobId", ["1"]), ("jobid", ["2"]))), Throws.TypeOf<StrategyOperationArgumentException>().With.Message.StartsWith("GetJob has no parameter 'jobid'."));
            Assert.That(() => new StrategyOperationRequest(Operation("GetJob"), Values(("jobId", ["1", "2"]))), Throws.TypeOf<StrategyOperationArgumentException>().With.Message.StartsWith("'jobId' takes one value; 2 were given."));
            Assert.That(() => new StrategyOperationRequest(Operation("GetJob"), Values(("jobId", ["1"])), "{}"), Throws.TypeOf<StrategyOperationArgumentException>().With.Message.StartsWith("GetJob takes no body."));
            Assert.That(() => new StrategyOperationRequest(Operation("Login"), Values(), "{username"), Throws.TypeOf<StrategyOperationArgumentException>().With.Message.StartsWith("The body is not JSON: "));
        });
    }

    [Test]
    public void A_dry_run_shows_the_body_with_every_secret_masked()
    {
        var request = new StrategyOperationRequest(Operation("Login"), Values(), """{"username":"administrator","password":"s3cret","loginMode":1,"nested":{"apiKey":"k3y"}}""");

        var shown = request.ToString();

        Assert.Multiple(() =>
        {
            Assert.That(shown, Does.StartWith("POST api/auth/login"));
            Assert.That(shown, Does.Contain("administrator").And.Contain("\"password\": \"***\"").And.Contain("\"apiKey\": \"***\""));
            Assert.That(shown, Does.Not.Contain("s3cret").And.Not.Contain("k3y"));
            Assert.That(StrategyOperationRequest.CarriesSecret(request.Body!), Is.True);
            Assert.That(StrategyOperationRequest.CarriesSecret("""{"username":"administrator"}"""), Is.False);
        });
    }

    [Test]
    public async Task It_is_sent_through_the_connection_with_the_project_header_and_an_error_is_typed()
    {
        using var handler = new MockHttpMessageHandler();
        handler.When(HttpMethod.Post, "*/api/auth/login").Respond(HttpStatusCode.NoContent, [new KeyValuePair<string, string>("X-MSTR-AuthToken", "t")], "application/json", string.Empty);
        var listed = handler.When(HttpMethod.Get, "*/api/v2/monitors/jobs").WithQueryString("nodeName", "n1").WithHeaders("X-MSTR-ProjectID", MockServer.ProjectId)
            .Respond("application/json", """{"jobs":[{"id":"1:Tg==","status":"executing"}]}""");
        handler.When(HttpMethod.Get, "*/api/v2/monitors/jobs/404").Respond(HttpStatusCode.NotFound, "application/json", """{"code":"ERR004","message":"Job 404 was not found."}""");
        await using var connection = StrategyConnection.Create(new Uri(MockServer.BaseUrl), StrategyCredentials.Standard("administrator", "x"), MockServer.ProjectId, primaryHandler: handler);

        var answer = await new StrategyOperationRequest(Operation("ListJobs"), Values(("nodeName", ["n1"]))).SendAsync(connection.HttpClient, MockServer.ProjectId);
        var error = Assert.ThrowsAsync<StrategyApiException>(() => new StrategyOperationRequest(Operation("GetJob"), Values(("jobId", ["404"]))).SendAsync(connection.HttpClient, MockServer.ProjectId));

        Assert.Multiple(() =>
        {
            Assert.That(handler.GetMatchCount(listed), Is.EqualTo(1));
            Assert.That((answer.Status, answer.Json!["jobs"]![0]!["id"]!.Value<string>()), Is.EqualTo((200, "1:Tg==")));
            Assert.That((error!.Kind, error.OperationId, error.ErrorCode), Is.EqualTo((StrategyErrorKind.NotFound, "GetJob", "ERR004")));
        });
    }

    [Test]
    public async Task Pages_are_read_until_one_comes_back_short_so_caches_that_expire_meanwhile_end_the_list()
    {
        using var handler = new MockHttpMessageHandler();
        handler.When(HttpMethod.Post, "*/api/auth/login").Respond(HttpStatusCode.NoContent, [new KeyValuePair<string, string>("X-MSTR-AuthToken", "t")], "application/json", string.Empty);
        var first = handler.When("*/api/monitors/caches/cubes").WithQueryString("offset", "0").WithQueryString("limit", "2")
            .Respond("application/json", """{"total":5,"cubeCaches":[{"id":"c1"},{"id":"c2"}]}""");
        // Three of the five expired before the next page: it holds one, fewer than asked for.
        var second = handler.When("*/api/monitors/caches/cubes").WithQueryString("offset", "2").WithQueryString("limit", "2")
            .Respond("application/json", """{"total":3,"cubeCaches":[{"id":"c5"}]}""");
        await using var connection = StrategyConnection.Create(new Uri(MockServer.BaseUrl), StrategyCredentials.Standard("administrator", "x"), MockServer.ProjectId, primaryHandler: handler);
        var request = new StrategyOperationRequest(Operation("ListCubeCaches"), Values(("clusterNode", ["n1"])));

        var ids = new List<string>();
        await foreach (var item in request.ReadPagesAsync(connection.HttpClient, null, pageSize: 2))
        {
            ids.Add(item["id"]!.Value<string>()!);
        }

        Assert.Multiple(() =>
        {
            Assert.That(ids, Is.EqualTo(new[] { "c1", "c2", "c5" }));
            Assert.That((handler.GetMatchCount(first), handler.GetMatchCount(second)), Is.EqualTo((1, 1)), "no page read twice, none after the short one");
        });
    }

    [Test]
    public async Task A_server_that_ignores_the_offset_is_read_up_to_its_total_and_the_requests_limit_is_how_many_in_all()
    {
        using var handler = new MockHttpMessageHandler();
        handler.When(HttpMethod.Post, "*/api/auth/login").Respond(HttpStatusCode.NoContent, [new KeyValuePair<string, string>("X-MSTR-AuthToken", "t")], "application/json", string.Empty);
        var same = handler.When("*/api/monitors/caches/cubes").Respond("application/json", """{"total":4,"cubeCaches":[{"id":"c1"},{"id":"c2"}]}""");
        await using var connection = StrategyConnection.Create(new Uri(MockServer.BaseUrl), StrategyCredentials.Standard("administrator", "x"), MockServer.ProjectId, primaryHandler: handler);

        var all = await Count(new StrategyOperationRequest(Operation("ListCubeCaches"), Values(("clusterNode", ["n1"]))));
        var calls = handler.GetMatchCount(same);
        var three = await Count(new StrategyOperationRequest(Operation("ListCubeCaches"), Values(("clusterNode", ["n1"]), ("limit", ["3"]))));
        var every = await Count(new StrategyOperationRequest(Operation("ListCubeCaches"), Values(("clusterNode", ["n1"]), ("limit", ["-1"]))));

        Assert.Multiple(() =>
        {
            Assert.That((all, calls), Is.EqualTo((4, 2)), "it ends at the total, never loops");
            Assert.That(three, Is.EqualTo(3));
            Assert.That(every, Is.EqualTo(4), "the spec's -1 is every item");
        });

        async Task<int> Count(StrategyOperationRequest request)
        {
            var count = 0;
            await foreach (var _ in request.ReadPagesAsync(connection.HttpClient, null, pageSize: 2))
            {
                count++;
            }

            return count;
        }
    }

    [Test]
    public void Every_operation_has_a_command_and_a_cmdlet_and_no_two_share_one_unless_a_hand_written_workflow_reaches_both()
    {
        var all = StrategyOperations.All;

        Assert.Multiple(() =>
        {
            Assert.That(all.Where(o => o.Command is null || o.Cmdlet is null).Select(o => o.OperationId), Is.Empty);
            Assert.That(all.Where(o => !o.CommandIsHandWritten).GroupBy(o => o.Command).Where(g => g.Count() > 1).Select(g => g.Key), Is.Empty);
            Assert.That(all.Where(o => !o.CmdletIsHandWritten).GroupBy(o => o.Cmdlet).Where(g => g.Count() > 1).Select(g => g.Key), Is.Empty);
            Assert.That(all.Where(o => !o.CommandIsHandWritten).Select(o => o.Command).Intersect(all.Where(o => o.CommandIsHandWritten).Select(o => o.Command)), Is.Empty);
            Assert.That(Operation("ListProjects").Command, Is.EqualTo("projects list"));
            Assert.That(Operation("ListProjects").Cmdlet, Is.EqualTo("Get-StrategyProjects"));
            Assert.That(Operation("ListClusterNodes").Command, Is.EqualTo("monitors list-cluster-nodes"));
        });
    }

    [Test]
    public void The_list_an_answer_holds_is_itself_or_its_one_list_of_objects_and_nothing_else()
    {
        Assert.Multiple(() =>
        {
            Assert.That(StrategyOperationAnswer.ListIn(JToken.Parse("""[{"id":"A"},{"id":"B"}]""")), Has.Count.EqualTo(2));
            Assert.That(StrategyOperationAnswer.ListIn(JToken.Parse("""{"total":2,"caches":[{"id":"A"},{"id":"B"}]}""")), Has.Count.EqualTo(2), "a page: its items beside its count");
            Assert.That(StrategyOperationAnswer.ListIn(JToken.Parse("""{"total":0,"caches":[]}""")), Is.Empty, "an empty page is an empty list");
            Assert.That(StrategyOperationAnswer.ListIn(JToken.Parse("""{"ids":["A","B"]}""")), Is.Null, "a list of values is a field, not items");
            Assert.That(StrategyOperationAnswer.ListIn(JToken.Parse("""{"a":[{"id":"A"}],"b":[{"id":"B"}]}""")), Is.Null, "two lists: neither is the answer's");
            Assert.That(StrategyOperationAnswer.ListIn(JToken.Parse("""{"id":"A"}""")), Is.Null);
            Assert.That(StrategyOperationAnswer.ListIn(null), Is.Null);
        });
    }
}
