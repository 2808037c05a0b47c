using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Strategy.Emulator;
using Strategy.Generated;
using Strategy.Tests.Shared;

namespace Strategy.EndToEnd.Tests;

/// <summary>
/// The library against servers that misbehave as real networks, proxies and sign-on gateways do,
/// each a small server on a real loopback socket (<see cref="HostileServer"/>): every call ends
/// within its limit, with the typed exception the shared table states, a message in the user's
/// terms (no control characters, under 2 KB), and memory that does not grow with what the server sends.
/// </summary>
[NonParallelizable]
public sealed class HostileServerTests
{
    private static readonly TimeSpan CallLimit = TimeSpan.FromSeconds(2);

    // Far above what a cut at the limit takes; a call with no bound would not end at all.
    private static readonly TimeSpan Margin = TimeSpan.FromSeconds(3);

    private static IEnumerable<HostileOutcome> Outcomes => HostileOutcome.All;

    private const string Password = "secret-password";

    private static StrategyConnection Connect(Uri baseUrl, TimeSpan? callLimit = null, CapturingLogger? logger = null) => StrategyConnection.Create(
        new StrategyClientOptions
        {
            BaseUrl = baseUrl,
            ProjectId = Seeds.ProjectId,
            Username = "administrator",
            Password = Password,
            Timeout = callLimit ?? CallLimit,
        },
        logger);

    [TestCaseSource(nameof(Outcomes))]
    public async Task A_call_ends_in_time_with_the_typed_failure_and_a_clean_message(HostileOutcome expected)
    {
        await using var server = HostileServer.Start(expected.Behaviour);
        var logger = new CapturingLogger();
        var connection = Connect(server.BaseUrl, logger: logger);
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var clock = Stopwatch.StartNew();

        var error = await Strategy.EndToEnd.Tests.Outcomes.CatchAsync(() => connection.CreateClient<SchedulesClient>().ListSchedulesAsync());
        var took = clock.Elapsed;
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        await connection.DisposeAsync();

        var row = new FaultMatrixRow(
            HostileServer.Describe(expected.Behaviour) + " (library)",
            Runs: 1,
            Completed: error is null ? 1 : 0,
            TypedFailures: error is not null && FaultMatrixReport.IsTyped(error) ? 1 : 0,
            UntypedFailures: error is not null && !FaultMatrixReport.IsTyped(error) ? 1 : 0,
            LeakedInstances: null,
            LeakedSessions: server.OpenSessions,
            DuplicatedSubscriptions: null,
            SecretsInLogs: FaultMatrixReport.SecretsIn(string.Join("\n", logger.Lines) + error, HostileServer.IssuedSecrets.Append(Password)),
            FormattableString.Invariant($"ended after {took.TotalSeconds:0.0} s (limit {CallLimit.TotalSeconds:0} s per call), {allocated / (1024.0 * 1024):0.0} MB allocated"));
        FaultMatrixReport.WriteAfter(row, typeof(HostileServerTests).Assembly, () =>
        {
            Assert.That(error?.GetType().Name, Is.EqualTo(expected.Exception), () => error?.ToString() ?? "no failure");
            Assert.That(row.UntypedFailures, Is.Zero, () => error?.ToString() ?? "no failure");
            Assert.That(row.SecretsInLogs, Is.Zero, "no password, token or cookie in a log line or the exception with its stack");
            Assert.That(row.LeakedSessions, Is.Zero, "every session the server handed out was logged out");
            Assert.That(logger.Lines, Is.Not.Empty, "the calls were logged: the search had something to search");
            Assert.That((error as StrategyApiException)?.Kind.ToString(), Is.EqualTo(expected.Kind));
            Assert.That(error?.Message, Does.Contain(expected.MessagePart));
            Assert.That(error!.Message.Length, Is.LessThan(2048), "a message stays short");
            Assert.That(ServerText.IsClean(error.Message), Is.True, () => "no control characters: " + error.Message);
            Assert.That(took, Is.LessThan(CallLimit + Margin), "bounded by the call's limit");
            Assert.That(allocated, Is.LessThan(16L * 1024 * 1024), "memory does not grow with what the server sends");
        });
    }

    [TestCase(HostileBehaviour.Silent)]
    [TestCase(HostileBehaviour.DrippingHeaders)]
    public async Task A_server_that_does_not_answer_names_itself_the_limit_and_the_call_still_awaited(HostileBehaviour behaviour)
    {
        await using var server = HostileServer.Start(behaviour);
        await using var connection = Connect(server.BaseUrl);

        var error = Assert.ThrowsAsync<StrategyUnreachableException>(() => connection.CreateClient<SchedulesClient>().ListSchedulesAsync());

        Assert.Multiple(() =>
        {
            Assert.That(error!.Server, Is.EqualTo(server.Root.GetLeftPart(UriPartial.Authority)));
            Assert.That(error.TimeLimit, Is.EqualTo(CallLimit), "the limit given is the limit reported");
            Assert.That(error.Operation, Does.StartWith("ListSchedules (GET MicroStrategyLibrary/api/schedules"));
            Assert.That(error.WaitingFor, Is.EqualTo("Login (POST MicroStrategyLibrary/api/auth/login) got no answer"), "the login the call needed is what hung");
            Assert.That(error.Message, Does.StartWith($"The server at {error.Server} did not answer ListSchedules (GET MicroStrategyLibrary/api/schedules"));
        });
    }

