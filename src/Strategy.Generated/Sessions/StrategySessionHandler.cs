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

    internal bool IsLogin(HttpRequestMessage request) =>
        request.RequestUri is { } uri
        && (uri.IsAbsoluteUri ? uri.AbsolutePath : uri.OriginalString).TrimEnd('/').EndsWith(LoginPath, StringComparison.OrdinalIgnoreCase);

    /// <summary>The current token, logging in unless another caller already replaced <paramref name="staleToken"/>.</summary>
    internal async Task<string> EnsureTokenAsync(Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> send, string? staleToken, CancellationToken cancellationToken)
    {
        var current = Volatile.Read(ref _token);
        if (current is not null && current != staleToken)
        {
            return current;
        }

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

    /// <summary>Notes the pipeline a request goes out through, for <see cref="LogoutAtEndAsync"/>.</summary>
    internal void SendsThrough(Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> send) => _lastSend = send;

    /// <summary>
    /// Ends the session on the server through the last pipeline that used it: once, with a single
    /// attempt, within <paramref name="limit"/>. For owners that hold no pipeline, such as a
    /// dependency-injection container being disposed.
    /// </summary>
    internal async Task LogoutAtEndAsync(TimeSpan limit)
    {
        if (_lastSend is not { } send || !IsLoggedIn)
        {
            return;
        }

        // One attempt: a server that cannot be reached must not hold up the shutdown with retries.
        using var timeout = new CancellationTokenSource(limit);
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

/// <summary>
/// Attaches a <see cref="StrategySession"/> to every request: logs in when first needed, sends
/// the token and cookies, and when the server answers 401 <c>ERR009</c> renews the session once
/// (shared with all concurrent requests) and resends the request. A second rejection is returned
/// as it is.
/// </summary>
/// <remarks>Give the primary handler <c>UseCookies = false</c>: the session owns the cookies.</remarks>
public sealed class StrategySessionHandler : DelegatingHandler
{
    private readonly StrategySession _session;
    private readonly bool _ownsSession;

    /// <summary>Creates a handler with a session of its own.</summary>
    /// <param name="baseAddress">The server's base address, such as <c>https://host/MicroStrategyLibrary/</c>.</param>
    /// <param name="credentials">How to log in.</param>
    public StrategySessionHandler(Uri baseAddress, StrategyCredentials credentials)
        : this(new StrategySession(baseAddress, credentials))
    {
        _ownsSession = true;
    }

    /// <summary>Creates a handler for a shared session (one per HTTP client pipeline, one session for all).</summary>
    /// <param name="session">The session.</param>
    public StrategySessionHandler(StrategySession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        _session = session;
    }

    /// <summary>The session this handler attaches.</summary>
    public StrategySession Session => _session;

    /// <summary>Whether the session holds a token.</summary>
    public bool IsLoggedIn => _session.IsLoggedIn;

    /// <summary>How many times the session has logged in.</summary>
    public int LoginCount => _session.LoginCount;

    /// <summary>Logs in now, unless a session is already held.</summary>
    /// <param name="cancellationToken">Cancels the login.</param>
    /// <returns>A task that completes when logged in.</returns>
    /// <exception cref="StrategyApiException">The server rejected the credentials.</exception>
    public Task LoginAsync(CancellationToken cancellationToken) => _session.EnsureTokenAsync(base.SendAsync, staleToken: null, cancellationToken);

    /// <summary>Ends the session on the server, if one is held. Failures are ignored: the session expires on its own.</summary>
    /// <param name="cancellationToken">Cancels the logout.</param>
    /// <returns>A task that completes when logged out.</returns>
    public Task LogoutAsync(CancellationToken cancellationToken) => _session.LogoutAsync(base.SendAsync, cancellationToken);

    /// <inheritdoc />
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (_session.IsLogin(request))
        {
            var loginResponse = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            _session.KeepCookies(loginResponse);
            return loginResponse;
        }

        _session.SendsThrough(base.SendAsync);
        var token = await _session.EnsureTokenAsync(base.SendAsync, staleToken: null, cancellationToken).ConfigureAwait(false);
        if (request.Content is not null)
        {
            // The body may have to be sent twice.
            await request.Content.BufferAsync(cancellationToken).ConfigureAwait(false);
        }

        _session.Attach(request, token);
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        _session.KeepCookies(response);
        if (!await IsExpiredSessionAsync(response, cancellationToken).ConfigureAwait(false))
        {
            return response;
        }

        response.Dispose();
        token = await _session.EnsureTokenAsync(base.SendAsync, staleToken: token, cancellationToken).ConfigureAwait(false);
        using var retry = HttpPlatform.Clone(request);
        _session.Attach(retry, token);
        var retried = await base.SendAsync(retry, cancellationToken).ConfigureAwait(false);
        _session.KeepCookies(retried);
        return retried;
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing && _ownsSession)
        {
            _session.Dispose();
        }

        base.Dispose(disposing);
    }

    private static async Task<bool> IsExpiredSessionAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.StatusCode != HttpStatusCode.Unauthorized)
        {
            return false;
        }

        await response.Content.BufferAsync(cancellationToken).ConfigureAwait(false);
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        var code = ErrorBody.Parse(text, response.Content.Headers.ContentType?.MediaType).Code;
        return StrategyApiException.Classify((int)response.StatusCode, code) == StrategyErrorKind.SessionExpired;
    }
}
