using System.Net;
using Strategy.Generated.Tests.Support;

namespace Strategy.Generated.Tests.Workflows;

public sealed class AwaitTaskTests : ClientTest<SchemaClient>
{
    private static readonly string TaskUrl = MockServer.Url($"api/model/tasks/{MockServer.TaskId}");

    protected override SchemaClient Create(HttpClient http) => new(http);

    private static string Task(string status, string extra = "") =>
        $$"""{"id":"{{MockServer.TaskId}}","task":"reloadSchema","status":"{{status}}"{{extra}}}""";

    [Test]
    public async Task Polls_until_completed_and_reports_every_status()
    {
        Server.Handler.Expect(HttpMethod.Get, TaskUrl).Respond("application/json", Task("running"));
        Server.Handler.Expect(HttpMethod.Get, TaskUrl).Respond("application/json", Task("running"));
        Server.Handler.Expect(HttpMethod.Get, TaskUrl).Respond("application/json", Task("completed"));
        var progress = new RecordingProgress<StrategyWaitProgress<ModelTask>>();

        var task = await Client.AwaitTaskAsync(MockServer.TaskId, Waits.Fast, progress, CancellationToken.None);

        Server.Handler.VerifyNoOutstandingExpectation();
        Assert.Multiple(() =>
        {
            Assert.That(task.Status, Is.EqualTo(ModelTaskStatus.Completed));
            Assert.That(progress.Reports.Select(r => r.State), Is.EqualTo(new[] { "running", "running", "completed" }));
            Assert.That(progress.Reports.Select(r => r.Attempt), Is.EqualTo(new[] { 1, 2, 3 }));
        });
    }

    [Test]
    public void A_failed_task_throws_with_the_task_errors()
    {
        Server.Handler.Expect(HttpMethod.Get, TaskUrl).Respond("application/json", Task("running"));
        Server.Handler.Expect(HttpMethod.Get, TaskUrl).Respond("application/json",
            Task("failed", ""","errors":[{"code":"ERR002","message":"Warehouse table missing"}]"""));

        var error = Assert.ThrowsAsync<StrategyOperationFailedException>(() => Client.AwaitTaskAsync(MockServer.TaskId, Waits.Fast));

        Assert.Multiple(() =>
        {
            Assert.That(error!.State, Is.EqualTo("failed"));
            Assert.That(error.Failures, Is.EqualTo(new[] { new StrategyFailure(null, "ERR002", "Warehouse table missing") }));
            Assert.That(error.Message, Does.Contain(MockServer.TaskId).And.Contain("Warehouse table missing"));
            Assert.That(error.LastStatus, Is.InstanceOf<ModelTask>());
        });
    }

    [Test]
    public async Task A_status_this_client_does_not_know_counts_as_running()
    {
        Server.Handler.Expect(HttpMethod.Get, TaskUrl).Respond("application/json", Task("paused"));
        Server.Handler.Expect(HttpMethod.Get, TaskUrl).Respond("application/json", Task("completed"));
        var progress = new RecordingProgress<StrategyWaitProgress<ModelTask>>();

        await Client.AwaitTaskAsync(MockServer.TaskId, Waits.Fast, progress);

        Assert.That(progress.Reports.Select(r => r.State), Is.EqualTo(new[] { "paused", "completed" }));
    }

    [Test]
    public void A_task_that_never_finishes_times_out_with_a_distinct_exception()
    {
        Server.Handler.When(HttpMethod.Get, TaskUrl).Respond("application/json", Task("running"));

        var error = Assert.ThrowsAsync<StrategyWaitTimeoutException>(() =>
            Client.AwaitTaskAsync(MockServer.TaskId, Waits.Fast with { Timeout = TimeSpan.FromSeconds(1) }));

        Assert.Multiple(() =>
        {
            Assert.That(error!.LastState, Is.EqualTo("running"));
            Assert.That(error.Attempts, Is.GreaterThanOrEqualTo(1));
            Assert.That(error.Message, Does.Contain("Gave up waiting for task " + MockServer.TaskId));
        });
    }

    [Test]
    public void Cancellation_interrupts_the_delay_between_polls()
    {
        using var cancellation = new CancellationTokenSource();
        var request = Server.Handler.When(HttpMethod.Get, TaskUrl).Respond("application/json", Task("running"));
        var progress = new RecordingProgress<StrategyWaitProgress<ModelTask>>(_ => cancellation.Cancel());

        Assert.That(
            async () => await Client.AwaitTaskAsync(MockServer.TaskId, Waits.Slow, progress, cancellation.Token),
            Throws.InstanceOf<OperationCanceledException>());
        Assert.That(Server.Handler.GetMatchCount(request), Is.EqualTo(1), "no status call after cancellation");
    }

    [Test]
    public async Task Transient_errors_on_the_status_call_are_retried_without_restarting()
    {
        Server.Handler.Expect(HttpMethod.Get, TaskUrl).Respond(HttpStatusCode.ServiceUnavailable);
        Server.Handler.Expect(HttpMethod.Get, TaskUrl).Respond(_ => MockServer.Answer(HttpStatusCode.TooManyRequests, null, ("Retry-After", "0")));
        Server.Handler.Expect(HttpMethod.Get, TaskUrl).Respond("application/json", Task("completed"));

        var task = await Client.AwaitTaskAsync(MockServer.TaskId, Waits.Fast);

        Server.Handler.VerifyNoOutstandingExpectation();
        Assert.That(task.Status, Is.EqualTo(ModelTaskStatus.Completed));
    }

