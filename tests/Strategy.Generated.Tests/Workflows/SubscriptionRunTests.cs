using System.Net;
using RichardSzalay.MockHttp;
using Strategy.Generated.Tests.Support;

namespace Strategy.Generated.Tests.Workflows;

/// <summary>
/// SendSubscriptionAndWaitAsync runs a subscription now and waits for that run: the status is the
/// last run's, so the run before the send is not the answer; "no status yet" is pending; the run
/// is over when stage says finished, and state says how it ended.
/// </summary>
public sealed class SubscriptionRunTests : ClientTest<SubscriptionsClient>
{
    private const string Earlier = "2025-09-03T01:00:04.120+0000";
    private const string Now = "2025-09-04T09:30:00.000+0000";

    private static readonly string StatusUrl = MockServer.Url($"api/subscriptions/{MockServer.SubscriptionId}/status");
    private static readonly string SendUrl = MockServer.Url($"api/v2/subscriptions/{MockServer.SubscriptionId}/send");

    protected override SubscriptionsClient Create(HttpClient http) => new(http);

    /// <summary>The subscription itself, read before a send to know a status is reported for its delivery mode.</summary>
    [SetUp]
    public void AnswerTheSubscription() =>
        Server.Handler.When(HttpMethod.Get, MockServer.Url($"api/subscriptions/{MockServer.SubscriptionId}"))
            .Respond("application/json", """{"id":"0730C69A4EBAA20BD967EA86274F0C2F","name":"Nightly","delivery":{"mode":"HISTORY_LIST"}}""");

    private static string Status(object stage, object state, string start, string extra = "") =>
        $$"""{"id":"{{MockServer.SubscriptionId}}","stage":{{Json(stage)}},"state":{{Json(state)}},"start":"{{start}}"{{extra}}}""";

