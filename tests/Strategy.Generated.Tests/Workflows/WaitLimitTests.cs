using Strategy.Generated.Http;
using System.Diagnostics;
using System.Net;
using Strategy.Generated.Tests.Support;

namespace Strategy.Generated.Tests.Workflows;

/// <summary>
/// The wait's limits hold against calls that misbehave: the time limit cuts a status call in
/// flight, the last check happens at the deadline, a dead server is given up on after the
/// connection-failure budget (retry handler's attempts included), and bad options send nothing.
/// </summary>
public sealed class WaitLimitTests
{
    private const string BaseUrl = "https://strategy.test/MicroStrategyLibrary/";
    private const string TaskId = MockServer.TaskId;
    // Only against a hang (a limit that never fires would leave the test waiting): never the pass criterion.
    private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(30);

    private const string Running = """{"id":"907CAAF6F0644A8DA2CBF9D3C4C1B12E","task":"reloadSchema","status":"running"}""";

    [Test]
    public async Task A_status_call_that_never_answers_is_cut_at_the_time_limit_and_not_a_tick_before()
    {
        // The clock moves only when the test moves it: the limit is proven to the tick, however busy the machine.
        var clock = new ManualClock();
        var calling = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var client = Client(new CallbackHandler(async (_, ct) =>
        {
            calling.TrySetResult();
            await Task.Delay(Timeout.Infinite, ct);
            throw new UnreachableException();
        }));
        // Longer than the grace a call started at the deadline gets (StrategyWaiter.LastCallGrace): the limit itself cuts.
        var limit = TimeSpan.FromSeconds(2);

        var wait = client.AwaitTaskAsync(TaskId, Waits.Fast with { Timeout = limit, TimeProvider = clock });
        await calling.Task.WaitAsync(HangGuard);
        clock.Advance(limit - TimeSpan.FromTicks(1));
        var pendingJustBefore = !wait.IsCompleted;
        clock.Advance(TimeSpan.FromTicks(1));
        var error = Assert.ThrowsAsync<StrategyWaitTimeoutException>(() => wait.WaitAsync(HangGuard));

        Assert.Multiple(() =>
        {
            Assert.That(pendingJustBefore, Is.True, "a tick before the limit, the call is still awaited");
            Assert.That(error!.Attempts, Is.EqualTo(1));
            Assert.That(error.Timeout, Is.EqualTo(limit));
            Assert.That(error.Elapsed, Is.EqualTo(limit), "cut at the limit on the wait's own clock");
            Assert.That(error.LastCallAnswered, Is.False, "the call in flight was cut");
        });
    }

    [Test]
    public void The_last_delay_is_clamped_so_the_final_check_happens_at_the_deadline()
    {
        var clock = Stopwatch.StartNew();
        var calls = new System.Collections.Concurrent.ConcurrentQueue<TimeSpan>();
        var client = Client(new CallbackHandler((_, _) =>
        {
            calls.Enqueue(clock.Elapsed);
            return Task.FromResult(Json(Running));
        }));

        // Checks at about 0, 400 and 800 ms; the next delay (400 ms) would pass the 1 s deadline,
        // so it is cut short and one more check runs at the deadline instead of giving up at 800 ms.
        // Under load every delay stretches, never shrinks, so the last check can only come later.
        var options = new StrategyWaitOptions { MinimumDelay = TimeSpan.FromMilliseconds(400), MaximumDelay = TimeSpan.FromMilliseconds(400), Jitter = 0, Timeout = TimeSpan.FromSeconds(1) };
        var error = Assert.ThrowsAsync<StrategyWaitTimeoutException>(() => client.AwaitTaskAsync(TaskId, options));

        Assert.Multiple(() =>
        {
            Assert.That(calls.Last(), Is.GreaterThanOrEqualTo(TimeSpan.FromMilliseconds(950)), "the last status call is made at the deadline");
            Assert.That(error!.Attempts, Is.EqualTo(calls.Count));
            Assert.That(calls.Zip(calls.Skip(1), (a, b) => b - a).SkipLast(1), Has.All.GreaterThanOrEqualTo(TimeSpan.FromMilliseconds(350)), "only the last delay is shortened");
        });
    }