    [Test]
    public void Too_many_transient_errors_in_a_row_give_up_with_the_last_error()
    {
        var request = Server.Handler.When(HttpMethod.Get, TaskUrl).Respond(HttpStatusCode.BadGateway);

        var error = Assert.ThrowsAsync<StrategyApiException>(() =>
            Client.AwaitTaskAsync(MockServer.TaskId, Waits.Fast with { MaxConsecutiveTransientFailures = 2 }));

        Assert.Multiple(() =>
        {
            Assert.That(error!.StatusCode, Is.EqualTo(502));
            Assert.That(Server.Handler.GetMatchCount(request), Is.EqualTo(3));
        });
    }

    [Test]
    public void An_unknown_task_fails_at_once()
    {
        var request = Server.Handler.When(HttpMethod.Get, TaskUrl)
            .Respond(_ => MockServer.Answer(HttpStatusCode.NotFound, """{"code":"ERR004","message":"Task not found"}"""));

        var error = Assert.ThrowsAsync<StrategyApiException>(() => Client.AwaitTaskAsync(MockServer.TaskId, Waits.Fast));

        Assert.Multiple(() =>
        {
            Assert.That(error!.Kind, Is.EqualTo(StrategyErrorKind.NotFound));
            Assert.That(Server.Handler.GetMatchCount(request), Is.EqualTo(1));
        });
    }

    [Test]
    public void An_empty_task_id_is_rejected_before_any_request()
    {
        Assert.That(() => Client.AwaitTaskAsync(" "), Throws.InstanceOf<ArgumentException>());
    }

    [Test]
    public async Task Reload_and_wait_sends_respond_async_and_waits_on_the_answered_task()
    {
        Server.Handler.Expect(HttpMethod.Post, MockServer.Url("api/model/schema/reload"))
            .WithHeaders("Prefer", "respond-async")
            .WithJsonBody(Fixtures.Json("ReloadSchema.request.json"))
            .Respond(_ => MockServer.Answer(HttpStatusCode.Accepted, Fixtures.Text("ReloadSchema.202.json")));
        Server.Handler.Expect(HttpMethod.Get, TaskUrl).Respond("application/json", Fixtures.Text("GetTask.200.json"));

        var task = await Client.ReloadSchemaAndWaitAsync(
            new SchemaReloadRequest { UpdateTypes = [SchemaUpdateType.TableKey, SchemaUpdateType.EntryLevel, SchemaUpdateType.LogicalSize] },
            Waits.Fast);

        Server.Handler.VerifyNoOutstandingExpectation();
        Assert.That(task!.EndTime, Is.Not.Null);
    }

    [Test]
    public async Task Reload_and_wait_reports_the_answered_status_and_waits_before_the_first_status_call()
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        TimeSpan? firstPoll = null;
        Server.Handler.When(HttpMethod.Post, MockServer.Url("api/model/schema/reload"))
            .Respond(_ => MockServer.Answer(HttpStatusCode.Accepted, Fixtures.Text("ReloadSchema.202.json")));
        Server.Handler.When(HttpMethod.Get, TaskUrl).Respond(_ =>
        {
            firstPoll ??= clock.Elapsed;
            return MockServer.Answer(HttpStatusCode.OK, Fixtures.Text("GetTask.200.json"));
        });
        var progress = new RecordingProgress<StrategyWaitProgress<ModelTask>>();
        var minimum = TimeSpan.FromMilliseconds(150);

        await Client.ReloadSchemaAndWaitAsync(new SchemaReloadRequest(), Waits.Fast with { MinimumDelay = minimum, MaximumDelay = minimum * 2, Jitter = 0 }, progress);

        Assert.Multiple(() =>
        {
            Assert.That(progress.Reports[0].State, Is.EqualTo("running"), "the 202's own status comes first");
            Assert.That(progress.Reports[0].Attempt, Is.Zero, "and it cost no status call");
            Assert.That(progress.Reports[^1].State, Is.EqualTo("completed"));
            // Less a timer tick: a delay's timer and the stopwatch round differently (seen: 149.9957 ms for 150).
            Assert.That(firstPoll, Is.GreaterThanOrEqualTo(minimum - TimeSpan.FromMilliseconds(16)), "the first status call waits a delay after the 202");
        });
    }

    [Test]
    public async Task Reload_and_wait_answers_null_when_the_server_reloaded_synchronously()
    {
        Server.Handler.Expect(HttpMethod.Post, MockServer.Url("api/model/schema/reload")).Respond(HttpStatusCode.Created);
        var poll = Server.Handler.When(HttpMethod.Get, TaskUrl).Respond("application/json", Task("completed"));

        var task = await Client.ReloadSchemaAndWaitAsync(new SchemaReloadRequest(), Waits.Fast);

        Assert.Multiple(() =>
        {
            Assert.That(task, Is.Null);
            Assert.That(Server.Handler.GetMatchCount(poll), Is.Zero);
        });
    }
}
