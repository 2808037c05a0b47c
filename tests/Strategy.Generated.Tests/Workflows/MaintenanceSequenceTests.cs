using System.Net;
using Newtonsoft.Json.Linq;
using RichardSzalay.MockHttp;
using Strategy.Generated.Tests.Support;
using Strategy.Tests.Shared;

namespace Strategy.Generated.Tests.Workflows;

/// <summary>
/// A maintenance window against scripted answers, call by call, as a server gives them: a stopped node,
/// a bulk disconnect answered 207 with the caller's own session refused, a project that settles a read
/// late and one that never settles (a fake clock ends the wait), and content caches that expire between
/// their list's pages. Each step says what became of its node, connection or caches.
/// </summary>
public sealed class MaintenanceSequenceTests : ClientTest<MonitorsClient>
{
    private const string Project = MockServer.ProjectId;
    private const string Node1 = "node-1";
    private const string Node2 = "node-2";

    private readonly List<string> _patched = [];
    private readonly List<JObject> _disconnects = [];

    protected override MonitorsClient Create(HttpClient http) => new(http);

    [SetUp]
    public void AnswerTheCaller()
    {
        _patched.Clear();
        _disconnects.Clear();
        Server.Handler.When(HttpMethod.Get, MockServer.Url("api/sessions/userInfo"))
            .Respond("application/json", """{"id":"54F3D26011D2896560009A8E67019608","username":"administrator","fullName":"Administrator"}""");
    }

    [Test]
    public async Task Begin_idles_the_running_node_ends_its_connections_but_the_callers_and_names_the_stopped_node()
    {
        // The first read is the start's; the settle wait reads the project pending once, then idle.
        AnswerNodes(Nodes((Node1, "running", "loaded"), (Node2, "stopped", null)), Nodes((Node1, "running", "loaded_pending"), (Node2, "stopped", null)), Nodes((Node1, "running", "full_idle"), (Node2, "stopped", null)));
        AnswerStatusChanges();
        Server.Handler.When(HttpMethod.Get, MockServer.Url("api/monitors/userConnections")).WithQueryString("clusterNode", Node1)
            .Respond(_ => Page(Connection("C1", "analyst1"), Connection("C2", "administrator"), Connection("C3", "designer"), Connection("C4", "analyst1", project: "0000000000000000000000000000FFFF")));
        Server.Handler.When(HttpMethod.Post, MockServer.Url("api/monitors/deleteUserConnections")).Respond(request =>
        {
            _disconnects.Add(JObject.Parse(request.Content!.ReadAsStringAsync().Result));
            return MockServer.Answer((HttpStatusCode)207, """{"deleteUserConnectionsStatus":[{"id":"C1","status":200},{"id":"C2","status":500,"message":"Cannot disconnect the current session."},{"id":"C3","status":404,"message":"No such connection\u001b[2J."}]}""");
        });

        var outcome = await Client.BeginMaintenanceAsync(Project, options: Waits.Fast);

        Assert.Multiple(() =>
        {
            Assert.That(_patched, Is.EqualTo(new[] { Node1 + ":full_idle" }), "the stopped node is not asked");
            Assert.That(_disconnects.Single()["userConnectionIds"]!.Values<string>(), Is.EqualTo(new[] { "C1", "C2", "C3" }), "one bulk call for the project's connections on the node, another project's left alone");
            Assert.That(outcome.Steps.Select(s => s.ToString()), Is.EqualTo(new[]
            {
                "disconnect connection C1 (analyst1 on node-1): disconnected",
                "disconnect connection C2 (administrator on node-1): kept: the caller's own session",
                "disconnect connection C3 (designer on node-1): FAILED, status 404: No such connection [2J.",
                "idle node node-1: full_idle",
                "idle node node-2: FAILED, the node is stopped, so its project was not changed",
            }));
            Assert.That(outcome.Succeeded, Is.False);
            Assert.That(outcome.TimeLimitReached, Is.False);
        });
    }

    [Test]
    public async Task A_node_that_never_settles_ends_at_the_time_limit_on_the_clock_naming_its_last_status()
    {
        var clock = new ManualClock();
        AnswerNodes(Nodes((Node1, "running", "loaded"), (Node2, "running", "loaded")), Nodes((Node1, "running", "full_idle"), (Node2, "running", "loaded_pending")));
        AnswerStatusChanges();
        Server.Handler.When(HttpMethod.Get, MockServer.Url("api/monitors/userConnections")).Respond(_ => Page());
        var options = Waits.Fast with { MinimumDelay = TimeSpan.FromSeconds(1), MaximumDelay = TimeSpan.FromSeconds(1), Jitter = 0, Timeout = TimeSpan.FromSeconds(3), TimeProvider = clock };

        var begin = Client.BeginMaintenanceAsync(Project, options: options);
        for (var step = 0; step < 10 && !begin.IsCompleted; step++)
        {
            await Eventually.HoldsAsync(() => begin.IsCompleted || clock.HasTimerDueWithin(TimeSpan.FromSeconds(1)), "a delay begun");
            clock.Advance(TimeSpan.FromSeconds(1));
        }

        var outcome = await begin.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Multiple(() =>
        {
            Assert.That(_patched, Is.EqualTo(new[] { Node1 + ":full_idle", Node2 + ":full_idle" }));
            Assert.That(outcome.Steps.Select(s => s.ToString()), Is.EqualTo(new[]
            {
                "idle node node-1: full_idle",
                "idle node node-2: FAILED, still loaded_pending when the time limit of 3 s ran out",
            }));
            Assert.That(outcome.TimeLimitReached, Is.True);
            Assert.That(clock.Elapsed, Is.GreaterThanOrEqualTo(TimeSpan.FromSeconds(3)), "ended by the limit on the clock the caller gave");
        });
    }