    [Test]
    public void A_dead_server_costs_the_failure_budget_once_not_retries_times_polls()
    {
        var attempts = 0;
        var refused = new CallbackHandler((_, _) =>
        {
            Interlocked.Increment(ref attempts);
            throw new HttpRequestException(HttpRequestError.ConnectionError, "Connection refused (strategy.test:443)");
        });
        var retries = new StrategyResilienceHandler(new StrategyRetryOptions { MaxRetries = 3, BaseDelay = TimeSpan.FromMilliseconds(1), MaxDelay = TimeSpan.FromMilliseconds(2) })
        {
            InnerHandler = refused,
        };
        var client = Client(retries);

        var error = Assert.ThrowsAsync<StrategyUnreachableException>(() => client.AwaitTaskAsync(TaskId, Waits.Fast with { MaxConsecutiveTransientFailures = 2 }));

        Assert.Multiple(() =>
        {
            Assert.That(attempts, Is.EqualTo(3), "two failures tolerated, the third ends the wait; retries spend the same budget");
            Assert.That(error!.Failures, Is.EqualTo(3));
            Assert.That(error.Server, Is.EqualTo("https://strategy.test"));
            Assert.That(error.InnerException, Is.InstanceOf<HttpRequestException>());
        });
    }

    [Test]
    public void A_dead_server_is_unreachable_without_the_retry_handler_too()
    {
        var attempts = 0;
        var client = Client(new CallbackHandler((_, _) =>
        {
            Interlocked.Increment(ref attempts);
            throw new HttpRequestException(HttpRequestError.ConnectionError, "Connection refused");
        }));

        Assert.ThrowsAsync<StrategyUnreachableException>(() => client.AwaitTaskAsync(TaskId, Waits.Fast with { MaxConsecutiveTransientFailures = 3 }));
        Assert.That(attempts, Is.EqualTo(4));
    }

    [Test]
    public void Invalid_wait_options_are_refused_before_any_request_is_sent()
    {
        var requests = 0;
        var dataModels = new DataModelsClient(new HttpClient(new CallbackHandler((_, _) =>
        {
            Interlocked.Increment(ref requests);
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.NoContent));
        })) { BaseAddress = new Uri(BaseUrl) }) { ProjectId = MockServer.ProjectId };
        var body = new PublishRequest { Tables = [new TableRefresh { Id = "0D1436DF3004418086D8BD3FD985EC4A", RefreshPolicy = RefreshPolicy.Replace }] };

        Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => dataModels.PublishAndWaitAsync(MockServer.DataModelId, body, Waits.Fast with { Timeout = TimeSpan.Zero }));
        Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => dataModels.PublishAndWaitAsync(MockServer.DataModelId, TableSelection.ByName(RefreshPolicy.Upsert, "ytd_day"), Waits.Fast with { Timeout = TimeSpan.Zero }));
        Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => dataModels.PublishAndWaitAsync(MockServer.DataModelId, RefreshPolicy.Replace, Waits.Fast with { Jitter = 2 }));
        Assert.That(requests, Is.Zero, "no instance was created, and no table listed");
    }

    [Test]
    public void Invalid_wait_options_are_refused_before_a_schema_reload_is_started()
    {
        var requests = 0;
        var client = Client(new CallbackHandler((_, _) =>
        {
            Interlocked.Increment(ref requests);
            return Task.FromResult(Json(Running));
        }));

        Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => client.ReloadSchemaAndWaitAsync(
            new SchemaReloadRequest { UpdateTypes = [SchemaUpdateType.TableKey] }, Waits.Fast with { Jitter = 2 }));
        Assert.That(requests, Is.Zero, "no reload was started");
    }

    private static SchemaClient Client(HttpMessageHandler handler) =>
        new(new HttpClient(handler) { BaseAddress = new Uri(BaseUrl) }) { ProjectId = MockServer.ProjectId };

    private static HttpResponseMessage Json(string json) =>
        new(HttpStatusCode.OK) { Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json") };

    private sealed class CallbackHandler(Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> send) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) => send(request, cancellationToken);
    }
}
