using System.Net;

namespace Strategy.Generated.Http;

/// <summary>
/// One Strategy session, shared by every request (and every handler) that uses it: the token,
/// every cookie the server set, and the login that renews them. Thread-safe: concurrent
/// callers that find the session expired share one login.
/// </summary>
public sealed class StrategySession : IDisposable
{
    private const string LoginPath = "api/auth/login";

    private readonly StrategyCredentials _credentials;
    private readonly CookieContainer _cookies = new();

    // The Cookie header for every address under BaseAddress, while every cookie held applies to all of
    // them (path and domain cover the base): computed when a Set-Cookie arrives, not per request.
    private volatile CookieHeaderCache? _cookieHeader = new(string.Empty, DateTime.MaxValue);
    private readonly SemaphoreSlim _loginGate = new(1, 1);
    private string? _token;
    private int _loginCount;

    // The way out of the most recent pipeline that used this session, for a logout at the end when no
    // pipeline is at hand (a dependency-injection container being disposed). Held strongly: that pipeline stays usable.
    private Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>>? _lastSend;

    /// <summary>Creates a session that is not yet logged in.</summary>
    /// <param name="baseAddress">The server's base address, such as <c>https://host/MicroStrategyLibrary/</c>.</param>
    /// <param name="credentials">How to log in.</param>
    public StrategySession(Uri baseAddress, StrategyCredentials credentials)
    {
        ArgumentNullException.ThrowIfNull(baseAddress);
        ArgumentNullException.ThrowIfNull(credentials);
        BaseAddress = StrategyPipeline.NormalizeBaseUrl(baseAddress);
        _credentials = credentials;
    }

    /// <summary>The server's base address, ending with a slash.</summary>
    public Uri BaseAddress { get; }

    /// <summary>Whether a session token is held.</summary>
    public bool IsLoggedIn => Volatile.Read(ref _token) is not null;

    /// <summary>How many times the session has logged in (the first login and every renewal).</summary>
    public int LoginCount => Volatile.Read(ref _loginCount);

    /// <inheritdoc />
    public void Dispose() => _loginGate.Dispose();

    internal static bool IsLogin(HttpRequestMessage request) =>
        request.RequestUri is { } uri
        && (uri.IsAbsoluteUri ? uri.AbsolutePath : uri.OriginalString).TrimEnd('/').EndsWith(LoginPath, StringComparison.OrdinalIgnoreCase);

    /// <summary>The current token, logging in unless another caller already replaced <paramref name="staleToken"/>.</summary>
    /// <remarks>A value task: on nearly every request the token is there, and answering it allocates nothing.</remarks>
    internal ValueTask<string> EnsureTokenAsync(Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> send, string? staleToken, CancellationToken cancellationToken)
    {
        var current = Volatile.Read(ref _token);
        return current is not null && current != staleToken
            ? new ValueTask<string>(current)
            : new ValueTask<string>(LogInOnceAsync(send, staleToken, cancellationToken));
    }

