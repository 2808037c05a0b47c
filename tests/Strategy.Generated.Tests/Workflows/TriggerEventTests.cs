using System.Net;
using RichardSzalay.MockHttp;
using Strategy.Generated.Http;
using Strategy.Generated.Tests.Support;
using Strategy.Tests.Shared;

namespace Strategy.Generated.Tests.Workflows;

/// <summary>
/// TriggerEventAndWaitAsync: the dependents are listed and their last runs read before the
/// trigger, each in the project the listing names, and each new run waited for.
/// </summary>
public sealed class TriggerEventTests : ClientTest<EventsClient>
{
    private const string EventId = "4C5E8A2F1B7D4E9A8F3C6B1D2E7A9C04";
    private const string Here = "0730C69A4EBAA20BD967EA86274F0C2F";
    private const string Elsewhere = "5C1F6A0E4B3D11F0A1B2C3D4E5F60718";
    private const string OtherProject = "0123456789ABCDEF0123456789ABCDEF";

    protected override EventsClient Create(HttpClient http) => new(http);

    private static string Run(int state, string start) => $$"""{"stage":2,"state":{{state}},"start":"{{start}}"}""";

    private MockedRequest StatusOf(string subscription, string project) =>
        Server.Handler.Expect(HttpMethod.Get, MockServer.Url($"api/subscriptions/{subscription}/status")).WithHeaders(StrategyHeaders.ProjectId, project);

    [Test]
    public async Task Each_dependent_is_followed_in_its_own_project_and_the_run_before_the_trigger_is_skipped()
    {
        Server.Handler.Expect(HttpMethod.Get, MockServer.Url("api/dependentSubscriptions"))
            .WithExactQueryString($"objectId={EventId}&type=event")
            .Respond("application/json", $$$"""
                {"subscriptions":[
                  {"id":"{{{Here}}}","name":"here","project":{"id":"{{{MockServer.ProjectId}}}"}},
                  {"id":"{{{Elsewhere}}}","name":"elsewhere","project":{"id":"{{{OtherProject}}}"}}]}
                """);
        StatusOf(Here, MockServer.ProjectId).Respond("application/json", Run(1, "2025-09-01T00:00:00.000+0000"));
        StatusOf(Elsewhere, OtherProject).Respond(HttpStatusCode.InternalServerError, "application/json", """{"code":"ERR002","message":"No status for the subscription."}""");
        var trigger = Server.Handler.Expect(HttpMethod.Post, MockServer.Url($"api/events/{EventId}/trigger")).Respond(HttpStatusCode.NoContent);
        Server.Handler.When(HttpMethod.Get, MockServer.Url($"api/subscriptions/{Here}/status")).WithHeaders(StrategyHeaders.ProjectId, MockServer.ProjectId)
            .Respond("application/json", Run(1, "2025-09-04T00:00:00.000+0000"));
        Server.Handler.When(HttpMethod.Get, MockServer.Url($"api/subscriptions/{Elsewhere}/status")).WithHeaders(StrategyHeaders.ProjectId, OtherProject)
            .Respond("application/json", Run(5, "2025-09-04T00:00:00.000+0000"));

        var runs = await Client.TriggerEventAndWaitAsync(EventId, Waits.Fast);

        Assert.Multiple(() =>
        {
            Assert.That(Server.Handler.GetMatchCount(trigger), Is.EqualTo(1));
            Assert.That(runs.Select(r => (r.SubscriptionId, r.Name, r.Outcome)), Is.EqualTo(new[]
            {
                (Here, (string?)"here", StrategyOutcome.Succeeded),
                (Elsewhere, (string?)"elsewhere", StrategyOutcome.Skipped),
            }));
            Assert.That(runs[0].Status!.Start, Is.EqualTo(new DateTimeOffset(2025, 9, 4, 0, 0, 0, TimeSpan.Zero)), "not the run from before the trigger");
        });
    }

    [Test]
    public async Task A_listing_that_names_a_subscription_twice_starts_one_wait_for_it()
    {
        Server.Handler.When(HttpMethod.Get, MockServer.Url("api/dependentSubscriptions"))
            .Respond("application/json", $$$"""
                {"subscriptions":[
                  {"id":"{{{Here}}}","name":"here","project":{"id":"{{{MockServer.ProjectId}}}"}},
                  {"id":"{{{Here}}}","name":"here again","project":{"id":"{{{MockServer.ProjectId}}}"}}]}
                """);
        var before = StatusOf(Here, MockServer.ProjectId).Respond("application/json", Run(1, "2025-09-01T00:00:00.000+0000"));
        Server.Handler.When(HttpMethod.Post, MockServer.Url($"api/events/{EventId}/trigger")).Respond(HttpStatusCode.NoContent);
        Server.Handler.When(HttpMethod.Get, MockServer.Url($"api/subscriptions/{Here}/status")).Respond("application/json", Run(1, "2025-09-04T00:00:00.000+0000"));

        var runs = await Client.TriggerEventAndWaitAsync(EventId, Waits.Fast);

        Assert.Multiple(() =>
        {
            Assert.That(runs.Select(r => (r.SubscriptionId, r.Name, r.Outcome)), Is.EqualTo(new[] { (Here, (string?)"here", StrategyOutcome.Succeeded) }));
            Assert.That(Server.Handler.GetMatchCount(before), Is.EqualTo(1), "its last run read once before the trigger");
        });
    }

