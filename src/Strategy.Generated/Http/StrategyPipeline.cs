using Strategy.Shared;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Strategy.Generated.Http;

/// <summary>
/// The one description of how a Strategy HTTP client is put together, used by
/// <see cref="StrategyConnection.Create(StrategyClientOptions, ILogger?, HttpMessageHandler?)"/> and by
/// <c>AddStrategyClient</c> (as Azure.Core's <c>HttpPipelineBuilder</c> is for its clients).
/// </summary>
internal static class StrategyPipeline
{
    /// <summary>
    /// The handlers, outermost first: the time limit of each call (login, retries and body included),
    /// the user's per-call handlers, the session (login, token and cookies, renewal on ERR009), retries
    /// (each attempt with the current token), the user's per-retry handlers, a span and metrics per
    /// attempt, logging (each attempt), and the attempt itself: its answer's body read within it and
    /// bounded in size, a refused certificate typed (never retried), the wait's connection budget spent. The documentation's list (Reliability) is
    /// tested against this one.
    /// </summary>
    /// <param name="parts">What the handlers of this pipeline share, the user's handlers among them.</param>
    /// <returns>New handlers, outermost first, not yet linked.</returns>
    public static IReadOnlyList<DelegatingHandler> CreateHandlers(StrategyPipelineParts parts) =>
    [
        new StrategyCallLimitHandler(parts.CallTimeout, parts.Time),
        .. UserHandlers(parts, StrategyHandlerPosition.PerCall),
        new StrategySessionHandler(parts.Session),
        new StrategyResilienceHandler(parts.Retry, parts.Time),
        .. UserHandlers(parts, StrategyHandlerPosition.PerRetry),
        new StrategyTelemetryHandler(),
        new StrategyLoggingHandler(parts.Logger),
        new AttemptHandler(parts.MaxResponseSize, parts.Certificates),
    ];

    private static IEnumerable<DelegatingHandler> UserHandlers(StrategyPipelineParts parts, StrategyHandlerPosition position) =>
        parts.Handlers.Where(h => h.Position == position).Select(h => h.Create() ?? throw new InvalidOperationException($"A {position} handler's factory (StrategyClientOptions.AddHandler) returned null."));

    /// <summary>A server address as every part of the client uses it: absolute http or https, ending with a slash, without query or fragment.</summary>
    /// <exception cref="ArgumentException">The address is not an absolute http or https address, or it carries credentials.</exception>
    public static Uri NormalizeBaseUrl(Uri baseUrl)
    {
        ArgumentNullException.ThrowIfNull(baseUrl);
        if (!baseUrl.IsAbsoluteUri || baseUrl.Scheme is not ("http" or "https"))
        {
            throw new ArgumentException($"'{ServerAddress.Shown(baseUrl)}' is not an absolute http or https address, such as https://host/MicroStrategyLibrary/.", nameof(baseUrl));
        }

        if (ServerAddress.HasCredentials(baseUrl))
        {
            throw new ArgumentException($"{ServerAddress.CarriesCredentials} Address: {ServerAddress.Shown(baseUrl)}", nameof(baseUrl));
        }

        var path = baseUrl.GetLeftPart(UriPartial.Path);
        return new Uri(path.EndsWith('/') ? path : path + "/");
    }

    /// <summary>
    /// Sets what the options say about the client itself: where it points. Its own timeout is off:
    /// the call limit handler bounds each call with a typed failure instead of a bare cancellation.
    /// </summary>
    public static void Configure(HttpClient client, StrategyClientOptions options)
    {
        client.BaseAddress = NormalizeBaseUrl(options.BaseUrl!);
        client.Timeout = System.Threading.Timeout.InfiniteTimeSpan;
    }

    /// <summary>A client with the whole chain over <paramref name="primaryHandler"/>, and its session handler.</summary>
    public static (HttpClient Client, StrategySessionHandler Session) CreateClient(StrategyPipelineParts parts, StrategyClientOptions options, HttpMessageHandler primaryHandler)
    {
        var handler = primaryHandler;
        var handlers = CreateHandlers(parts);
        for (var i = handlers.Count - 1; i >= 0; i--)
        {
            handlers[i].InnerHandler = handler;
            handler = handlers[i];
        }

        var client = new HttpClient(handler);
        Configure(client, options);
        return (client, SessionHandlerOf(handler));
    }

    private static StrategySessionHandler SessionHandlerOf(HttpMessageHandler handler)
    {
        for (var current = handler as DelegatingHandler; current is not null; current = current.InnerHandler as DelegatingHandler)
        {
            if (current is StrategySessionHandler session)
            {
                return session;
            }
        }

        throw new InvalidOperationException("The pipeline has no session handler.");
    }
}

/// <summary>What the handlers of one pipeline share.</summary>
/// <param name="Session">The session (one per connection, one per service provider).</param>
/// <param name="Retry">How transient failures are retried.</param>
/// <param name="Logger">Where requests are logged.</param>
/// <param name="Time">The clock for delays and <c>Retry-After</c>.</param>
/// <param name="Certificates">How servers' certificates are checked, and why one was refused.</param>
/// <param name="CallTimeout">How long one call may take as a whole.</param>
/// <param name="ConnectTimeout">How long connecting to the server may take.</param>
/// <param name="MaxResponseSize">The largest success body a call reads.</param>
/// <param name="Handlers">The user's own handlers, in the order added.</param>
internal sealed record StrategyPipelineParts(
    StrategySession Session,
    StrategyRetryOptions Retry,
    ILogger Logger,
    TimeProvider Time,
    ServerCertificates Certificates,
    TimeSpan CallTimeout,
    TimeSpan ConnectTimeout,
    long MaxResponseSize,
    IReadOnlyList<(Func<DelegatingHandler> Create, StrategyHandlerPosition Position)> Handlers)
{
    public static StrategyPipelineParts For(StrategyClientOptions options, ILogger? logger, TimeProvider? time = null) =>
        new(
            new StrategySession(options.BaseUrl!, options.ToCredentials()),
            options.Retry,
            logger ?? NullLogger.Instance,
            time ?? TimeProvider.System,
            ServerCertificates.With(options.CaCertificateFile),
            options.Timeout,
            options.ConnectTimeout,
            options.MaxResponseSize,
            [.. options.Handlers]);

    /// <summary>The innermost handler these parts describe: the framework's socket handler, connecting within the limit.</summary>
    public HttpMessageHandler CreatePrimaryHandler() => HttpPlatform.CreatePrimaryHandler(Certificates, ConnectTimeout);
}
