using System.Net;
using System.Text;
using Newtonsoft.Json.Linq;
using Strategy.Emulator;

namespace Strategy.EndToEnd.Tests;

/// <summary>
/// The requests the official Python client (mstrio-py 26.07) sends for these endpoints, as its
/// source writes them (method, path, query, headers, body shape), replayed against the emulator:
/// connecting with a project id, creating a subscription with its default body, listing,
/// <c>Subscription.execute()</c> and <c>.status</c>, <c>list_schedules</c>, <c>Schedule.event</c>,
/// <c>list_events</c>, <c>Event.trigger()</c> and <c>Event.list_related_subscriptions()</c>; for
/// Intelligent Cubes <c>OlapCube.publish()</c>, <c>Cube.refresh_status()</c>, <c>Job(connection, id)</c>,
/// <c>list_jobs</c>, <c>Job.kill()</c>, <c>cancel_jobs</c>, <c>list_cube_caches</c>, <c>CubeCache.unload()</c>
/// and the quick search that finds a project's cubes; for exports <c>reports.report_instance</c> and
/// <c>report_instance_id</c>, and the documents module's instance, PDF, visualization CSV and delete calls.
/// Each answers as a server does, with the fields that client reads.
/// </summary>
public sealed class OfficialClientReplayTests : EmulatorTest
{
    private HttpClient _python = null!;
    private string _token = null!;

