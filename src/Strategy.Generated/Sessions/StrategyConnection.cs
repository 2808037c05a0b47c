using Microsoft.Extensions.Logging;
using Strategy.Generated.Http;
using Strategy.Generated.Logging;
using Strategy.Generated.Resilience;

namespace Strategy.Generated.Sessions;

/// <summary>
/// One connection to a Strategy server: an <see cref="System.Net.Http.HttpClient"/> whose session
/// handler logs in, keeps the token and cookies and renews the session, and the clients on it.
/// Thread-safe; dispose it to log out.
/// </summary>
public sealed class StrategyConnection : IAsyncDisposable
{
    private readonly StrategySessionHandler _session;

    private StrategyConnection(HttpClient httpClient, StrategySessionHandler session, string? projectId)
    {
        HttpClient = httpClient;
        _session = session;
        ProjectId = projectId;
    }

    /// <summary>The HTTP client every client of this connection shares.</summary>
    public HttpClient HttpClient { get; }

    /// <summary>The project the clients of this connection work in.</summary>
    public string? ProjectId { get; }

    /// <summary>The session handler (login state and count).</summary>
    public StrategySessionHandler Session => _session;

    /// <summary>Creates a connection. Nothing is sent until the first request (or <see cref="LoginAsync"/>).</summary>
    /// <param name="baseUrl">The server, such as <c>https://host/MicroStrategyLibrary/</c>.</param>
    /// <param name="credentials">How to log in.</param>
    /// <param name="projectId">The project for the clients this connection creates.</param>
    /// <param name="retry">How to retry transient failures; <see cref="StrategyRetryOptions.Default"/> when <see langword="null"/>.</param>
    /// <param name="logger">Where to log requests (secrets redacted); none when <see langword="null"/>.</param>
    /// <param name="primaryHandler">The innermost handler; a <see cref="SocketsHttpHandler"/> without cookies by default.</param>
    /// <returns>The connection.</returns>
    /// <remarks>
    /// Handlers, outermost first: the session (login, renewal on ERR009), retries (each attempt
    /// with the current token), logging (each attempt), the primary handler.
    /// </remarks>
    public static StrategyConnection Create(
        Uri baseUrl,
        StrategyCredentials credentials,
        string? projectId = null,
        StrategyRetryOptions? retry = null,
        ILogger? logger = null,
        HttpMessageHandler? primaryHandler = null)
    {
        ArgumentNullException.ThrowIfNull(baseUrl);
        HttpMessageHandler inner = primaryHandler ?? new SocketsHttpHandler { UseCookies = false, PooledConnectionLifetime = TimeSpan.FromMinutes(5) };
        if (logger is not null)
        {
            inner = new StrategyLoggingHandler(logger) { InnerHandler = inner };
        }

        var session = new StrategySessionHandler(baseUrl, credentials)
        {
            InnerHandler = new StrategyResilienceHandler(retry) { InnerHandler = inner },
        };
        var httpClient = new HttpClient(session) { BaseAddress = new Uri(baseUrl.AbsoluteUri.TrimEnd('/') + "/") };
        return new StrategyConnection(httpClient, session, projectId);
    }

    /// <summary>Logs in now, to fail fast on wrong credentials.</summary>
    /// <param name="cancellationToken">Cancels the login.</param>
    /// <returns>A task that completes when logged in.</returns>
    public Task LoginAsync(CancellationToken cancellationToken = default) => _session.LoginAsync(cancellationToken);

    /// <summary>Creates a client of type <typeparamref name="TClient"/> on this connection, in its project.</summary>
    /// <typeparam name="TClient">A generated client, such as <see cref="DataModelsClient"/>.</typeparam>
    /// <returns>The client.</returns>
    public TClient CreateClient<TClient>()
        where TClient : StrategyClientBase
    {
        return (TClient)StrategyClientBase.Create(typeof(TClient), HttpClient, ProjectId);
    }

    /// <summary>Logs out (best effort, within a few seconds) and releases the HTTP client.</summary>
    /// <returns>A task that completes when done.</returns>
    public async ValueTask DisposeAsync()
    {
        // One attempt: a server that cannot be reached must not hold up the caller with retries.
        using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5)))
        using (ConnectionFailureBudget.Use(new ConnectionFailureBudget(0)))
        {
            await _session.LogoutAsync(timeout.Token).ConfigureAwait(false);
        }

        HttpClient.Dispose();
    }
}