    [Test]
    public async Task The_runs_are_one_operation_the_waiter_reads_once_a_delay_and_a_transient_failure_of_one_run_is_read_again()
    {
        // On a clock that moves only when the test moves it: every read of the runs is one round, one delay apart.
        var clock = new ManualClock();
        Server.Handler.Expect(HttpMethod.Get, MockServer.Url("api/dependentSubscriptions"))
            .Respond("application/json", $$"""{"subscriptions":[{"id":"{{Here}}","name":"here"}]}""");
        StatusOf(Here, MockServer.ProjectId).Respond("application/json", Run(1, "2025-09-01T00:00:00.000+0000"));
        Server.Handler.Expect(HttpMethod.Post, MockServer.Url($"api/events/{EventId}/trigger")).Respond(HttpStatusCode.NoContent);
        var reads = 0;
        Server.Handler.When(HttpMethod.Get, MockServer.Url($"api/subscriptions/{Here}/status")).Respond(_ => ++reads switch
        {
            1 => MockServer.Answer(HttpStatusCode.OK, Run(1, "2025-09-01T00:00:00.000+0000")),                         // still the run before the trigger
            2 => MockServer.Answer(HttpStatusCode.ServiceUnavailable),                                                  // transient: read again, not failed
            3 => MockServer.Answer(HttpStatusCode.OK, """{"stage":1,"state":0,"start":"2025-09-04T00:00:00.000+0000"}"""), // this run, executing
            _ => MockServer.Answer(HttpStatusCode.OK, Run(1, "2025-09-04T00:00:00.000+0000")),                         // this run, done
        });
        var each = new RecordingProgress<StrategyWaitProgress<SubscriptionStatus>>();

        var triggering = Client.TriggerEventAndWaitAsync(EventId, Waits.Fast with { MinimumDelay = TimeSpan.FromSeconds(1), MaximumDelay = TimeSpan.FromSeconds(1), Jitter = 0, TimeProvider = clock }, each);
        for (var second = 1; second <= 3 && !triggering.IsCompleted; second++)
        {
            // The read is answered and the delay after it has begun: the advance reaches it.
            await Eventually.HoldsAsync(() => triggering.IsCompleted || (reads == second && clock.HasTimerDueWithin(TimeSpan.FromSeconds(1))), "read " + second + " and its delay");
            clock.Advance(TimeSpan.FromSeconds(1));
        }

        var runs = await triggering.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Multiple(() =>
        {
            Assert.That(reads, Is.EqualTo(4), "one read a round: the previous run, a 503, executing, done");
            Assert.That(runs.Single().Outcome, Is.EqualTo(StrategyOutcome.Succeeded), "the 503 did not fail the run");
            Assert.That(each.Reports.Select(p => (p.Attempt, p.Elapsed.TotalSeconds, p.Status.Start)), Is.EqualTo(new[]
            {
                (3, 2.0, (DateTimeOffset?)new DateTimeOffset(2025, 9, 4, 0, 0, 0, TimeSpan.Zero)),
                (4, 3.0, (DateTimeOffset?)new DateTimeOffset(2025, 9, 4, 0, 0, 0, TimeSpan.Zero)),
            }), "only this run's statuses are reported, with the round and the time of the wait");
        });
    }