    [SetUp]
    public async Task ConnectAsTheOfficialClientDoes()
    {
        // requests.Session: cookies kept across calls.
        _python = new HttpClient(new HttpClientHandler { UseCookies = true, CookieContainer = new CookieContainer() }) { BaseAddress = Emulator.BaseUrl };

        // Connection.__check_version: the server's status, before logging in.
        using var status = await _python.GetAsync("api/status");
        Assert.That((string?)JObject.Parse(await status.Content.ReadAsStringAsync())["iServerVersion"], Does.StartWith("11."));

        // authentication.login: form-encoded, with the Python application type.
        using var login = await _python.PostAsync("api/auth/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["loginMode"] = "1",
            ["applicationType"] = "76",
            ["username"] = "administrator",
            ["password"] = string.Empty,
        }));
        Assert.That(login.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        _token = login.Headers.GetValues("X-MSTR-AuthToken").Single();

        // Connection._fetch_session_info.
        using var session = await SendAsync(HttpMethod.Get, "api/sessions", project: null);
        Assert.That((int?)JObject.Parse(await session.Content.ReadAsStringAsync())["timeout"], Is.GreaterThan(0));
    }

    [TearDown]
    public void Close() => _python.Dispose();

    [Test]
    public async Task Selecting_a_project_by_id_reads_the_project_object_and_the_nodes_it_is_loaded_on()
    {
        // select_project → Project(connection, id=...): objects.get_object_info, with the project as its own header.
        using var project = await SendAsync(HttpMethod.Get, $"api/objects/{Seeds.ProjectId}?type=32&comments=True", Seeds.ProjectId);
        using var nodes = await SendAsync(HttpMethod.Get, $"api/monitors/iServer/nodes?projects.id={Seeds.ProjectId}", project: null);
        using var projects = await SendAsync(HttpMethod.Get, "api/projects", project: null);

        var info = JObject.Parse(await project.Content.ReadAsStringAsync());
        var node = JObject.Parse(await nodes.Content.ReadAsStringAsync())["nodes"]!.First();
        Assert.Multiple(async () =>
        {
            Assert.That(project.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(((string?)info["id"], (int?)info["type"], (string?)info["name"]), Is.EqualTo((Seeds.ProjectId, 32, Seeds.ProjectName)));
            Assert.That((string?)node["projects"]!.Single()["id"], Is.EqualTo(Seeds.ProjectId));
            Assert.That((string?)JArray.Parse(await projects.Content.ReadAsStringAsync()).Single()["name"], Is.EqualTo(Seeds.ProjectName), "a project name resolves to its id");
        });
    }

    [Test]
    public async Task A_subscription_made_with_the_default_create_body_runs_and_reports_its_status()
    {
        // Subscription.__create: no owner given is "owner": {} once None values are dropped.
        var body = new JObject
        {
            ["multipleContents"] = false,
            ["name"] = "Made by mstrio",
            ["allowDeliveryChanges"] = false,
            ["allowPersonalizationChanges"] = false,
            ["allowUnsubscribe"] = true,
            ["sendNow"] = false,
            ["owner"] = new JObject(),
            ["schedules"] = new JArray(new JObject { ["id"] = Seeds.AllTheTimeScheduleId }),
            ["contents"] = new JArray(new JObject
            {
                ["id"] = Seeds.DataModelId,
                ["type"] = "data_model",
                ["refreshCondition"] = new JObject { ["tables"] = new JArray(new JObject { ["id"] = Seeds.SampleTableId, ["refreshPolicy"] = "upsert" }) },
            }),
            ["recipients"] = new JArray(new JObject { ["id"] = Seeds.AdministratorId, ["type"] = "user", ["includeType"] = "TO" }),
            ["delivery"] = new JObject { ["mode"] = "HISTORY_LIST", ["historyList"] = new JObject { ["doNotCreateUpdateCaches"] = false, ["overwriteOlderVersion"] = false, ["reRunHl"] = false } },
        };
        using var created = await SendAsync(HttpMethod.Post, "api/subscriptions", Seeds.ProjectId, body);
        var createdText = await created.Content.ReadAsStringAsync();
        Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created), createdText);
        var id = (string)JObject.Parse(createdText)["id"]!;

        // subscription_status.get_subscription_status: before any run, the server's "no status".
        using var never = await SendAsync(HttpMethod.Get, $"api/subscriptions/{id}/status", Seeds.ProjectId);
        var neverBody = JObject.Parse(await never.Content.ReadAsStringAsync());

        // Subscription.execute(): the v2 send, with the project header.
        using var sent = await SendAsync(HttpMethod.Post, $"api/v2/subscriptions/{id}/send", Seeds.ProjectId);
        JObject status;
        var polls = 0;
        do
        {
            await Task.Delay(50);
            using var read = await SendAsync(HttpMethod.Get, $"api/subscriptions/{id}/status", Seeds.ProjectId);
            status = JObject.Parse(await read.Content.ReadAsStringAsync());
        }
        while ((int)status["stage"]! != 2 && ++polls < 100);

        // list_subscriptions(last_run=True): limit 1000, the client version header.
        using var list = await SendAsync(HttpMethod.Get, "api/subscriptions?offset=0&limit=1000&lastRun=True", Seeds.ProjectId, clientVersion: true);
        var listed = JObject.Parse(await list.Content.ReadAsStringAsync())["subscriptions"]!.Single();

        Assert.Multiple(() =>
        {
            Assert.That((int)never.StatusCode, Is.EqualTo(500));
            Assert.That((string?)neverBody["code"], Is.EqualTo("ERR002"));
            Assert.That((string?)neverBody["message"], Does.Contain("No status for the subscription"), "the words the client maps to 'no status'");
            Assert.That(sent.IsSuccessStatusCode, Is.True, "response.ok");
            Assert.That(status["stage"]!.Type, Is.EqualTo(JTokenType.Integer), "SubscriptionStage(value) needs a number");
            Assert.That(((int)status["stage"]!, (int)status["state"]!), Is.EqualTo((2, 1)), "finished, success");
            Assert.That(status["statuses"]!.Single()["destinations"]!.Single()["address"], Is.Not.Null, "StatusDestination requires address");
            Assert.That((string?)listed["owner"]!["id"], Is.EqualTo(Seeds.AdministratorId), "owner {} is the logged-in user");
            Assert.That(listed["lastRun"], Is.Not.Null);
        });
    }

    [Test]
    public async Task Schedules_name_their_event_as_eventId_and_firing_the_event_runs_what_depends_on_it()
    {
        using var created = await SendAsync(HttpMethod.Post, "api/subscriptions", Seeds.ProjectId, new JObject
        {
            ["name"] = "On the event",
            ["owner"] = new JObject(),
            ["schedules"] = new JArray(new JObject { ["id"] = Seeds.PersonalViewScheduleId }),
            ["contents"] = new JArray(new JObject { ["id"] = Seeds.DataModelId, ["type"] = "data_model", ["refreshCondition"] = new JObject { ["datasetRefreshPolicy"] = "replace", ["tables"] = new JArray() } }),
            ["delivery"] = new JObject { ["mode"] = "HISTORY_LIST" },
        });
        var id = (string)JObject.Parse(await created.Content.ReadAsStringAsync())["id"]!;

        // schedules.list_schedules and get_schedule: the event comes as eventId (the client renames it to id).
        using var schedules = await SendAsync(HttpMethod.Get, "api/v2/schedules", project: null);
        using var schedule = await SendAsync(HttpMethod.Get, $"api/schedules/{Seeds.PersonalViewScheduleId}", project: null);
        var eventId = (string?)JObject.Parse(await schedule.Content.ReadAsStringAsync())["event"]!["eventId"];

        // list_events, Event.trigger(), Event.list_related_subscriptions(): server objects, no project header.
        using var events = await SendAsync(HttpMethod.Get, "api/events", project: null);
        using var related = await SendAsync(HttpMethod.Get, $"api/dependentSubscriptions?objectId={eventId}&type=event", project: null);
        using var triggered = await SendAsync(HttpMethod.Post, $"api/events/{eventId}/trigger", project: null);

        var eventBased = JObject.Parse(await schedules.Content.ReadAsStringAsync())["schedules"]!.Single(s => (string?)s["scheduleType"] == "event_based");
        var dependent = JObject.Parse(await related.Content.ReadAsStringAsync())["subscriptions"]!.Single();
        Assert.Multiple(async () =>
        {
            Assert.That((string?)eventBased["event"]!["eventId"], Is.EqualTo(Seeds.PersonalViewEventId));
            Assert.That(eventId, Is.EqualTo(Seeds.PersonalViewEventId));
            Assert.That(JObject.Parse(await events.Content.ReadAsStringAsync())["events"]!.Select(e => (string?)e["id"]), Does.Contain(eventId));
            Assert.That(((string?)dependent["id"], (string?)dependent["project"]!["id"]), Is.EqualTo((id, Seeds.ProjectId)), "each dependent says its project");
            Assert.That(triggered.IsSuccessStatusCode, Is.True, "Event.trigger() returns response.ok");
            Assert.That(Emulator.RunningSubscriptionRunCount, Is.EqualTo(1), "the subscription on the event's schedule runs");
        });
    }

    [Test]
    public async Task Publishing_a_cube_and_following_its_job_as_the_official_client_does()
    {
        // A publish only the kill below ends: "executing" holds however busy the machine.
        _python.Dispose();
        await RestartEmulatorAsync(options => options with { PublishDuration = TimeSpan.FromMinutes(5) });
        await ConnectAsTheOfficialClientDoes();

        // browsing.get_quick_search_result(object_types=[776]): the type repeated, pattern 4, the project header.
        using var search = await SendAsync(HttpMethod.Get, "api/searches/results?type=776&pattern=4&offset=0&limit=-1", Seeds.ProjectId);
        var found = JObject.Parse(await search.Content.ReadAsStringAsync());

        // OlapCube.publish(): cubes.publish, no body; the connection's project header.
        using var published = await SendAsync(HttpMethod.Post, $"api/v2/cubes/{Seeds.SalesCubeId}", Seeds.ProjectId);
        var job = JObject.Parse(await published.Content.ReadAsStringAsync());
        var jobId = (string)job["id"]!;

        // Cube.refresh_status(): cubes.status, a HEAD; the flags are in X-MSTR-CubeStatus.
        using var status = await SendAsync(HttpMethod.Head, $"api/cubes/{Seeds.SalesCubeId}", Seeds.ProjectId);

        // Job(connection, id): monitors.get_job_v2 with the composite id as written, fields left out.
        using var read = await SendAsync(HttpMethod.Get, $"api/v2/monitors/jobs/{jobId}", project: null);
        var node = System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(jobId.Split(':')[1]));

        // list_jobs(node=...): get_jobs_v2, nodeName first, fields=jobs.
        using var list = await SendAsync(HttpMethod.Get, $"api/v2/monitors/jobs?nodeName={Uri.EscapeDataString(node)}&fields=jobs", project: null);

        // Job.kill(): cancel_job_v2; response.ok is the answer.
        using var killed = await SendAsync(HttpMethod.Delete, $"api/v2/monitors/jobs/{jobId}", project: null);

        // cancel_jobs(ids): cancel_jobs_v2, the bulk answer under jobCancellationStatus.
        using var bulk = await SendAsync(HttpMethod.Post, "api/v2/monitors/cancelJobs", project: null, new JObject { ["jobIds"] = new JArray(jobId) });

        Assert.Multiple(async () =>
        {
            Assert.That(found["result"]!.Select(r => (string?)r["id"]), Is.EquivalentTo(Seeds.Cubes.Select(c => c.Id)));
            Assert.That((int?)found["totalItems"], Is.EqualTo(Seeds.Cubes.Count));
            Assert.That(published.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
            Assert.That((long?)job["jobId"], Is.EqualTo(long.Parse(jobId.Split(':')[0])), "id is jobId:base64(node)");
            Assert.That(int.Parse(status.Headers.GetValues("X-MSTR-CubeStatus").Single()) & 1, Is.EqualTo(1), "Processing while the publish runs");
            Assert.That((string?)JObject.Parse(await read.Content.ReadAsStringAsync())["status"], Is.EqualTo("executing"));
            Assert.That(JObject.Parse(await list.Content.ReadAsStringAsync())["jobs"]!.Select(j => (string?)j["id"]), Does.Contain(jobId));
            Assert.That(killed.IsSuccessStatusCode, Is.True, "Job.kill() returns response.ok");
            Assert.That((int)bulk.StatusCode, Is.EqualTo(207), "already cancelled: a partial answer");
            Assert.That((string?)JObject.Parse(await bulk.Content.ReadAsStringAsync())["jobCancellationStatus"]![0]!["status"], Is.EqualTo("failed"));
        });
    }

    [Test]
    public async Task Listing_and_unloading_cube_caches_as_the_official_client_does()
    {
        // list_cube_caches: get_cube_caches per node, None values dropped by requests (no projectIds, no state filter).
        using var caches = await SendAsync(HttpMethod.Get, $"api/monitors/caches/cubes?clusterNode={Seeds.Nodes[0]}&offset=0&limit=1000", project: null);
        var cache = JObject.Parse(await caches.Content.ReadAsStringAsync())["cubeCaches"]!.First(c => (string?)c["source"]!["id"] == Seeds.SalesCubeId);
        var cacheId = (string)cache["id"]!;

        // CubeCache.unload(): alter_cube_cache_status with Prefer: respond-async, only loadedState in the body.
        using var request = new HttpRequestMessage(HttpMethod.Patch, $"api/monitors/caches/cubes/{cacheId}")
        {
            Content = new StringContent("""{"state": {"loadedState": "unloaded"}}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-MSTR-AuthToken", _token);
        request.Headers.Add("Prefer", "respond-async");
        using var altered = await _python.SendAsync(request);
        var manipulationId = (string)JObject.Parse(await altered.Content.ReadAsStringAsync())["manipulationId"]!;

        // CubeCache.get_manipulation_status: until it is ready.
        string? state;
        var polls = 0;
        do
        {
            await Task.Delay(50);
            using var read = await SendAsync(HttpMethod.Get, $"api/monitors/caches/cubes/manipulations/{manipulationId}/status", project: null);
            state = (string?)JObject.Parse(await read.Content.ReadAsStringAsync())["status"];
        }
        while (state == "executing" && ++polls < 100);

        // get_cube_cache_info: the cache as it is now.
        using var info = await SendAsync(HttpMethod.Get, $"api/monitors/caches/cubes/{cacheId}", project: null);
        var after = JObject.Parse(await info.Content.ReadAsStringAsync());
        Assert.Multiple(() =>
        {
            Assert.That(cacheId.Split(':'), Has.Length.EqualTo(3), "guid:projectId:base64(node)");
            Assert.That(cache["lastUpdateJob"], Is.Not.Null);
            Assert.That(altered.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
            Assert.That(state, Is.EqualTo("ready"));
            Assert.That((string?)after["state"]!["loadedState"], Is.EqualTo("unloaded"));
        });
    }

    [Test]
    public async Task A_subscription_status_is_read_without_a_project_header_when_no_project_is_selected()
    {
        using var created = await SendAsync(HttpMethod.Post, "api/subscriptions", Seeds.ProjectId, new JObject
        {
            ["name"] = "Status without a project",
            ["owner"] = new JObject(),
            ["schedules"] = new JArray(new JObject { ["id"] = Seeds.AllTheTimeScheduleId }),
            ["contents"] = new JArray(new JObject { ["id"] = Seeds.DataModelId, ["type"] = "data_model", ["refreshCondition"] = new JObject { ["datasetRefreshPolicy"] = "replace", ["tables"] = new JArray() } }),
            ["delivery"] = new JObject { ["mode"] = "HISTORY_LIST" },
        });
        var id = (string)JObject.Parse(await created.Content.ReadAsStringAsync())["id"]!;
        using var sent = await SendAsync(HttpMethod.Post, $"api/v2/subscriptions/{id}/send", Seeds.ProjectId);

        // subscription_status.get_subscription_status on a connection without a project: no header.
        using var status = await SendAsync(HttpMethod.Get, $"api/subscriptions/{id}/status", project: null);
        using var wrongProject = await SendAsync(HttpMethod.Get, $"api/subscriptions/{id}/status", "0123456789ABCDEF0123456789ABCDEF");

        Assert.Multiple(() =>
        {
            Assert.That(status.StatusCode, Is.EqualTo(HttpStatusCode.OK), "a server answers it; only a project given must be known");
            Assert.That(wrongProject.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        });
    }

    [Test]
    public async Task A_report_is_read_as_reports_report_instance_and_report_instance_id_page_it()
    {
        // reports.report_instance: POST …/instances/ (a trailing slash), json={} and the fields that drop formatted values.
        const string fields = "-data.metricValues.extras,-data.metricValues.formatted";
        var report = Strategy.Emulator.Reports.ReportSeeds.SalesReportId;
        using var created = await SendAsync(HttpMethod.Post, $"api/v2/reports/{report}/instances/?offset=0&limit=5&fields={Uri.EscapeDataString(fields)}", Seeds.ProjectId, new JObject());
        var first = JObject.Parse(await created.Content.ReadAsStringAsync());
        var instanceId = (string)first["instanceId"]!;

        // reports.report_instance_id: the next pages of that instance.
        using var next = await SendAsync(HttpMethod.Get, $"api/v2/reports/{report}/instances/{instanceId}?offset=5&limit=5&fields={Uri.EscapeDataString(fields)}", Seeds.ProjectId);
        var second = JObject.Parse(await next.Content.ReadAsStringAsync());

        Assert.Multiple(() =>
        {
            Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.OK), first.ToString());
            Assert.That((int?)first["data"]!["paging"]!["total"], Is.EqualTo(12));
            Assert.That((string?)first["definition"]!["grid"]!["rows"]![0]!["name"], Is.EqualTo("Region"));
            Assert.That(first["data"]!["metricValues"]!["raw"]!.Count(), Is.EqualTo(5));
            Assert.That(next.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That((int?)second["data"]!["paging"]!["offset"], Is.EqualTo(5));
        });
    }

    [Test]
    public async Task A_dashboard_is_exported_as_the_documents_module_calls_it_and_answers_base64()
    {
        var dashboard = Strategy.Emulator.Reports.ReportSeeds.DashboardId;

        // create_new_document_instance: json=body; export_document_to_pdf with the project; the
        // visualization's CSV with X-MSTR-ProjectID None (no header) and no body; requests' Accept is */*.
        using var created = await SendAsync(HttpMethod.Post, $"api/documents/{dashboard}/instances", Seeds.ProjectId, new JObject());
        var mid = (string)JObject.Parse(await created.Content.ReadAsStringAsync())["mid"]!;
        using var pdf = await SendAsync(HttpMethod.Post, $"api/documents/{dashboard}/instances/{mid}/pdf", Seeds.ProjectId, new JObject { ["orientation"] = "LANDSCAPE" });
        using var csv = await SendAsync(HttpMethod.Post, $"api/documents/{dashboard}/instances/{mid}/visualizations/K52/csv", project: null);
        using var deleted = await SendAsync(HttpMethod.Delete, $"api/documents/{dashboard}/instances/{mid}", project: null);

        var pdfBytes = Convert.FromBase64String((string)JObject.Parse(await pdf.Content.ReadAsStringAsync())["data"]!);
        var csvText = Encoding.UTF8.GetString(Convert.FromBase64String((string)JObject.Parse(await csv.Content.ReadAsStringAsync())["data"]!));
        Assert.Multiple(() =>
        {
            Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created));
            Assert.That(Encoding.ASCII.GetString(pdfBytes, 0, 5), Is.EqualTo("%PDF-"));
            Assert.That(csvText, Does.StartWith("Region,Year,Revenue,Units\r\n"));
            Assert.That(deleted.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
            Assert.That(Emulator.DashboardInstanceCount, Is.Zero);
        });
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? project, JObject? json = null, bool clientVersion = false)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Add("X-MSTR-AuthToken", _token);
        if (project is not null)
        {
            request.Headers.Add("X-MSTR-ProjectID", project);
        }

        if (clientVersion)
        {
            request.Headers.Add("X-MSTR-ClientVersion", "25.06");
        }

        if (json is not null)
        {
            request.Content = new StringContent(json.ToString(Newtonsoft.Json.Formatting.None), Encoding.UTF8, "application/json");
        }

        return await _python.SendAsync(request);
    }
}
