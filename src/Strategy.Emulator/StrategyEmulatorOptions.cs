using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace Strategy.Emulator;

/// <summary>How the emulator behaves. Every duration is configurable so tests run fast and the demo looks real.</summary>
public sealed record StrategyEmulatorOptions
{
    /// <summary>A path base in front of <c>/api</c>, such as <c>/MicroStrategyLibrary</c>; empty for none.</summary>
    public string PathBase { get; init; } = string.Empty;

    /// <summary>The port on 127.0.0.1; 0 picks a free one.</summary>
    public int Port { get; init; }

    /// <summary>The user that may log in. Default <c>administrator</c>.</summary>
    public string Username { get; init; } = "administrator";

    /// <summary>That user's password. Default empty, as on the tutorial server.</summary>
    public string Password { get; init; } = string.Empty;

    /// <summary>A user who may log in but is no administrator (people calls answer it 403 ERR017). Default <c>analyst</c>.</summary>
    public string AnalystUsername { get; init; } = "analyst";

    /// <summary>That user's password. Default <c>analyst</c>.</summary>
    public string AnalystPassword { get; init; } = "analyst";

    /// <summary>
    /// How many sessions one user may use in a project at once; 0 for no limit (the default). Past it the
    /// login still succeeds and the session's next project call answers 500 ERR001, as a server's governing setting does.
    /// </summary>
    public int SessionsPerUser { get; init; }

    /// <summary>The token accepted by API-token login (login mode 4096).</summary>
    public string ApiToken { get; init; } = "emulator-api-token";

