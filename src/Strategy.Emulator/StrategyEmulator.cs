using System.Net;
using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Strategy.Emulator.Api;
using Strategy.Emulator.Faults;
using Strategy.Emulator.State;
using Strategy.Emulator.Validation;

namespace Strategy.Emulator;

/// <summary>
/// A local Strategy server on 127.0.0.1 that behaves like the real one for every operation in
/// the spec. Start one per test (<see cref="StartAsync"/>); a fresh start is a fresh server.
/// </summary>
public sealed class StrategyEmulator : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly EmulatorState _state;

    private StrategyEmulator(WebApplication app, EmulatorState state, FaultInjector faults, Uri baseUrl)
    {
        _app = app;
        _state = state;
        Faults = faults;
        BaseUrl = baseUrl;
    }

    /// <summary>The address to point a client at, ending with a slash (and the path base, if any).</summary>
    public Uri BaseUrl { get; }

    /// <summary>Faults to inject into the next requests.</summary>
    public FaultInjector Faults { get; }

    /// <summary>Data model instances not yet deleted: a workflow that cleans up leaves none.</summary>
    public int OpenInstanceCount => _state.InstanceCount;

    /// <summary>Every session token and cookie handed out so far, for tests that check none leaks into logs or errors.</summary>
    public IReadOnlyList<string> IssuedSecrets => _state.IssuedSecrets;

    /// <summary>Stored subscriptions.</summary>
    public int SubscriptionCount => _state.SubscriptionCount;

    /// <summary>Requests refused because they carried a live token without the session cookie (a client that drops cookies).</summary>
    public int RequestsWithoutCookie => _state.RequestsWithoutCookie;

    /// <summary>Stores a subscription as another client left it on the server, in any shape a server keeps.</summary>
    /// <param name="json">The subscription as the server would answer it; an id is added when it has none.</param>
    /// <returns>The stored subscription's id.</returns>
    public string SeedSubscription(string json) => _state.SeedSubscription(json).Id;

    /// <summary>Live sessions.</summary>
    public int SessionCount => _state.SessionCount;

    /// <summary>Expires every session now, as an idle timeout would.</summary>
    /// <returns>How many sessions were expired.</returns>
    public int ExpireSessions() => _state.ExpireAllSessions();

    /// <summary>Expires every data model instance now, as an idle timeout would (a publish in progress then sees 404 ERR004).</summary>
    /// <returns>How many instances were expired.</returns>
    public int ExpireInstances() => _state.ExpireAllInstances();

    /// <summary>Makes the next schema reload task fail.</summary>
    public void FailNextTask() => _state.FailNextTask();

    /// <summary>Makes the next publish end with a table in error (also a publish a subscription run does).</summary>
    public void FailNextPublish() => _state.FailNextPublish();

    /// <summary>Makes the next subscription run (a send, or one an event starts) end in state fail, with an error on its content and recipient.</summary>
    public void FailNextSubscriptionRun() => _state.EndNextRunWith(Generated.SubscriptionRunState.Fail);

    /// <summary>Makes the next subscription run end in state skip (it had nothing to do).</summary>
    public void SkipNextSubscriptionRun() => _state.EndNextRunWith(Generated.SubscriptionRunState.Skip);

    /// <summary>How many requests of <paramref name="method"/> to a path containing <paramref name="pathContains"/> the emulator has received (<c>GET</c>, <c>monitors/jobs</c>).</summary>
    /// <param name="method">The HTTP method.</param>
    /// <param name="pathContains">Part of the path (after the path base).</param>
    /// <returns>The count.</returns>
    public int RequestCount(string method, string pathContains) => _state.Requests.Count(method, pathContains);

    /// <summary>Fails the next Intelligent Cube publish with <paramref name="message"/>: the job ends in error, the cube is left Dirty and its cache keeps the message.</summary>
    /// <param name="message">The server's message.</param>
    public void FailNextCubePublish(string message = "Intelligent Cube publication failed: the warehouse table is not available.") => _state.Cubes.FailNextPublish(message);

    /// <summary>Makes the next cube publish job leave the monitor as soon as it ends.</summary>
    public void VanishNextJob() => _state.Cubes.VanishNextJob();

    /// <summary>Takes a cluster node down (its caches answer 503) or brings it back up.</summary>
    /// <param name="node">One of <see cref="Seeds.Nodes"/>.</param>
    /// <param name="down">Down, or up again.</param>
    public void SetNodeDown(string node, bool down = true) => _state.Cubes.SetNodeDown(node, down);

    /// <summary>Makes the next change of the project's status on <paramref name="node"/> stay pending for good (a project that never settles).</summary>
    /// <param name="node">One of <see cref="Seeds.Nodes"/>.</param>
    public void HoldNextProjectStatusChange(string node) => _state.Housekeeping.HoldNextProjectChange(node);

    /// <summary>Makes the content caches the next list answers expire right after it, as caches do between two pages.</summary>
    public void ExpireContentCachesAfterNextList() => _state.Housekeeping.ExpireAfterNextList();

    /// <summary>The project's content caches on <paramref name="node"/> now, by combined id.</summary>
    /// <param name="node">One of <see cref="Seeds.Nodes"/>.</param>
    /// <returns>Each cache with its combined id.</returns>
    public IReadOnlyList<(string CombinedId, Generated.ContentCache Cache)> ContentCachesOn(string node) => _state.Housekeeping.ContentCachesOn(node);

    /// <summary>The project's status on <paramref name="node"/> as the monitor shows it now.</summary>
    /// <param name="node">One of <see cref="Seeds.Nodes"/>.</param>
    /// <returns>Such as <c>loaded</c> or <c>unloaded_pending</c>.</returns>
    public string ProjectStatusOn(string node) => _state.Housekeeping.ProjectStatusOn(node, _state.Now);

    /// <summary>How many report instances are open (they close with their session).</summary>
    public int ReportInstanceCount => _state.Reports.ReportInstanceCount;

    /// <summary>How many dashboard or document instances are open.</summary>
    public int DashboardInstanceCount => _state.Reports.DashboardInstanceCount;

    /// <summary>How many dashboard exports were answered with a file.</summary>
    public int ExportCount => _state.Reports.ExportCount;

    /// <summary>Fails the next dashboard export, or the next report page past the first, with a 500 and <paramref name="message"/>.</summary>
    /// <param name="message">The server's message.</param>
    public void FailNextExport(string message = "The export failed: the document could not be rendered.") => _state.Reports.FailNextExport(message);

    /// <summary>Makes the next dashboard export, or the next report page past the first, never answer (until the client gives up).</summary>
    public void HangNextExport() => _state.Reports.HangNextExport();

    /// <summary>How many cube publishes were started (each is one job).</summary>
    public int CubePublishCount => _state.Cubes.PublishCount;

    /// <summary>How many times the project's caches of <paramref name="cacheType"/> (object or element) were purged.</summary>
    /// <param name="cacheType">object or element.</param>
    public int PurgeCount(string cacheType) => _state.Housekeeping.PurgeCount(cacheType);

    /// <summary>How many cube publish jobs are running now.</summary>
    public int RunningJobCount => _state.Cubes.RunningJobCount;

    /// <summary>How many jobs were cancelled.</summary>
    public int CancelledJobCount => _state.Cubes.CancelledJobCount;

    /// <summary>An Intelligent Cube's status flags now.</summary>
    /// <param name="cubeId">One of <see cref="Seeds.Cubes"/>.</param>
    /// <returns>The flags, as X-MSTR-CubeStatus answers them.</returns>
    public int CubeFlags(string cubeId) => _state.Cubes.Find(cubeId) is { } cube ? _state.Cubes.FlagsOf(cube) : throw new ArgumentException($"No cube {cubeId}.", nameof(cubeId));

    /// <summary>Subscription runs still executing on the server.</summary>
    public int RunningSubscriptionRunCount => _state.RunningRunCount;

    /// <summary>How many changing calls (create, change, delete, grant, ACL) the people endpoints received, refused ones too.</summary>
    public int PeopleChangingCalls => _state.People.ChangingCalls;

    /// <summary>How many users there are.</summary>
    public int UserCount => _state.People.UserCount;

    /// <summary>A user as the server holds it (with its memberships), by username; <see langword="null"/> when there is none.</summary>
    /// <param name="username">The username (without case).</param>
    /// <returns>The user.</returns>
    public Generated.User? FindUserByName(string username) => _state.People.FindUsers(null, null, []).FirstOrDefault(u => string.Equals(u.Username, username, StringComparison.OrdinalIgnoreCase));

    /// <summary>Starts an emulator on 127.0.0.1 (a free port unless <see cref="StrategyEmulatorOptions.Port"/> says otherwise).</summary>
    /// <param name="options">How it behaves; defaults when <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>The running emulator; dispose it to stop it.</returns>
    public static async Task<StrategyEmulator> StartAsync(StrategyEmulatorOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new StrategyEmulatorOptions();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        if (options.Certificate is { } certificate)
        {
            builder.WebHost.UseKestrelHttpsConfiguration();
            builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, options.Port, listen => listen.UseHttps(certificate)));
        }
        else
        {
            builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, options.Port));
        }

        return await StartCoreAsync(builder, options, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The settings the program takes (<c>--name value</c> or <c>--name=value</c>); anything else is a usage error.</summary>
    private static readonly string[] ProgramSettings =
    [
        "urls", "path-base", "username", "password", "api-token", "server-version", "session-idle-timeout",
        "task-duration", "publish-duration", "project-status-duration", "instance-idle-timeout", "job-linger", "job-limit", "certificate", "certificate-key", "log-level",
        "subscription-status",
    ];

    /// <summary>What is wrong with <c>--log-level</c>, if anything; the level it names (Information by default).</summary>
    private static string? LogLevelProblem(string[] args, out LogLevel level)
    {
        level = LogLevel.Information;
        for (var i = 0; i < args.Length; i++)
        {
            var given = args[i].StartsWith("--log-level=", StringComparison.OrdinalIgnoreCase) ? args[i]["--log-level=".Length..]
                : string.Equals(args[i], "--log-level", StringComparison.OrdinalIgnoreCase) && i + 1 < args.Length ? args[i + 1]
                : null;
            if (given is not null && !Enum.TryParse(given, ignoreCase: true, out level))
            {
                return $"--log-level takes trace, debug, information, warning, error, critical or none, not '{given}'";
            }
        }

        return null;
    }

    /// <summary>What is wrong with the arguments, in the user's terms; <see langword="null"/> when they are all settings the program takes.</summary>
    private static string? ArgumentProblem(string[] args)
    {
        for (var i = 0; i < args.Length; i++)
        {
            var arg = args[i];
            if (!arg.StartsWith("--", StringComparison.Ordinal))
            {
                return $"unexpected argument '{arg}'";
            }

            var name = arg[2..].Split('=', 2)[0];
            if (!ProgramSettings.Contains(name, StringComparer.OrdinalIgnoreCase))
            {
                return $"unknown option '--{name}'";
            }

            if (!arg.Contains('=', StringComparison.Ordinal) && ++i >= args.Length)
            {
                return $"--{name} needs a value";
            }
        }

        return null;
    }

    /// <summary>The program's version and the spec's, for <c>--version</c>.</summary>
    internal static string Version =>
        $"strategy-emulator {typeof(StrategyEmulator).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]} (spec {Generated.StrategySpec.Version})";

    /// <summary>Runs the emulator as a program until it is stopped (Ctrl+C).</summary>
    /// <param name="args">
    /// Command-line arguments: ASP.NET Core's (<c>--urls</c>), <c>--path-base /Name</c>, and the
    /// settings of <see cref="StrategyEmulatorOptions"/> (see <see cref="StrategyEmulatorOptions.FromConfiguration"/>).
    /// </param>
    /// <returns>The exit code: 0 when it stopped normally (or printed help), 2 for a bad setting.</returns>
    public static async Task<int> RunAsync(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (args.Any(a => a is "--help" or "-h" or "-?"))
        {
            Console.WriteLine(Help);
            return 0;
        }

        if (args.Any(a => a is "--version"))
        {
            Console.WriteLine(Version);
            return 0;
        }

        // --quiet takes no value; the other settings do.
        var quiet = args.Contains("--quiet");
        args = [.. args.Where(a => a != "--quiet")];

        // Checked before anything starts: a mistyped option must not start a server with the defaults.
        var levelProblem = LogLevelProblem(args, out var logLevel);
        var problem = ArgumentProblem(args) ?? levelProblem;
        if (problem is not null)
        {
            await Console.Error.WriteLineAsync($"error: {problem}.{Environment.NewLine}Usage: strategy-emulator [--urls http://127.0.0.1:5080] [settings]; --help lists them.").ConfigureAwait(false);
            return 2;
        }

        var builder = WebApplication.CreateSlimBuilder(args);

        // One line per request, from the emulator itself (RequestLog); the framework's own four per request, and
        // what the host would log as stack traces (a busy port) or repeat (where it listens), are left out.
        builder.Logging.AddSimpleConsole(console =>
        {
            console.SingleLine = true;
            console.TimestampFormat = "HH:mm:ss ";
        });
        builder.Logging.AddFilter("Microsoft", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.Extensions.Hosting", LogLevel.None);
        builder.Logging.AddFilter(RequestLog.Category, quiet ? LogLevel.None : logLevel);
        StrategyEmulatorOptions options;
        try
        {
            options = StrategyEmulatorOptions.FromConfiguration(builder.Configuration);
        }
        catch (ArgumentException ex)
        {
            await Console.Error.WriteLineAsync($"error: {ex.Message} (see --help)").ConfigureAwait(false);
            return 2;
        }

        var urls = builder.Configuration["urls"] is { Length: > 0 } given ? given : options.Certificate is null ? "http://127.0.0.1:5080" : "https://127.0.0.1:5443";
        builder.WebHost.UseUrls(urls);
        if (options.Certificate is { } certificate)
        {
            builder.WebHost.UseKestrelHttpsConfiguration();
            builder.WebHost.ConfigureKestrel(kestrel => kestrel.ConfigureHttpsDefaults(https => https.ServerCertificate = certificate));
        }

        StrategyEmulator emulator;
        try
        {
            emulator = await StartCoreAsync(builder, options, CancellationToken.None).ConfigureAwait(false);
        }
        catch (IOException ex) when (ex.InnerException is System.Net.Sockets.SocketException { SocketErrorCode: System.Net.Sockets.SocketError.AddressAlreadyInUse } || ex.Message.Contains("address already in use", StringComparison.OrdinalIgnoreCase))
        {
            await Console.Error.WriteLineAsync($"error: cannot listen on {urls}: the address is already in use (another program holds the port; --urls http://127.0.0.1:0 picks a free one).").ConfigureAwait(false);
            return 1;
        }
        catch (InvalidOperationException ex) when (ex.Message.Contains("certificate", StringComparison.OrdinalIgnoreCase) || ex.Message.Contains("https", StringComparison.OrdinalIgnoreCase))
        {
            await Console.Error.WriteLineAsync($"error: cannot serve {urls}: {ex.Message}").ConfigureAwait(false);
            return 1;
        }

        await using var running = emulator;
        Console.WriteLine($"Strategy emulator listening on {running.BaseUrl} (log in as {options.Username}). Control endpoints under {running.BaseUrl}__emulator/. Ctrl+C stops it.");
        await running._app.WaitForShutdownAsync().ConfigureAwait(false);
        return 0;
    }

    /// <summary>What <c>--help</c> prints: the settings and the control endpoints.</summary>
    internal const string Help = """
        strategy-emulator: a local Strategy Library server on 127.0.0.1 (every operation of the Strategy.Generated spec).

        Usage: strategy-emulator [--urls http://127.0.0.1:5080] [settings]
               strategy-emulator --help | --version

        Settings (durations in seconds):
          --urls URL                     where to listen; http://127.0.0.1:0 picks a free port (printed at start)
          --path-base /NAME              a path in front of /api, such as /MicroStrategyLibrary
          --username NAME                the user that may log in (default administrator)
          --password TEXT                that user's password (default empty)
          --api-token TEXT               the token API-token login accepts, as username (default emulator-api-token)
          --server-version VERSION       what GET /api/status answers (default 11.5.0800.0123); an operation the
                                         spec says arrived later (x-strategy-since) answers 404 ERR004, as an
                                         older server does
          --subscription-status on|disabled  disabled: the subscription status call answers 500 ERR002
                                         "This endpoint is disabled", as where it is switched off (default on)
          --session-idle-timeout S       idle time before a session answers 401 ERR009 (default 600)
          --task-duration S              how long a schema reload task runs (default 2)
          --publish-duration S           how long a publish runs: a data model's (also a subscription's refresh), a cube's (default 3)
          --project-status-duration S    how long a project's change stays pending on a node (default 1)
          --instance-idle-timeout S      idle time before a data model instance expires (default 120)
          --job-linger S                 how long a finished job stays on the monitor before it answers 404 (default 10)
          --job-limit N                  jobs a project runs at once; past it a cube publish is rejected, 500 ERR001 (default 10)
          --certificate FILE             serve HTTPS with this PEM certificate (default URL then https://127.0.0.1:5443)
          --certificate-key FILE         the certificate's PEM private key (when not in the certificate file)
          --log-level LEVEL              trace, debug, information (default: one line per request), warning, error or none
          --quiet                        no line per request (the line saying where it listens stays)

        Control endpoints (under the path base):
          POST   /__emulator/faults             add a fault: {"count":2,"pathContains":"/publishStatus","status":503,
                                                "retryAfterSeconds":1}; also "method", "delay" (seconds), "delayAnswer" (seconds,
                                                after handling), "dropConnection", "afterHandling"
          DELETE /__emulator/faults             remove every fault
          POST   /__emulator/sessions/expire    expire every session now
          POST   /__emulator/instances/expire   expire every data model instance now
          POST   /__emulator/fail-next/task     make the next schema reload task fail
          POST   /__emulator/fail-next/publish  make the next publish fail (also a subscription run's)
          POST   /__emulator/fail-next/subscription  make the next subscription run end in state fail
          POST   /__emulator/skip-next/subscription  make the next subscription run end in state skip
          POST   /__emulator/subscriptions      store a subscription as another client left it (any shape)
          POST   /__emulator/fail-next/cube-publish  make the next cube publish fail; the body is the server's message
          POST   /__emulator/vanish-next/job    make the next cube publish job leave the monitor as soon as it ends
          POST   /__emulator/hold-next/job      make the next cube publish job run until it is cancelled
          POST   /__emulator/nodes/NODE/down    take a cluster node down (503 on its caches)
          POST   /__emulator/nodes/NODE/up      bring it back
          POST   /__emulator/nodes/NODE/hold-next/project-status  make the project's next status change on NODE stay pending
          POST   /__emulator/expire-next/content-caches  make the content caches the next list answers expire right after it
          POST   /__emulator/fail-next/export   make the next export fail (a report page or a dashboard file); the body is
                                                the server's message
          POST   /__emulator/hang-next/export   make the next export call never answer (until the client gives up)
          GET    /__emulator/state              open sessions and instances, subscriptions, running subscription runs,
                                                requests without the cookie, cube publishes, running and cancelled jobs,
                                                faults fired and faults that never fired

        Ctrl+C or SIGTERM stops it.
        """;

    /// <summary>The control endpoints it serves, as <c>POST /__emulator/faults</c> (route values as <c>{node}</c>): what <c>--help</c> lists.</summary>
    public IReadOnlyList<string> ControlEndpoints =>
        [.. _app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith(EmulatorApi.ControlPrefix, StringComparison.Ordinal) == true)
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["ANY"]).Select(method => method + " " + e.RoutePattern.RawText))
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)];

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    private static async Task<StrategyEmulator> StartCoreAsync(WebApplicationBuilder builder, StrategyEmulatorOptions options, CancellationToken cancellationToken)
    {
        var app = builder.Build();
        var state = new EmulatorState(options);
        var faults = new FaultInjector();
        var validator = await SpecValidator.LoadAsync(options.Spec).ConfigureAwait(false);
        if (!string.IsNullOrEmpty(options.PathBase))
        {
            app.UsePathBase(options.PathBase);

            // Outside the application's path a server has nothing to answer: its container's bare 404 page.
            app.Use(async (context, next) =>
            {
                if (!context.Request.PathBase.HasValue)
                {
                    context.Response.StatusCode = StatusCodes.Status404NotFound;
                    context.Response.ContentType = "text/html";
                    await context.Response.WriteAsync("<!doctype html><html><head><title>HTTP Status 404 – Not Found</title></head><body><h1>HTTP Status 404 – Not Found</h1></body></html>").ConfigureAwait(false);
                    return;
                }

                await next(context).ConfigureAwait(false);
            });
        }

        app.Use(RequestLog.Middleware(app.Services.GetRequiredService<ILoggerFactory>()));
        app.Use((context, next) =>
        {
            state.Requests.Record(context.Request.Method, context.Request.Path.Value ?? string.Empty);
            return next(context);
        });
        app.UseRouting();
        EmulatorApi.Map(app, state, validator, faults);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var baseUrl = new Uri(address.TrimEnd('/') + options.PathBase.TrimEnd('/') + "/");
        return new StrategyEmulator(app, state, faults, baseUrl);
    }
}
