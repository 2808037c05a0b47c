using System.Net;
using System.Text;
using Strategy.Emulator;
using Strategy.Emulator.Faults;
using Strategy.Generated;

namespace Strategy.EndToEnd.Tests;

/// <summary>Faults on demand, in-process and over the control endpoint, seen without retries.</summary>
public sealed class FaultInjectionTests : EmulatorTest
{
    protected override StrategyRetryOptions Retry => StrategyRetryOptions.Disabled;

    [Test]
    public async Task A_fault_posted_to_the_control_endpoint_hits_the_next_matching_request_only()
    {
        using var control = new HttpClient { BaseAddress = Emulator.BaseUrl };
        using var posted = await control.PostAsync("__emulator/faults",
            new StringContent("""{"count":1,"pathContains":"/api/schedules","status":503,"retryAfterSeconds":3}""", Encoding.UTF8, "application/json"));
        Assert.That(posted.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        var schedules = Connection.CreateClient<SchedulesClient>();

        var error = Assert.ThrowsAsync<StrategyApiException>(() => schedules.ListSchedulesAsync());
        var afterwards = await schedules.ListSchedulesAsync();

        Assert.Multiple(() =>
        {
            Assert.That(error!.StatusCode, Is.EqualTo(503));
            Assert.That(error.RetryAfter, Is.EqualTo(TimeSpan.FromSeconds(3)));
            Assert.That(afterwards.Schedules, Has.Count.EqualTo(2));
        });
    }

    [Test]
    public async Task A_fault_counts_its_hits_and_one_that_never_matched_is_named_as_unfired()
    {
        var hits = new FaultRule { Count = 2, PathContains = "/api/schedules", Status = 503 };
        var renamed = new FaultRule { PathContains = "/api/schedule-list", Status = 503 };
        Emulator.Faults.Add(hits);
        Emulator.Faults.Add(renamed);
        var schedules = Connection.CreateClient<SchedulesClient>();

        for (var i = 0; i < 3; i++)
        {
            try
            {
                await schedules.ListSchedulesAsync();
            }
            catch (StrategyApiException)
            {
                // The first two answers are the injected 503s.
            }
        }

        using var control = new HttpClient { BaseAddress = Emulator.BaseUrl };
        var state = Newtonsoft.Json.Linq.JObject.Parse(await control.GetStringAsync("__emulator/state"));
        Assert.Multiple(() =>
        {
            Assert.That((Emulator.Faults.FiredFor(hits), Emulator.Faults.FiredFor(renamed), Emulator.Faults.Fired), Is.EqualTo((2, 0, 2)));
            Assert.That(Emulator.Faults.Unfired, Is.EqualTo(new[] { renamed }), "a rule whose path matches nothing is named, so its test cannot pass as if it ran");
            Assert.That(((int)state["faultsFired"]!, (int)state["faultsUnfired"]!), Is.EqualTo((2, 1)), "the control endpoint says the same");
        });

        // This test meant the unfired rule: the tear-down's check is for the others.
        Emulator.Faults.Clear();
    }

    [Test]
    public void A_dropped_connection_is_a_connection_failure()
    {
        Emulator.Faults.Add(new FaultRule { PathContains = "/api/schedules", DropConnection = true });
        var schedules = Connection.CreateClient<SchedulesClient>();

        var error = Assert.ThrowsAsync<StrategyUnreachableException>(() => schedules.ListSchedulesAsync());

        Assert.Multiple(() =>
        {
            Assert.That(error!.InnerException, Is.InstanceOf<HttpRequestException>(), "the transport's failure is kept");
            Assert.That(error.Message, Does.Contain("could not be reached during ListSchedules (GET MicroStrategyLibrary/api/schedules").And.Contain("Connection reset by peer"));
        });
    }

    [Test]
    public async Task A_delayed_answer_beyond_the_call_limit_is_a_typed_time_out_not_a_bare_cancellation()
    {
        await using var connection = StrategyConnection.Create(new StrategyClientOptions
        {
            BaseUrl = Emulator.BaseUrl,
            ProjectId = Seeds.ProjectId,
            Username = "administrator",
            Timeout = TimeSpan.FromSeconds(5),
            Retry = Retry,
        });

        // Logged in first: on a busy machine the login would otherwise spend the call's limit (a clean-clone run saw it).
        await connection.CreateClient<ProjectsClient>().ListProjectsAsync();
        Emulator.Faults.Add(new FaultRule { PathContains = "/api/schedules", Delay = TimeSpan.FromSeconds(20) });

        var error = Assert.ThrowsAsync<StrategyUnreachableException>(() => connection.CreateClient<SchedulesClient>().ListSchedulesAsync());

        Assert.Multiple(() =>
        {
            Assert.That(error!.TimeLimit, Is.EqualTo(TimeSpan.FromSeconds(5)));
            Assert.That(error.Message, Does.EndWith("did not answer ListSchedules (GET MicroStrategyLibrary/api/schedules) within 5 s: no answer came."));
            Assert.That(connection.HttpClient.Timeout, Is.EqualTo(Timeout.InfiniteTimeSpan), "HttpClient's own 100 s does not stand in for the limit");
        });
    }

    [Test]
    public async Task A_delay_posted_in_seconds_really_holds_the_answer()
    {
        using var control = new HttpClient { BaseAddress = Emulator.BaseUrl };
        using var posted = await control.PostAsync("__emulator/faults",
            new StringContent("""{"pathContains":"/api/schedules","delay":10}""", Encoding.UTF8, "application/json"));
        Assert.That(posted.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));

        // Logged in first: the client's limit below is for the held call alone, however busy the machine.
        await Connection.LoginAsync();
        Connection.HttpClient.Timeout = TimeSpan.FromSeconds(3);
        var schedules = Connection.CreateClient<SchedulesClient>();

        // Ten seconds, not ten ticks: the call outlasts the client's three-second limit.
        Assert.That(() => schedules.ListSchedulesAsync(), Throws.InstanceOf<TaskCanceledException>().With.InnerException.InstanceOf<TimeoutException>());
        Assert.That(Emulator.Faults.Fired, Is.EqualTo(1), "the call reached the server and was held there");
    }

    [TestCase("""{"delay":"soon"}""")]
    [TestCase("""{"delay":true}""")]
    [TestCase("""{"count":""")]
    public async Task A_fault_rule_that_cannot_be_read_is_refused_with_a_json_error(string body)
    {
        using var control = new HttpClient { BaseAddress = Emulator.BaseUrl };
        using var posted = await control.PostAsync("__emulator/faults", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Multiple(async () =>
        {
            Assert.That(posted.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(await posted.Content.ReadAsStringAsync(), Does.Contain("\"code\":\"ERR006\""));
        });
        Assert.That(Emulator.Faults.Take("GET", "/api/schedules"), Is.Null, "nothing was added");
    }
}