    /// <summary>How long a session may sit idle before it answers 401 ERR009. Default 10 min.</summary>
    public TimeSpan SessionIdleTimeout { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>How long a schema reload task runs. Default 2 s.</summary>
    public TimeSpan TaskDuration { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>How long a publish (of a data model's tables, or of an Intelligent Cube) takes. Default 3 s.</summary>
    public TimeSpan PublishDuration { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>
    /// The OpenAPI spec to serve instead of the one built in (YAML text): a spec changed and not built
    /// yet. Its request bodies are checked against it, and what it declares plainly (<c>x-strategy-store</c>)
    /// is served from the store; the hand-written routes stay as built.
    /// </summary>
    public string? Spec { get; init; }

    /// <summary>How long a project's status on a node stays pending (loaded_pending, unloaded_pending) after a change.</summary>
    public TimeSpan ProjectStatusDuration { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>How long a finished job stays on the monitor before it leaves (404). Default 10 s.</summary>
    public TimeSpan JobLinger { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How many jobs may run at once in a project; past it a new cube publish is rejected (500 ERR001). Default 10.</summary>
    public int JobLimit { get; init; } = 10;

    /// <summary>How many status calls see a report instance still running (202 with <c>Retry-After</c>) before it is ready. Default 1.</summary>
    public int ReportRunningPolls { get; init; } = 1;

    /// <summary>The <c>Retry-After</c> seconds a running report's status sends. Default 1.</summary>
    public int ReportRetryAfterSeconds { get; init; } = 1;

    /// <summary>How long a data model instance may sit idle before it expires (404 ERR004). Default 2 min.</summary>
    public TimeSpan InstanceIdleTimeout { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// Whether the subscription status call is switched off, as on a server where it answers 500
    /// ERR002 "This endpoint is disabled" for every subscription. Default off.
    /// </summary>
    public bool SubscriptionStatusDisabled { get; init; }

    /// <summary>
    /// The Intelligence Server version <c>GET /api/status</c> answers. An operation the spec says
    /// arrived later (<c>x-strategy-since</c>: the data model runtime in 11.5.0800, the subscription
    /// status in 11.4.0600, the jobs API v2 in 11.3.0300…) answers 404 ERR004 as an unknown route,
    /// as an older server does.
    /// </summary>
    public string ServerVersion { get; init; } = "11.5.0800.0123";

    /// <summary>The certificate to serve HTTPS with (with its private key); plain HTTP when <see langword="null"/>.</summary>
    public System.Security.Cryptography.X509Certificates.X509Certificate2? Certificate { get; init; }

    /// <summary>The clock the emulator's state moves by.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>
    /// Reads the options from configuration, such as the command line: <c>--path-base</c>,
    /// <c>--username</c>, <c>--password</c>, <c>--api-token</c>, and durations in seconds:
    /// <c>--session-idle-timeout</c>, <c>--task-duration</c>, <c>--publish-duration</c>, <c>--project-status-duration</c>,
    /// <c>--instance-idle-timeout</c>, <c>--job-linger</c>; <c>--job-limit</c>; <c>--sessions-per-user</c>; <c>--server-version</c>. Anything not given keeps its default.
    /// </summary>
    /// <param name="configuration">The configuration.</param>
    /// <returns>The options.</returns>
    /// <exception cref="ArgumentException">A duration is not a non-negative number of seconds, or the certificate cannot be read.</exception>
    public static StrategyEmulatorOptions FromConfiguration(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var defaults = new StrategyEmulatorOptions();
        TimeSpan Seconds(string key, TimeSpan fallback)
        {
            var text = configuration[key];
            if (string.IsNullOrEmpty(text))
            {
                return fallback;
            }

            return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds >= 0 && seconds < TimeSpan.MaxValue.TotalSeconds
                ? TimeSpan.FromSeconds(seconds)
                : throw new ArgumentException($"--{key} must be a number of seconds, not '{text}'.");
        }

        return defaults with
        {
            PathBase = configuration["path-base"] ?? defaults.PathBase,
            Username = configuration["username"] ?? defaults.Username,
            Password = configuration["password"] ?? defaults.Password,
            ApiToken = configuration["api-token"] ?? defaults.ApiToken,
            SessionIdleTimeout = Seconds("session-idle-timeout", defaults.SessionIdleTimeout),
            TaskDuration = Seconds("task-duration", defaults.TaskDuration),
            PublishDuration = Seconds("publish-duration", defaults.PublishDuration),
            ProjectStatusDuration = Seconds("project-status-duration", defaults.ProjectStatusDuration),
            InstanceIdleTimeout = Seconds("instance-idle-timeout", defaults.InstanceIdleTimeout),
            JobLinger = Seconds("job-linger", defaults.JobLinger),
            JobLimit = configuration["job-limit"] is { Length: > 0 } limit
                ? int.TryParse(limit, NumberStyles.Integer, CultureInfo.InvariantCulture, out var jobs) && jobs > 0 ? jobs : throw new ArgumentException($"--job-limit must be a whole number above 0, not '{limit}'.")
                : defaults.JobLimit,
            ServerVersion = configuration["server-version"] ?? defaults.ServerVersion,
            SessionsPerUser = configuration["sessions-per-user"] is { Length: > 0 } cap
                ? int.TryParse(cap, NumberStyles.Integer, CultureInfo.InvariantCulture, out var sessions) && sessions >= 0 ? sessions : throw new ArgumentException($"--sessions-per-user must be a whole number, 0 for no limit, not '{cap}'.")
                : defaults.SessionsPerUser,
            SubscriptionStatusDisabled = configuration["subscription-status"] switch
            {
                null or "" => defaults.SubscriptionStatusDisabled,
                "on" => false,
                "disabled" => true,
                var other => throw new ArgumentException($"--subscription-status must be on or disabled, not '{other}'."),
            },
            Certificate = configuration["certificate"] is { Length: > 0 } certificate ? LoadCertificate(certificate, configuration["certificate-key"]) : null,
        };
    }

    /// <summary>A PEM certificate and its key (in the same file, or in <paramref name="keyFile"/>).</summary>
    private static System.Security.Cryptography.X509Certificates.X509Certificate2 LoadCertificate(string certificateFile, string? keyFile)
    {
        try
        {
            return System.Security.Cryptography.X509Certificates.X509Certificate2.CreateFromPemFile(certificateFile, keyFile);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or System.Security.Cryptography.CryptographicException)
        {
            throw new ArgumentException($"--certificate {certificateFile}{(keyFile is null ? string.Empty : $" with --certificate-key {keyFile}")} cannot be read: {ex.Message}");
        }
    }
}