    [Test]
    public async Task A_body_that_trickles_in_is_cut_at_the_limit_naming_how_much_had_come()
    {
        await using var server = HostileServer.Start(HostileBehaviour.TricklingBody);
        await using var connection = Connect(server.BaseUrl);
        var clock = Stopwatch.StartNew();

        var error = Assert.ThrowsAsync<StrategyUnreachableException>(() => connection.CreateClient<SchedulesClient>().ListSchedulesAsync());

        Assert.Multiple(() =>
        {
            Assert.That(error!.TimeLimit, Is.EqualTo(CallLimit));
            Assert.That(error.WaitingFor, Does.StartWith("its answer was still arriving (").And.Contain(" bytes of its body read)"));
            Assert.That(clock.Elapsed, Is.LessThan(CallLimit + Margin), "every read was answered, the whole was still bounded");
        });
    }

    [Test]
    public async Task Clients_from_dependency_injection_are_bounded_the_same_way()
    {
        await using var server = HostileServer.Start(HostileBehaviour.Silent);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Strategy:BaseUrl"] = server.BaseUrl.ToString(),
            ["Strategy:ProjectId"] = Seeds.ProjectId,
            ["Strategy:Username"] = "administrator",
            ["Strategy:Timeout"] = "00:00:02",
        }).Build();
        var services = new ServiceCollection().AddLogging();
        services.AddStrategyClient(configuration.GetSection("Strategy"));
        await using var provider = services.BuildServiceProvider();
        var schedules = provider.GetRequiredService<ISchedulesClient>();

        var error = Assert.ThrowsAsync<StrategyUnreachableException>(() => schedules.ListSchedulesAsync());

        Assert.That(error!.TimeLimit, Is.EqualTo(TimeSpan.FromSeconds(2)), "Strategy:Timeout bounds the call, not HttpClient's 100 s");
    }

    [Test]
    public async Task The_login_alone_is_bounded_too()
    {
        await using var server = HostileServer.Start(HostileBehaviour.Silent);
        await using var connection = Connect(server.BaseUrl);

        var error = Assert.ThrowsAsync<StrategyUnreachableException>(() => connection.LoginAsync());

        Assert.That(error!.Message, Does.Contain("did not answer the login within 2 s: Login (POST MicroStrategyLibrary/api/auth/login) got no answer."));
    }

    [Test]
    public async Task Workflows_against_a_silent_server_end_at_their_limit_as_unreachable_and_leave_nothing_open()
    {
        await using var server = HostileServer.Start(HostileBehaviour.Silent);

        // The library's per-call default (100 s) stays: the workflow's own limit bounds its calls.
        await using var connection = Connect(server.BaseUrl, TimeSpan.FromSeconds(100));
        var waits = StrategyWaitOptions.Default with { Timeout = CallLimit };
        var scopeEvents = new List<StrategyScopeEvent>();
        var clock = Stopwatch.StartNew();

        var reload = Assert.ThrowsAsync<StrategyUnreachableException>(() =>
            connection.CreateClient<SchemaClient>().ReloadSchemaAndWaitAsync(new SchemaReloadRequest { UpdateTypes = [] }, waits));
        var reloadTook = clock.Elapsed;
        clock.Restart();
        var publish = Assert.ThrowsAsync<StrategyUnreachableException>(() =>
            connection.CreateClient<DataModelsClient>().PublishAndWaitAsync(Seeds.DataModelId, TableSelection.ById(RefreshPolicy.Upsert, Seeds.SampleTableId), waits with { ScopeChanged = scopeEvents.Add }));
        var publishTook = clock.Elapsed;

        Assert.Multiple(() =>
        {
            Assert.That(reload!.Message, Does.Contain("did not answer ReloadSchemaAndWait within 2 s: Login (POST MicroStrategyLibrary/api/auth/login) got no answer."));
            Assert.That(reload.TimeLimit, Is.EqualTo(CallLimit));
            Assert.That(reloadTook, Is.LessThan(CallLimit + Margin));
            Assert.That(publish!.Message, Does.Contain($"did not answer PublishAndWait for data model {Seeds.DataModelId} within 2 s"));
            Assert.That(publishTook, Is.LessThan(CallLimit + Margin));
            Assert.That(scopeEvents, Is.Empty, "no instance was ever opened, so nothing is left to delete");
        });
    }

    [Test]
    public async Task A_server_that_does_not_accept_in_time_is_unreachable_after_the_connect_timeout()
    {
        if (LibraryAsset.IsNetStandard)
        {
            Assert.Ignore("The .NET Framework's handler has no connect timeout of its own: the system's applies.");
        }

        using var backlog = new FullBacklogListener();
        await using var connection = StrategyConnection.Create(new StrategyClientOptions
        {
            BaseUrl = backlog.BaseUrl,
            ProjectId = Seeds.ProjectId,
            Username = "administrator",
            ConnectTimeout = TimeSpan.FromMilliseconds(300),
            Retry = StrategyRetryOptions.Disabled,
        });

        var error = Assert.ThrowsAsync<StrategyUnreachableException>(() => connection.LoginAsync());

        Assert.Multiple(() =>
        {
            Assert.That(error!.TimeLimit, Is.Null, "a failed connection, not a call that ran out of time");
            Assert.That(error.Message, Does.Contain($"could not be reached during the login").And.Contain("Connection timed out"));
            Assert.That(error.InnerException, Is.InstanceOf<HttpRequestException>(), "the transport's failure is kept");
        });
    }

    [Test]
    public async Task A_redirect_is_not_followed_so_the_session_token_never_reaches_the_sign_in_page()
    {
        await using var server = HostileServer.Start(HostileBehaviour.RedirectToSignIn);
        await using var connection = Connect(server.BaseUrl);

        var error = Assert.ThrowsAsync<StrategyApiException>(() => connection.LoginAsync());

        Assert.Multiple(() =>
        {
            Assert.That(error!.Message, Does.Contain($"the server redirected it to {server.SignInPage.GetLeftPart(UriPartial.Path)}, a sign-in page"));
            Assert.That(error.StatusCode, Is.EqualTo(302));
            Assert.That(server.Requests, Has.None.Contains("/sso/"), "the sign-in page was not requested");
        });
    }

    [Test]
    public async Task A_session_refused_after_its_renewal_logs_in_twice_in_all_and_is_an_authentication_failure()
    {
        await using var server = HostileServer.Start(HostileBehaviour.RefusedSession);
        await using var connection = Connect(server.BaseUrl);
        var schedules = connection.CreateClient<SchedulesClient>();

        var first = Assert.ThrowsAsync<StrategyApiException>(() => schedules.ListSchedulesAsync());

        Assert.Multiple(() =>
        {
            Assert.That(first!.Kind, Is.EqualTo(StrategyErrorKind.Authentication));
            Assert.That(first.ErrorCode, Is.EqualTo("ERR009"));
            Assert.That(server.LoginCount, Is.EqualTo(2), "the first login and one renewal");
        });
    }

    [Test]
    public async Task Junk_with_escapes_is_cleaned_in_the_message_and_kept_raw_for_code_that_wants_it()
    {
        await using var server = HostileServer.Start(HostileBehaviour.JunkWithEscapes);
        await using var connection = Connect(server.BaseUrl);

        var error = Assert.ThrowsAsync<StrategyApiException>(() => connection.LoginAsync());

        Assert.Multiple(() =>
        {
            Assert.That(error!.Message, Does.StartWith("Login (POST MicroStrategyLibrary/api/auth/login): it answered HTTP 200, where it answers 204: the answer was malformed JSON: "));
            Assert.That(ServerText.IsClean(error.Message), Is.True, "the escapes are gone (an ordinal test: a culture's comparison ignores control characters)");
            Assert.That(error.GetResponseBytes(), Has.Length.EqualTo(64 * 1024), "the start of the body, as sent");
            Assert.That(error.GetResponseBytes(), Does.Contain((byte)0x1b), "the raw bytes are the server's");
        });
    }

    [Test]
    public async Task A_success_body_over_the_size_limit_is_an_invalid_response_naming_the_limit()
    {
        await using var server = HostileServer.Start(HostileBehaviour.HugeSuccess);
        await using var connection = StrategyConnection.Create(new StrategyClientOptions
        {
            BaseUrl = server.BaseUrl,
            ProjectId = Seeds.ProjectId,
            Username = "administrator",
            MaxResponseSize = 1024 * 1024,
        });
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);

        var error = Assert.ThrowsAsync<StrategyApiException>(() => connection.CreateClient<SchedulesClient>().ListSchedulesAsync());
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;

        Assert.Multiple(() =>
        {
            Assert.That(error!.Kind, Is.EqualTo(StrategyErrorKind.InvalidResponse));
            Assert.That(error.Message, Does.Contain("the answer's body is larger than the limit of 1 MB (StrategyClientOptions.MaxResponseSize): the server announced 200 MB"));
            Assert.That(allocated, Is.LessThan(8L * 1024 * 1024), "nothing past the announcement was read");
        });
    }
}