    private static string Json(object value) => value is string text ? "\"" + text + "\"" : Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)!;

    private const string NoStatus = """{"code":"ERR002","message":"No status for the subscription 0730C69A4EBAA20BD967EA86274F0C2F.","ticketId":"1f2e"}""";

    private MockedRequest ExpectStatus(string json) => Server.Handler.Expect(HttpMethod.Get, StatusUrl).Respond("application/json", json);

    private MockedRequest ExpectNoStatus() => Server.Handler.Expect(HttpMethod.Get, StatusUrl).Respond(HttpStatusCode.InternalServerError, "application/json", NoStatus);

    private MockedRequest ExpectSend(HttpStatusCode answer = HttpStatusCode.NoContent) => Server.Handler.Expect(HttpMethod.Post, SendUrl).Respond(answer);

    [Test]
    public async Task The_run_before_the_send_is_not_the_answer()
    {
        ExpectStatus(Status(2, 1, Earlier));
        ExpectSend();
        ExpectStatus(Status(2, 1, Earlier));
        ExpectStatus(Status(2, 1, Earlier));
        ExpectStatus(Status(1, 0, Now));
        ExpectStatus(Status(2, 1, Now));
        var progress = new RecordingProgress<StrategyWaitProgress<SubscriptionStatus>>();

        var run = await Client.SendSubscriptionAndWaitAsync(MockServer.SubscriptionId, Waits.Fast, progress);

        Server.Handler.VerifyNoOutstandingExpectation();
        Assert.Multiple(() =>
        {
            Assert.That(run.Start, Is.EqualTo(DateTimeOffset.Parse(Now, System.Globalization.CultureInfo.InvariantCulture)));
            Assert.That(run.Outcome, Is.EqualTo(StrategyOutcome.Succeeded));
            Assert.That(progress.Reports.Select(r => r.Status.Start), Has.All.EqualTo(run.Start), "the previous run is not reported as this one");
            Assert.That(progress.Reports.Select(r => r.Attempt), Is.EqualTo(new[] { 3, 4 }));
        });
    }

    [Test]
    public async Task A_run_that_is_quick_enough_to_be_seen_only_finished_is_recognised_by_its_start()
    {
        ExpectStatus(Status(2, 2, Earlier));
        ExpectSend();
        ExpectStatus(Status(2, 1, Now));

        var run = await Client.SendSubscriptionAndWaitAsync(MockServer.SubscriptionId, Waits.Fast);

        Server.Handler.VerifyNoOutstandingExpectation();
        Assert.That(run.Outcome, Is.EqualTo(StrategyOutcome.Succeeded), "a finished status with a new start is the new run, though it was never seen executing");
    }

    [Test]
    public async Task No_status_then_executing_then_finished()
    {
        ExpectNoStatus();
        ExpectSend();
        ExpectNoStatus();
        ExpectStatus(Status(1, 0, Now));
        ExpectStatus(Status(2, 1, Now));
        var progress = new RecordingProgress<StrategyWaitProgress<SubscriptionStatus>>();

        var run = await Client.SendSubscriptionAndWaitAsync(MockServer.SubscriptionId, Waits.Fast, progress);

        Server.Handler.VerifyNoOutstandingExpectation();
        Assert.Multiple(() =>
        {
            Assert.That(run.State, Is.EqualTo(SubscriptionRunState.Success));
            Assert.That(progress.Reports.Select(r => r.State), Is.EqualTo(new[] { "0", "1" }), "executing (state 0 means nothing yet), then success");
        });
    }

    [TestCase(HttpStatusCode.NoContent)]
    [TestCase(HttpStatusCode.Accepted)]
    [TestCase(HttpStatusCode.OK)]
    public async Task A_send_answered_without_a_body_starts_the_wait(HttpStatusCode answer)
    {
        ExpectNoStatus();
        ExpectSend(answer);
        ExpectStatus(Status(2, 1, Now));

        var run = await Client.SendSubscriptionAndWaitAsync(MockServer.SubscriptionId, Waits.Fast);

        Assert.That(run.Outcome, Is.EqualTo(StrategyOutcome.Succeeded));
    }

    [Test]
    public async Task A_skipped_run_is_answered_as_skipped_not_as_a_success()
    {
        ExpectNoStatus();
        ExpectSend();
        ExpectStatus(Status(2, 5, Now));

        var run = await Client.SendSubscriptionAndWaitAsync(MockServer.SubscriptionId, Waits.Fast);

        Assert.Multiple(() =>
        {
            Assert.That(run.Outcome, Is.EqualTo(StrategyOutcome.Skipped));
            Assert.That(run.State, Is.EqualTo(SubscriptionRunState.Skip));
        });
    }

    [TestCase(2, "fail")]
    [TestCase(3, "canceled")]
    [TestCase(4, "timeout")]
    [TestCase(0, "invalid")]
    public void A_run_that_ends_badly_throws_naming_its_state_and_what_failed(int state, string name)
    {
        ExpectNoStatus();
        ExpectSend();
        ExpectStatus(Status(1, 0, Now));
        ExpectStatus(Status(2, state, Now, """
            ,"contents":[{"name":"_test api","nodeName":"node-1","error":{"code":-2147072488,"message":"Table ytd_day could not be loaded."}}],
            "statuses":[{"recipient":"Administrator","contents":[],"destinations":[],"error":{"code":-2147205071,"message":"The mail server refused the message."}},{"recipient":"Operations","contents":[],"destinations":[]}]
            """));

        var error = Assert.ThrowsAsync<StrategyOperationFailedException>(() => Client.SendSubscriptionAndWaitAsync(MockServer.SubscriptionId, Waits.Fast));

        Assert.Multiple(() =>
        {
            Assert.That(error!.State, Is.EqualTo(state.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            Assert.That(error.StateName, Is.EqualTo(name));
            Assert.That(error.Failures, Is.EqualTo(new[]
            {
                new StrategyFailure("_test api", "-2147072488", "Table ytd_day could not be loaded."),
                new StrategyFailure("Administrator", "-2147205071", "The mail server refused the message."),
            }));
            Assert.That(error.Message, Does.Contain($"subscription run of subscription {MockServer.SubscriptionId} failed (state {state} = {name})")
                .And.Contain("_test api: -2147072488 Table ytd_day could not be loaded; Administrator: -2147205071 The mail server refused the message."));
            Assert.That(((SubscriptionStatus)error.LastStatus!).Outcome, Is.EqualTo(StrategyOutcome.Failed));
        });
    }

    [Test]
    public void A_finished_run_with_a_state_the_spec_does_not_list_is_not_a_success()
    {
        ExpectNoStatus();
        ExpectSend();
        ExpectStatus(Status(2, 9, Now));

        var error = Assert.ThrowsAsync<StrategyOperationFailedException>(() => Client.SendSubscriptionAndWaitAsync(MockServer.SubscriptionId, Waits.Fast));

        Assert.That(error!.Message, Does.Contain("failed (state 9)"));
    }

    [Test]
    public async Task A_status_sent_with_names_reads_as_the_numbers_the_spec_declares()
    {
        ExpectNoStatus();
        ExpectSend();
        ExpectStatus(Status("executing", "invalid", Now));
        ExpectStatus(Status("FINISHED", "Success", Now));

        var run = await Client.SendSubscriptionAndWaitAsync(MockServer.SubscriptionId, Waits.Fast);

        Assert.Multiple(() =>
        {
            Assert.That(run.Stage, Is.EqualTo(SubscriptionRunStage.Finished));
            Assert.That(run.Outcome, Is.EqualTo(StrategyOutcome.Succeeded));
        });
    }

    [Test]
    public void Waiting_on_the_previous_run_past_the_time_limit_says_so()
    {
        ExpectStatus(Status(2, 1, Earlier));
        ExpectSend();
        Server.Handler.When(HttpMethod.Get, StatusUrl).Respond("application/json", Status(2, 1, Earlier));

        var error = Assert.ThrowsAsync<StrategyWaitTimeoutException>(() =>
            Client.SendSubscriptionAndWaitAsync(MockServer.SubscriptionId, Waits.Fast with { Timeout = TimeSpan.FromSeconds(1) }));

        Assert.That(error!.Message, Does.Contain("the last status was the previous run's: success"));
    }

    [Test]
    public void A_failed_send_is_thrown_and_nothing_is_waited_for()
    {
        ExpectNoStatus();
        Server.Handler.Expect(HttpMethod.Post, SendUrl)
            .Respond(HttpStatusCode.NotFound, "application/json", """{"code":"ERR004","message":"Subscription 0730C69A4EBAA20BD967EA86274F0C2F was not found."}""");

        var error = Assert.ThrowsAsync<StrategyApiException>(() => Client.SendSubscriptionAndWaitAsync(MockServer.SubscriptionId, Waits.Fast));

        Server.Handler.VerifyNoOutstandingExpectation();
        Assert.That(error!.Kind, Is.EqualTo(StrategyErrorKind.NotFound));
    }

    [Test]
    public async Task The_last_run_is_null_when_the_subscription_never_ran()
    {
        ExpectNoStatus();
        ExpectStatus(Status(2, 1, Now));

        var never = await Client.GetLastSubscriptionRunAsync(MockServer.SubscriptionId);
        var last = await Client.GetLastSubscriptionRunAsync(MockServer.SubscriptionId);

        Assert.Multiple(() =>
        {
            Assert.That(never, Is.Null);
            Assert.That(last!.Outcome, Is.EqualTo(StrategyOutcome.Succeeded));
        });
    }

    [TestCase("ERR001", "No status for the subscription", TestName = "Another error code with the same words is an error")]
    [TestCase("ERR002", "The Intelligence Server is unavailable.", TestName = "The same code with other words is an error")]
    public void Only_the_no_status_answer_means_no_status(string code, string message)
    {
        Server.Handler.Expect(HttpMethod.Get, StatusUrl)
            .Respond(HttpStatusCode.InternalServerError, "application/json", $$"""{"code":"{{code}}","message":"{{message}}"}""");

        var error = Assert.ThrowsAsync<StrategyApiException>(() => Client.GetLastSubscriptionRunAsync(MockServer.SubscriptionId));

        Assert.That(error!.ErrorCode, Is.EqualTo(code));
    }

    [Test]
    public void Awaiting_a_run_started_elsewhere_skips_the_run_given_as_previous()
    {
        var before = Newtonsoft.Json.JsonConvert.DeserializeObject<SubscriptionStatus>(Status(2, 1, Earlier), StrategyJson.ReadingSettings)!;
        ExpectStatus(Status(2, 1, Earlier));
        ExpectStatus(Status(2, 3, Now));

        var error = Assert.ThrowsAsync<StrategyOperationFailedException>(() => Client.AwaitSubscriptionRunAsync(MockServer.SubscriptionId, before, Waits.Fast));

        Server.Handler.VerifyNoOutstandingExpectation();
        Assert.That(error!.StateName, Is.EqualTo("canceled"));
    }

    [Test]
    public async Task An_operation_whose_status_read_was_still_the_run_before_waits_for_the_new_run()
    {
        ExpectStatus(Status(2, 1, Earlier));
        ExpectSend();
        ExpectStatus(Status(2, 1, Earlier));
        ExpectStatus(Status(2, 1, Earlier));
        ExpectStatus(Status(2, 3, Now));
        var work = await Client.StartSendSubscriptionAsync(MockServer.SubscriptionId);

        await work.UpdateStatusAsync();
        var stillBefore = work.HasCompleted;
        var error = Assert.ThrowsAsync<StrategyOperationFailedException>(() => work.WaitForCompletionAsync(Waits.Fast));

        Server.Handler.VerifyNoOutstandingExpectation();
        Assert.Multiple(() =>
        {
            Assert.That(stillBefore, Is.False, "the run before the send, finished, is not this run's end");
            Assert.That(error!.StateName, Is.EqualTo("canceled"), "the new run's outcome, not the previous run's success");
            Assert.That(work.Outcome, Is.EqualTo(StrategyOutcome.Failed));
        });
    }

    [Test]
    public void Cancelling_ends_the_wait_at_once()
    {
        ExpectNoStatus();
        ExpectSend();
        Server.Handler.When(HttpMethod.Get, StatusUrl).Respond("application/json", Status(1, 0, Now));
        using var cancellation = new CancellationTokenSource();
        var progress = new RecordingProgress<StrategyWaitProgress<SubscriptionStatus>>(_ => cancellation.Cancel());

        Assert.That(
            () => Client.SendSubscriptionAndWaitAsync(MockServer.SubscriptionId, Waits.Slow, progress, cancellation.Token),
            Throws.InstanceOf<OperationCanceledException>());
    }
}
