using Microsoft.Extensions.DependencyInjection;
using Strategy.Emulator;
using Strategy.Emulator.Faults;
using Strategy.Generated;
using Strategy.Generated.Http;

namespace Strategy.EndToEnd.Tests;

/// <summary>
/// Handlers of the user's own (StrategyClientOptions.AddHandler), on both ways to connect: a per-call
/// handler sees each call once however often it is retried, a per-retry handler every attempt with the token set.
/// </summary>
public sealed class UserHandlerTests : EmulatorTest
{
    private readonly List<string> _perCall = [];
    private readonly List<(string Path, bool HasToken, string? CallId)> _perRetry = [];

    // NUnit keeps one fixture instance for all its tests: each starts with nothing recorded.
    [SetUp]
    public void ForgetWhatWasRecorded()
    {
        _perCall.Clear();
        _perRetry.Clear();
    }

    private StrategyClientOptions Options() => WithHandlers(new StrategyClientOptions());

    private StrategyClientOptions WithHandlers(StrategyClientOptions options)
    {
        options.BaseUrl = Emulator.BaseUrl;
        options.ProjectId = Seeds.ProjectId;
        options.Username = "administrator";
        options.Password = string.Empty;
        options.Retry = Retry;
        return options.AddHandler(() => new Recorder(request =>
        {
            lock (_perCall)
            {
                _perCall.Add(request.RequestUri!.AbsolutePath);
            }

            request.Headers.Add("X-Call-Id", Guid.NewGuid().ToString("N"));
        }), StrategyHandlerPosition.PerCall)
        .AddHandler(() => new Recorder(request =>
        {
            lock (_perRetry)
            {
                _perRetry.Add((request.RequestUri!.AbsolutePath, request.Headers.Contains(StrategyHeaders.AuthToken), request.Headers.TryGetValues("X-Call-Id", out var id) ? id.Single() : null));
            }
        }), StrategyHandlerPosition.PerRetry);
    }

    [Test]
    public async Task On_a_connection_a_retried_call_is_one_call_and_two_attempts()
    {
        Emulator.Faults.Add(new FaultRule { PathContains = "/api/schedules", Status = 503, Count = 1 });
        await using (var connection = StrategyConnection.Create(Options()))
        {
            await connection.CreateClient<SchedulesClient>().ListSchedulesAsync();
        }

        AssertOneCallTwoAttempts();
    }

    [Test]
    public async Task With_dependency_injection_a_retried_call_is_one_call_and_two_attempts()
    {
        Emulator.Faults.Add(new FaultRule { PathContains = "/api/schedules", Status = 503, Count = 1 });
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddStrategyClient(o => WithHandlers(o));
        await using (var provider = services.BuildServiceProvider())
        {
            await provider.GetRequiredService<ISchedulesClient>().ListSchedulesAsync();
        }

        AssertOneCallTwoAttempts();
    }

    [Test]
    public void A_factory_that_makes_no_handler_is_an_error_that_says_so()
    {
        var options = Options().AddHandler(() => null!, StrategyHandlerPosition.PerRetry);

        var error = Assert.Throws<InvalidOperationException>(() => StrategyConnection.Create(options));

        Assert.That(error!.Message, Does.Contain("PerRetry").And.Contain("AddHandler"));
    }

    private void AssertOneCallTwoAttempts()
    {
        var schedules = _perRetry.Where(a => a.Path.EndsWith("/api/schedules", StringComparison.Ordinal)).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(_perCall.Where(p => p.EndsWith("/api/schedules", StringComparison.Ordinal)), Has.Exactly(1).Items, "one call, seen once");
            Assert.That(_perCall, Has.None.EndsWith("/api/auth/login"), "the login is the session's, inside the per-call position");
            Assert.That(schedules, Has.Count.EqualTo(2), "the 503 and the retry");
            Assert.That(schedules.Select(a => a.HasToken), Is.All.True, "attempts carry the token");
            Assert.That(schedules.Select(a => a.CallId).Distinct().Count(), Is.EqualTo(1), "both attempts carry what the per-call handler set");
            Assert.That(_perRetry.Where(a => a.Path.EndsWith("/api/auth/login", StringComparison.Ordinal)), Has.Exactly(1).Items, "the login is an attempt too");
        });
    }

    private sealed class Recorder(Action<HttpRequestMessage> record) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            record(request);
            return base.SendAsync(request, cancellationToken);
        }
    }
}