    [Test]
    public async Task At_the_time_limit_the_runs_still_going_are_named_a_few_at_a_time_and_cleaned()
    {
        var clock = new ManualClock();
        string[] ids = ["S1\u001b[2J", "S2", "S3", "S4"];
        Server.Handler.Expect(HttpMethod.Get, MockServer.Url("api/dependentSubscriptions"))
            .Respond("application/json", "{\"subscriptions\":[" + string.Join(",", ids.Select(id => "{\"id\":\"" + id + "\"}")) + "]}");
        Server.Handler.When(HttpMethod.Get, "*/status").Respond(_ => MockServer.Answer(HttpStatusCode.OK, """{"stage":1,"state":0,"start":"2025-09-04T00:00:00.000+0000"}"""));
        Server.Handler.When(HttpMethod.Post, MockServer.Url($"api/events/{EventId}/trigger")).Respond(HttpStatusCode.NoContent);

        var triggering = Client.TriggerEventAndWaitAsync(EventId, Waits.Fast with { MinimumDelay = TimeSpan.FromSeconds(1), MaximumDelay = TimeSpan.FromSeconds(1), Jitter = 0, Timeout = TimeSpan.FromSeconds(2), TimeProvider = clock });
        for (var step = 0; step < 10 && !triggering.IsCompleted; step++)
        {
            await Eventually.HoldsAsync(() => triggering.IsCompleted || clock.HasTimerDueWithin(TimeSpan.FromSeconds(1)), "a delay begun");
            clock.Advance(TimeSpan.FromSeconds(1));
        }

        var error = Assert.ThrowsAsync<StrategyWaitTimeoutException>(() => triggering.WaitAsync(TimeSpan.FromSeconds(30)));

        Assert.That(error!.LastState, Is.EqualTo("0 of 4 runs ended; still running: subscription S1 [2J, S2, S3 and 1 more"), "three named, the rest counted, the escape character cleaned");
    }

    [Test]
    public void A_runs_line_cleans_the_servers_id_and_name_and_cuts_a_long_name()
    {
        var run = new StrategySubscriptionRun("S1\u001b[2J", "nightly\u0007" + new string('x', 500), StrategyOutcome.Succeeded, null, null);

        var line = run.ToString();

        Assert.Multiple(() =>
        {
            Assert.That(line.Any(char.IsControl), Is.False, line);
            Assert.That(line, Does.StartWith("subscription S1 [2J 'nightly"));
            Assert.That(line, Has.Length.LessThan(400), "a name is cut, never a whole page of it");
        });
    }

    [Test]
    public void A_trigger_the_server_refuses_throws_and_waits_for_nothing()
    {
        Server.Handler.Expect(HttpMethod.Get, MockServer.Url("api/dependentSubscriptions")).Respond("application/json", """{"subscriptions":[]}""");
        Server.Handler.Expect(HttpMethod.Post, MockServer.Url($"api/events/{EventId}/trigger"))
            .Respond(HttpStatusCode.Forbidden, "application/json", """{"code":"ERR0014","message":"You do not have the privilege to trigger events."}""");

        var error = Assert.ThrowsAsync<StrategyApiException>(() => Client.TriggerEventAndWaitAsync(EventId, Waits.Fast));

        Assert.That(error!.Kind, Is.EqualTo(StrategyErrorKind.Forbidden));
    }

    [Test]
    public async Task A_call_before_the_trigger_that_hangs_ends_at_the_time_limit_and_nothing_is_fired()
    {
        var clock = new ManualClock();
        var reading = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Server.Handler.Expect(HttpMethod.Get, MockServer.Url("api/dependentSubscriptions"))
            .Respond("application/json", $$"""{"subscriptions":[{"id":"{{Here}}","name":"here"}]}""");

        // The read of the last run never answers, and does not heed cancellation either: the wait must leave it.
        var hung = Server.Handler.When(HttpMethod.Get, MockServer.Url($"api/subscriptions/{Here}/status"));
        hung.Respond(async () =>
        {
            reading.TrySetResult();
            await Task.Delay(Timeout.Infinite, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));
            return new HttpResponseMessage(HttpStatusCode.OK);
        });
        var trigger = Server.Handler.When(HttpMethod.Post, MockServer.Url($"api/events/{EventId}/trigger")).Respond(HttpStatusCode.NoContent);
        var limit = TimeSpan.FromMilliseconds(500);

        var triggering = Client.TriggerEventAndWaitAsync(EventId, Waits.Fast with { Timeout = limit, TimeProvider = clock });
        await reading.Task.WaitAsync(TimeSpan.FromSeconds(30));
        clock.Advance(limit);

        // Nothing was started: the server did not answer, which is not a wait that gave up.
        var error = Assert.ThrowsAsync<StrategyUnreachableException>(() => triggering.WaitAsync(TimeSpan.FromSeconds(30)));

        Assert.Multiple(() =>
        {
            Assert.That(error!.Operation, Does.Contain("TriggerEventAndWait for event " + EventId));
            Assert.That(error.TimeLimit, Is.EqualTo(limit), "the limit given is the limit reported");
            Assert.That(error.WaitingFor, Does.StartWith("GetSubscriptionStatus (GET ").And.EndWith(" got no answer"), "the call the limit cut is named");
            Assert.That(Server.Handler.GetMatchCount(hung), Is.EqualTo(1), "one read was sent, and cut");
            Assert.That(Server.Handler.GetMatchCount(trigger), Is.Zero, "the event was not fired");
        });
    }
}
