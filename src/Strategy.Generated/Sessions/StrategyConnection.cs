using Microsoft.Extensions.Logging;
using Strategy.Generated.Http;

namespace Strategy.Generated;

/// <summary>
/// One connection to a Strategy server: an <see cref="System.Net.Http.HttpClient"/> whose session
/// handler logs in, keeps the token and cookies and renews the session, and the clients on it.
/// Thread-safe; dispose it to log out.
/// </summary>
public sealed class StrategyConnection : IAsyncDisposable
{
    private readonly StrategySessionHandler _handler;
    private readonly StrategyPipelineParts _parts;

    private StrategyConnection(HttpClient httpClient, StrategySessionHandler handler, StrategyPipelineParts parts, string? projectId)
    {
        HttpClient = httpClient;
        _handler = handler;
        _parts = parts;
        ProjectId = projectId;
    }

    /// <summary>
    /// Resumes work a process started (this one or another, now gone) from the token its operation
    /// gave (<see cref="StrategyWork.GetResumeToken"/>, or a command run with <c>--no-wait</c>): one
    /// status call at once, so a finished operation comes back completed, with its success or its
    /// typed failure (<see cref="StrategyWork.Failure"/>).
    /// </summary>
    /// <param name="token">The resume token.</param>
    /// <param name="cancellationToken">Cancels the status call.</param>
    /// <returns>The operation, with its status read.</returns>
    /// <exception cref="StrategyResumeTokenException">The token is malformed, from a newer format, for another server, or of a kind this client does not know.</exception>
    /// <exception cref="StrategyApiException">The status call failed.</exception>
    public Task<StrategyWork> ResumeAsync(string token, CancellationToken cancellationToken = default) =>
        StrategyWorkResumer.ResumeOnAsync(HttpClient, token, cancellationToken);

    /// <summary>The HTTP client every client of this connection shares.</summary>
    public HttpClient HttpClient { get; }

    /// <summary>The project the clients of this connection work in.</summary>
    public string? ProjectId { get; }

    /// <summary>The session: whether it is logged in and how many times it logged in.</summary>
    public StrategySession Session => _handler.Session;

    /// <summary>Creates a connection from the same options <c>AddStrategyClient</c> binds. Nothing is sent until the first request (or <see cref="LoginAsync"/>).</summary>
    /// <param name="options">Where and how to connect: <see cref="StrategyClientOptions.BaseUrl"/> and the credentials are required.</param>
    /// <param name="logger">Where to log requests (secrets redacted); none when <see langword="null"/>.</param>
    /// <param name="primaryHandler">The innermost handler; by default the framework's socket handler, without cookies.</param>
    /// <returns>The connection.</returns>
    /// <exception cref="ArgumentException">The options are incomplete; the message names every setting at fault.</exception>
    /// <remarks>
    /// The handlers are the ones <c>AddStrategyClient</c> stacks, in the same order, with those added
    /// by <see cref="StrategyClientOptions.AddHandler"/>; the documentation lists them (docs/library/reliability.md).
    /// </remarks>
    public static StrategyConnection Create(StrategyClientOptions options, ILogger? logger = null, HttpMessageHandler? primaryHandler = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Problems(requireProject: false) is { Count: > 0 } problems)
        {
            throw new ArgumentException(string.Join(" ", problems), nameof(options));
        }

        var parts = StrategyPipelineParts.For(options, logger);
        var (client, handler) = StrategyPipeline.CreateClient(parts, options, primaryHandler ?? parts.CreatePrimaryHandler());
        return new StrategyConnection(client, handler, parts, options.ProjectId);
    }

    /// <summary>Creates a connection. Nothing is sent until the first request (or <see cref="LoginAsync"/>).</summary>
    /// <param name="baseUrl">The server, such as <c>https://host/MicroStrategyLibrary/</c>.</param>
    /// <param name="credentials">How to log in.</param>
    /// <param name="projectId">The project for the clients this connection creates.</param>
    /// <param name="retry">How to retry transient failures; <see cref="StrategyRetryOptions.Default"/> when <see langword="null"/>.</param>
    /// <param name="logger">Where to log requests (secrets redacted); none when <see langword="null"/>.</param>
    /// <param name="primaryHandler">The innermost handler; by default the framework's socket handler, without cookies.</param>
    /// <returns>The connection.</returns>
    /// <exception cref="ArgumentException">The address is not an absolute http or https address, or the credentials lack a user name.</exception>
    public static StrategyConnection Create(
        Uri baseUrl,
        StrategyCredentials credentials,
        string? projectId = null,
        StrategyRetryOptions? retry = null,
        ILogger? logger = null,
        HttpMessageHandler? primaryHandler = null)
    {
        ArgumentNullException.ThrowIfNull(baseUrl);
        ArgumentNullException.ThrowIfNull(credentials);
        return Create(StrategyClientOptions.From(baseUrl, credentials, projectId, retry), logger, primaryHandler);
    }

    /// <summary>Logs in now, to fail fast on wrong credentials; within <see cref="StrategyClientOptions.Timeout"/>, as a call is.</summary>
    /// <param name="cancellationToken">Cancels the login.</param>
    /// <returns>A task that completes when logged in.</returns>
    /// <exception cref="StrategyApiException">The server rejected the credentials, or did not answer as a Strategy server does.</exception>
    /// <exception cref="StrategyUnreachableException">The server could not be reached, or did not answer within the time limit.</exception>
    public Task LoginAsync(CancellationToken cancellationToken = default)
    {
        var (limit, reported) = TimeBudget.ForCall(_parts.CallTimeout);
        return CallLimit.RunAsync<object?>(
            limit,
            _parts.Time,
            request: null,
            "the login",
            async ct =>
            {
                await _handler.LoginAsync(ct).ConfigureAwait(false);
                return null;
            },
            cancellationToken,
            reported);
    }

    /// <summary>Ends the session on the server now; the next request logs in again. Failures are ignored: an idle session expires on its own.</summary>
    /// <param name="cancellationToken">Cancels the logout.</param>
    /// <returns>A task that completes when logged out.</returns>
    public Task LogoutAsync(CancellationToken cancellationToken = default) => _handler.LogoutAsync(cancellationToken);

    /// <summary>Creates a client of type <typeparamref name="TClient"/> on this connection, in its project.</summary>
    /// <typeparam name="TClient">A generated client, such as <see cref="DataModelsClient"/>.</typeparam>
    /// <returns>The client.</returns>
    public TClient CreateClient<TClient>()
        where TClient : StrategyClientBase
    {
        return (TClient)StrategyClientBase.Create(typeof(TClient), HttpClient, ProjectId);
    }

    /// <summary>Logs out (one attempt, within <see cref="StrategySession.LogoutTimeLimit"/>) and releases the HTTP client.</summary>
    /// <returns>A task that completes when done.</returns>
    public async ValueTask DisposeAsync()
    {
        await _handler.LogoutAtEndAsync().ConfigureAwait(false);

        HttpClient.Dispose();
    }
}