    [Test]
    public async Task End_invalidates_the_caches_still_listed_when_they_expire_between_pages_and_the_list_ends()
    {
        AnswerNodes(Nodes((Node1, "running", "full_idle")), Nodes((Node1, "running", "loaded")));
        AnswerStatusChanges();
        // A full first page (the workflow reads 1000 at a time) of the 1500 promised; by the next read, the rest have expired.
        var first = Enumerable.Range(1, 1000).Select(i => new JObject(new JProperty("R" + i, new JObject(new JProperty("projectId", Project), new JProperty("format", "html5"))))).ToList();
        var pages = 0;
        Server.Handler.When(HttpMethod.Get, MockServer.Url("api/monitors/caches/contents")).Respond(request =>
        {
            pages++;
            return MockServer.Answer(HttpStatusCode.OK, new JObject(new JProperty("total", pages == 1 ? 1500 : 1000), new JProperty("contentCaches", pages == 1 ? new JArray(first) : new JArray())).ToString());
        });
        JObject? invalidated = null;
        Server.Handler.When(HttpMethod.Patch, MockServer.Url("api/v2/monitors/caches/contents")).Respond(request =>
        {
            invalidated = JObject.Parse(request.Content!.ReadAsStringAsync().Result);
            return MockServer.Answer(HttpStatusCode.OK);
        });
        Server.Handler.When(HttpMethod.Delete, MockServer.Url($"api/monitors/projects/{Project}/caches/object")).Respond(HttpStatusCode.NoContent);

        var outcome = await Client.EndMaintenanceAsync(Project, Waits.Fast);

        Assert.Multiple(() =>
        {
            Assert.That(pages, Is.EqualTo(2), "an empty page ends the list, though the first total promised more: no loop");
            Assert.That(invalidated!["operationList"]!.Select(o => (string?)o["path"]), Is.EqualTo(Enumerable.Range(1, 1000).Select(i => "/contentCaches/R" + i + "/status/invalid")), "one call for every cache listed");
            Assert.That(outcome.Steps.Select(s => s.ToString()), Is.EqualTo(new[]
            {
                "load node node-1: loaded",
                "invalidate content caches on node node-1: 1000 invalidated",
                "purge object caches: purged",
            }));
            Assert.That(outcome.Succeeded, Is.True);
        });
    }

    [Test]
    public async Task A_status_the_server_writes_with_terminal_escapes_reaches_the_progress_words_cleaned()
    {
        // A status the wait does not know is not settled: read once, then the node settles.
        AnswerNodes(Nodes((Node1, "running", "loaded\u001b[2J\u0007")), Nodes((Node1, "running", "loaded")));
        var progress = new RecordingProgress<StrategyWaitProgress<ClusterNodeList>>();

        await Client.AwaitProjectOnNodesAsync(Project, options: Waits.Fast, progress: progress);

        Assert.Multiple(() =>
        {
            Assert.That(progress.Reports.Select(r => r.Words), Has.None.Matches<string>(words => words.Any(char.IsControl)), string.Join(" | ", progress.Reports.Select(r => r.Words)));
            Assert.That(progress.Reports.First().Words, Is.EqualTo("loaded [2J on 1 of 1"), "the server's status, its escape cleaned");
            Assert.That(progress.Reports.Last().Words, Is.EqualTo("loaded on all 1"));
        });
    }

    /// <summary>Answers the node list: each answer in turn, then the last one again.</summary>
    private void AnswerNodes(params string[] answers)
    {
        var reads = 0;
        Server.Handler.When(HttpMethod.Get, MockServer.Url("api/monitors/iServer/nodes"))
            .Respond(_ => MockServer.Answer(HttpStatusCode.OK, answers[Math.Min(reads++, answers.Length - 1)]));
    }

    /// <summary>Accepts every per-node status change (202) and records it as node:status.</summary>
    private void AnswerStatusChanges() =>
        Server.Handler.When(HttpMethod.Patch, MockServer.Url($"api/monitors/iServer/nodes/*/projects/{Project}")).Respond(request =>
        {
            var node = request.RequestUri!.AbsolutePath.Split('/')[^3];
            var value = (string?)JObject.Parse(request.Content!.ReadAsStringAsync().Result)["operationList"]![0]!["value"];
            _patched.Add(node + ":" + value);
            return MockServer.Answer(HttpStatusCode.Accepted);
        });

    private static string Nodes(params (string Name, string Status, string? Project)[] nodes) =>
        new JObject(new JProperty("nodes", new JArray(nodes.Select(n => new JObject(
            new JProperty("name", n.Name),
            new JProperty("status", n.Status),
            new JProperty("projects", n.Project is null ? new JArray() : new JArray(new JObject(new JProperty("id", Project), new JProperty("name", "MicroStrategy Tutorial"), new JProperty("status", n.Project))))))))).ToString();

    private static JObject Connection(string id, string username, string project = Project) =>
        new(new JProperty("id", id), new JProperty("username", username), new JProperty("projectId", project), new JProperty("projectName", "MicroStrategy Tutorial"));

    private static HttpResponseMessage Page(params JObject[] connections)
    {
        var answer = MockServer.Answer(HttpStatusCode.OK, new JObject(new JProperty("userConnections", new JArray(connections))).ToString());
        answer.Headers.Add("x-mstr-total-count", connections.Length.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return answer;
    }
}
