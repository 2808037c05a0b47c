using Strategy.Generated.Http;
using System.Net;
using Strategy.Generated.Tests.Support;

namespace Strategy.Generated.Tests.Resilience;

/// <summary>Which failures are retried, for which methods.</summary>
public sealed class RetryRuleTests
{
    private static readonly StrategyRetryOptions Fast = new() { BaseDelay = TimeSpan.FromMilliseconds(1), MaxDelay = TimeSpan.FromMilliseconds(5), MaxRetries = 3 };

    private static (HttpClient Client, ScriptedHandler Script) Create(StrategyRetryOptions options, params Func<HttpResponseMessage>[] answers)
    {
        var script = new ScriptedHandler(answers);
        return (new HttpClient(new StrategyResilienceHandler(options) { InnerHandler = script }) { BaseAddress = new Uri("http://strategy.test/") }, script);
    }

    private static HttpResponseMessage Status(HttpStatusCode status) => new(status);

    private static Func<HttpResponseMessage> Throw(HttpRequestError error) => () => throw new HttpRequestException(error, "scripted failure");

    [TestCase("GET", HttpStatusCode.ServiceUnavailable)]
    [TestCase("PUT", HttpStatusCode.BadGateway)]
    [TestCase("DELETE", HttpStatusCode.TooManyRequests)]
    [TestCase("GET", HttpStatusCode.RequestTimeout)]
    [TestCase("GET", HttpStatusCode.InternalServerError)]
    public async Task Idempotent_requests_are_retried_on_transient_statuses(string method, HttpStatusCode status)
    {
        var (client, script) = Create(Fast, () => Status(status), () => Status(HttpStatusCode.OK));

        using var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), "api/x") { Content = new StringContent("{}") });

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(script.Attempts, Is.EqualTo(2));
        });
    }

    [Test]
    public async Task The_answer_the_spec_declares_as_no_status_yet_is_not_retried_and_other_500s_are()
    {
        const string Subscription = "0730C69A4EBAA20BD967EA86274F0C2F";
        static HttpResponseMessage Error(string code, string message) => new(HttpStatusCode.InternalServerError)
        {
            Content = new StringContent($$"""{"code":"{{code}}","message":"{{message}}"}""", System.Text.Encoding.UTF8, "application/json"),
        };
        var (noStatus, once) = Create(Fast, () => Error("ERR002", "No status for the subscription " + Subscription + "."), () => Status(HttpStatusCode.OK));
        var (passing, twice) = Create(Fast, () => Error("ERR001", "The Intelligence Server is busy."), () => new HttpResponseMessage(HttpStatusCode.OK)
        {
            Content = new StringContent("""{"stage":2,"state":1}""", System.Text.Encoding.UTF8, "application/json"),
        });

        var none = await new SubscriptionsClient(noStatus).GetLastSubscriptionRunAsync(Subscription);
        var last = await new SubscriptionsClient(passing).GetLastSubscriptionRunAsync(Subscription);

        Assert.Multiple(() =>
        {
            Assert.That(none, Is.Null);
            Assert.That(once.Attempts, Is.EqualTo(1), "the server's 'no status' is an answer, not a passing failure");
            Assert.That(last!.Outcome, Is.EqualTo(StrategyOutcome.Succeeded));
            Assert.That(twice.Attempts, Is.EqualTo(2), "a passing 500 is still retried");
        });
    }

    [Test]
    public async Task A_POST_is_not_retried_after_the_server_may_have_acted()
    {
        var (client, script) = Create(Fast, () => Status(HttpStatusCode.ServiceUnavailable), () => Status(HttpStatusCode.Created));

        using var response = await client.PostAsync("api/subscriptions", new StringContent("{}"));

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
            Assert.That(script.Attempts, Is.EqualTo(1));
        });
    }

    [Test]
    public void A_POST_whose_answer_was_lost_is_not_retried()
    {
        var (client, script) = Create(Fast, Throw(HttpRequestError.ResponseEnded), () => Status(HttpStatusCode.Created));

        Assert.That(() => client.PostAsync("api/subscriptions", new StringContent("{}")), Throws.InstanceOf<HttpRequestException>());
        Assert.That(script.Attempts, Is.EqualTo(1));
    }

    [Test]
    public async Task A_POST_whose_connection_was_refused_is_retried_because_it_never_reached_the_server()
    {
        var (client, script) = Create(Fast, Throw(HttpRequestError.ConnectionError), () => Status(HttpStatusCode.Created));

        using var response = await client.PostAsync("api/subscriptions", new StringContent("{}"));

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created));
            Assert.That(script.Attempts, Is.EqualTo(2));
            Assert.That(script.Bodies, Has.All.EqualTo("{}"), "the body is sent again whole");
        });
    }

    [Test]
    public async Task Attempts_are_bounded()
    {
        var (client, script) = Create(Fast, Enumerable.Repeat(() => Status(HttpStatusCode.ServiceUnavailable), 10).ToArray());

        using var response = await client.GetAsync("api/x");

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
            Assert.That(script.Attempts, Is.EqualTo(4));
        });
    }

    [Test]
    public async Task Retry_After_sets_the_delay()
    {
        var (client, script) = Create(Fast, () =>
        {
            var response = Status(HttpStatusCode.TooManyRequests);
            response.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromMilliseconds(300));
            return response;
        }, () => Status(HttpStatusCode.OK));

        using var response = await client.GetAsync("api/x");

        Assert.That(script.Gaps.Single(), Is.GreaterThanOrEqualTo(TimeSpan.FromMilliseconds(250)), "the second attempt waited for Retry-After, not the 1 ms base delay");
    }

    [Test]
    public async Task Retries_can_be_switched_off()
    {
        var (client, script) = Create(StrategyRetryOptions.Disabled, () => Status(HttpStatusCode.ServiceUnavailable), () => Status(HttpStatusCode.OK));

        using var response = await client.GetAsync("api/x");

        Assert.That(script.Attempts, Is.EqualTo(1));
    }

    /// <summary>Answers from a script, one entry per attempt, and records what it was sent.</summary>
    [Test]
    public async Task A_first_attempt_past_its_timeout_is_cancelled_and_retried_on_the_handlers_clock()
    {
        var clock = new ManualClock();
        var hanging = Hanging(answerFrom: 2);
        using var client = new HttpClient(new StrategyResilienceHandler(Fast with { AttemptTimeout = TimeSpan.FromSeconds(30) }, clock) { InnerHandler = hanging }) { BaseAddress = new Uri("http://strategy.test/") };

        var sending = client.GetAsync("api/x");
        await Strategy.Tests.Shared.Eventually.HoldsAsync(() => hanging.Started == 1 && clock.HasTimerDueWithin(TimeSpan.FromSeconds(30)), "the first attempt waits, its timeout set");
        clock.Advance(TimeSpan.FromSeconds(30));
        await Strategy.Tests.Shared.Eventually.HoldsAsync(() => sending.IsCompleted || clock.HasTimerDueWithin(TimeSpan.FromSeconds(1)), "the retry's delay begun, or the answer in");
        clock.Advance(TimeSpan.FromSeconds(1));
        using var response = await sending.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(hanging.Started, Is.EqualTo(2));
            Assert.That(hanging.Cancelled, Is.EqualTo(1), "the first attempt was cancelled by its timeout, not left running");
        });
    }

    [Test]
    public async Task Without_retries_an_attempt_past_its_timeout_is_unreachable_naming_the_attempt_timeout()
    {
        var clock = new ManualClock();
        var hanging = Hanging(answerFrom: int.MaxValue);
        using var client = new HttpClient(new StrategyResilienceHandler(Fast with { MaxRetries = 0, AttemptTimeout = TimeSpan.FromSeconds(30) }, clock) { InnerHandler = hanging }) { BaseAddress = new Uri("http://strategy.test/") };

        var sending = client.GetAsync("api/x");
        await Strategy.Tests.Shared.Eventually.HoldsAsync(() => hanging.Started == 1 && clock.HasTimerDueWithin(TimeSpan.FromSeconds(30)), "the attempt waits, its timeout set");
        clock.Advance(TimeSpan.FromSeconds(30));
        var error = Assert.ThrowsAsync<StrategyUnreachableException>(() => sending.WaitAsync(TimeSpan.FromSeconds(30)));

        Assert.Multiple(() =>
        {
            Assert.That(error!.Message, Does.Contain("StrategyRetryOptions.AttemptTimeout").And.Contain("(1 attempt,"));
            Assert.That(hanging.Cancelled, Is.EqualTo(1));
        });
    }

    [Test]
    public async Task A_caller_that_cancels_the_first_attempt_gets_its_cancellation_not_a_retry()
    {
        var hanging = Hanging(answerFrom: 2);
        using var client = new HttpClient(new StrategyResilienceHandler(Fast) { InnerHandler = hanging }) { BaseAddress = new Uri("http://strategy.test/") };
        using var cancellation = new CancellationTokenSource();

        var sending = client.GetAsync("api/x", cancellation.Token);
        await Strategy.Tests.Shared.Eventually.HoldsAsync(() => hanging.Started == 1, "the first attempt waits");
        await cancellation.CancelAsync();

        Assert.That(() => sending, Throws.InstanceOf<OperationCanceledException>());
        Assert.That(hanging.Started, Is.EqualTo(1), "no second attempt after the caller's cancellation");
    }

    /// <summary>Holds each attempt before <paramref name="answerFrom"/> (counted from 1) until it is cancelled, then answers 200.</summary>
    private static HangingHandler Hanging(int answerFrom) => new((_, attempt) => attempt >= answerFrom ? new HttpResponseMessage(HttpStatusCode.OK) : null);

    private sealed class ScriptedHandler(Func<HttpResponseMessage>[] answers) : HttpMessageHandler
    {
        private DateTime? _last;

        public int Attempts { get; private set; }

        public List<string?> Bodies { get; } = [];

        public List<TimeSpan> Gaps { get; } = [];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var now = DateTime.UtcNow;
            if (_last is { } last)
            {
                Gaps.Add(now - last);
            }

            _last = now;
            Bodies.Add(request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken));
            return answers[Attempts++]();
        }
    }
}