    private async Task<string> LogInOnceAsync(Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> send, string? staleToken, CancellationToken cancellationToken)
    {
        string? current;
        await _loginGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            current = Volatile.Read(ref _token);
            if (current is not null && current != staleToken)
            {
                return current;
            }

            var token = await LoginAsync(send, cancellationToken).ConfigureAwait(false);
            Volatile.Write(ref _token, token);
            Interlocked.Increment(ref _loginCount);
            if (staleToken is not null)
            {
                // A renewal: the session had expired on the server.
                StrategyDiagnostics.Relogins.Add(1);
                System.Diagnostics.Activity.Current?.AddEvent(new System.Diagnostics.ActivityEvent("strategy.relogin"));
            }
            return token;
        }
        finally
        {
            _loginGate.Release();
        }
    }

    /// <summary>
    /// How long logging out at the end may take (disposing a connection, a host or a PowerShell
    /// runspace): one attempt, never retried, so a server that is gone does not hold up a shutdown.
    /// </summary>
    public static TimeSpan LogoutTimeLimit { get; } = TimeSpan.FromSeconds(5);

    /// <summary>Notes the pipeline a request goes out through, for <see cref="LogoutAtEndAsync()"/>.</summary>
    internal void SendsThrough(Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> send) => _lastSend = send;

    /// <summary>
    /// Ends the session on the server through the last pipeline that used it: once, with a single
    /// attempt, within <see cref="LogoutTimeLimit"/>. For owners that hold no pipeline, such as a
    /// dependency-injection container being disposed.
    /// </summary>
    internal Task LogoutAtEndAsync() => _lastSend is { } send && IsLoggedIn ? LogoutAtEndAsync(send) : Task.CompletedTask;

    /// <summary>Ends the session through <paramref name="send"/> as <see cref="LogoutAtEndAsync()"/> does.</summary>
    internal async Task LogoutAtEndAsync(Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> send)
    {
        // One attempt: a server that cannot be reached must not hold up the shutdown with retries.
        using var timeout = new CancellationTokenSource(LogoutTimeLimit);
        using (ConnectionFailureBudget.Use(new ConnectionFailureBudget(0)))
        {
            await LogoutAsync(send, timeout.Token).ConfigureAwait(false);
        }
    }

    /// <summary>Forgets the token and ends the session on the server; failures are ignored (idle sessions expire).</summary>
    internal async Task LogoutAsync(Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> send, CancellationToken cancellationToken)
    {
        var token = Interlocked.Exchange(ref _token, null);
        if (token is null)
        {
            return;
        }

        try
        {
            using var http = Pipeline(send, token);
            await new AuthenticationClient(http).LogoutAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException or StrategyException)
        {
            // The server forgets idle sessions by itself.
        }
    }

    internal void Attach(HttpRequestMessage request, string token)
    {
        request.Headers.Remove(StrategyHeaders.AuthToken);
        request.Headers.TryAddWithoutValidation(StrategyHeaders.AuthToken, token);
        request.Headers.Remove("Cookie");
        var uri = request.RequestUri is { IsAbsoluteUri: true } absolute ? absolute : BaseAddress;
        var cookies = _cookieHeader is { } cached && cached.ValidUntil > DateTime.UtcNow && IsUnderBase(uri)
            ? cached.Header
            : _cookies.GetCookieHeader(uri);
        if (cookies.Length > 0)
        {
            request.Headers.TryAddWithoutValidation("Cookie", cookies);
        }
    }

    internal void KeepCookies(HttpResponseMessage response)
    {
        if (response.Headers.TryGetValues("Set-Cookie", out var setCookies))
        {
            var uri = response.RequestMessage?.RequestUri is { IsAbsoluteUri: true } requestUri ? requestUri : BaseAddress;
            foreach (var setCookie in setCookies)
            {
                try
                {
                    _cookies.SetCookies(uri, setCookie);
                }
                catch (CookieException)
                {
                    // A cookie the container cannot parse is skipped, not fatal.
                }
            }

            _cookieHeader = CacheCookieHeader();
        }
    }

    private CookieHeaderCache? CacheCookieHeader()
    {
        var validUntil = DateTime.MaxValue;
        if (HttpPlatform.AllCookies(_cookies) is not { } all)
        {
            return null;
        }

        foreach (Cookie cookie in all)
        {
            var domain = cookie.Domain.TrimStart('.');
            var coversBase = BaseAddress.AbsolutePath.StartsWith(cookie.Path, StringComparison.Ordinal)
                             && (string.Equals(domain, BaseAddress.Host, StringComparison.OrdinalIgnoreCase)
                                 || BaseAddress.Host.EndsWith("." + domain, StringComparison.OrdinalIgnoreCase));
            if (!coversBase)
            {
                // A cookie for a narrower path: each request's own header, as the container decides.
                return null;
            }

            if (cookie.Expires != DateTime.MinValue && cookie.Expires.ToUniversalTime() < validUntil)
            {
                validUntil = cookie.Expires.ToUniversalTime();
            }
        }

        return new CookieHeaderCache(_cookies.GetCookieHeader(BaseAddress), validUntil);
    }

    private bool IsUnderBase(Uri uri) =>
        uri.Scheme == BaseAddress.Scheme
        && uri.Port == BaseAddress.Port
        && string.Equals(uri.Host, BaseAddress.Host, StringComparison.OrdinalIgnoreCase)
        && uri.AbsolutePath.StartsWith(BaseAddress.AbsolutePath, StringComparison.Ordinal);

    private sealed record CookieHeaderCache(string Header, DateTime ValidUntil);

    private async Task<string> LoginAsync(Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> send, CancellationToken cancellationToken)
    {
        using var http = Pipeline(send, token: null);
        var answer = await new AuthenticationClient(http).LoginAsync(_credentials.ToLoginRequest(), cancellationToken).ConfigureAwait(false);
        return answer.AuthToken is { Length: > 0 } token
            ? token
            : throw new StrategyApiException($"Login answered without the {StrategyHeaders.AuthToken} header", answer.StatusCode, null, answer.Headers, null);
    }

    /// <summary>
    /// An HTTP client for the generated <see cref="AuthenticationClient"/> on the rest of the pipeline
    /// below the session (<paramref name="send"/>): the session's cookies are kept from its answers
    /// and, once logged in, <paramref name="token"/> and the cookies go with its requests. The caller's
    /// request already runs under its own time limit, so this one adds none.
    /// </summary>
    private HttpClient Pipeline(Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> send, string? token) =>
        new(new SessionSend(this, send, token)) { BaseAddress = BaseAddress, Timeout = Timeout.InfiniteTimeSpan };

    /// <summary>Sends through the pipeline below the session handler, with the session's state.</summary>
    private sealed class SessionSend(StrategySession session, Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> send, string? token) : HttpMessageHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (token is not null)
            {
                session.Attach(request, token);
            }

            var response = await send(request, cancellationToken).ConfigureAwait(false);
            session.KeepCookies(response);
            return response;
        }
    }
}
