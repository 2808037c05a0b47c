using System.Net;
using System.Text;
using Newtonsoft.Json;
using Strategy.Generated.Errors;
using Strategy.Generated.Http;
using Strategy.Generated.Serialization;

namespace Strategy.Generated.Sessions;

/// <summary>
/// Keeps one Strategy session for every request through it: logs in when first needed, attaches
/// the token and every cookie the server set (load balancers rely on them), and when the server
/// answers 401 <c>ERR009</c> logs in again once, shared by all concurrent requests, and resends
/// the rejected request. A second rejection is returned as it is.
/// </summary>
/// <remarks>Give the primary handler <c>UseCookies = false</c>: this handler owns the cookies.</remarks>
public sealed class StrategySessionHandler : DelegatingHandler
{
    private static readonly string LoginPath = "api/auth/login";

    private readonly Uri _baseAddress;
    private readonly StrategyCredentials _credentials;
    private readonly CookieContainer _cookies = new();
    private readonly SemaphoreSlim _loginGate = new(1, 1);
    private string? _token;

    /// <summary>Creates the handler.</summary>
    /// <param name="baseAddress">The server's base address, such as <c>https://host/MicroStrategyLibrary/</c>.</param>
    /// <param name="credentials">How to log in.</param>
    public StrategySessionHandler(Uri baseAddress, StrategyCredentials credentials)
    {
        ArgumentNullException.ThrowIfNull(baseAddress);
        ArgumentNullException.ThrowIfNull(credentials);
        _baseAddress = baseAddress.AbsoluteUri.EndsWith('/') ? baseAddress : new Uri(baseAddress.AbsoluteUri + "/");
        _credentials = credentials;
    }

    /// <summary>Whether the handler holds a session token.</summary>
    public bool IsLoggedIn => Volatile.Read(ref _token) is not null;

    /// <summary>How many times the handler has logged in (the first login and every renewal).</summary>
    public int LoginCount { get; private set; }

    /// <summary>Logs in now, unless a session is already held.</summary>
    /// <param name="cancellationToken">Cancels the login.</param>
    /// <returns>A task that completes when logged in.</returns>
    /// <exception cref="StrategyApiException">The server rejected the credentials.</exception>
    public Task LoginAsync(CancellationToken cancellationToken) => EnsureTokenAsync(staleToken: null, cancellationToken);

    /// <summary>Ends the session on the server, if one is held. Failures are ignored: the session expires on its own.</summary>
    /// <param name="cancellationToken">Cancels the logout.</param>
    /// <returns>A task that completes when logged out.</returns>
    public async Task LogoutAsync(CancellationToken cancellationToken)
    {
        var token = Interlocked.Exchange(ref _token, null);
        if (token is null)
        {
            return;
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_baseAddress, "api/auth/logout"));
        Attach(request, token);
        try
        {
            using var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException)
        {
            // The server forgets idle sessions by itself.
        }
    }

    /// <inheritdoc />
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (IsLogin(request))
        {
            var loginResponse = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            KeepCookies(loginResponse);
            return loginResponse;
        }

        var token = await EnsureTokenAsync(staleToken: null, cancellationToken).ConfigureAwait(false);
        if (request.Content is not null)
        {
            // The body may have to be sent twice.
            await request.Content.BufferAsync(cancellationToken).ConfigureAwait(false);
        }

        Attach(request, token);
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        KeepCookies(response);
        if (!await IsExpiredSessionAsync(response, cancellationToken).ConfigureAwait(false))
        {
            return response;
        }

        response.Dispose();
        token = await EnsureTokenAsync(staleToken: token, cancellationToken).ConfigureAwait(false);
        using var retry = Clone(request);
        Attach(retry, token);
        var retried = await base.SendAsync(retry, cancellationToken).ConfigureAwait(false);
        KeepCookies(retried);
        return retried;
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _loginGate.Dispose();
        }

        base.Dispose(disposing);
    }

    /// <summary>Logs in unless another caller already replaced <paramref name="staleToken"/> (one login for many waiters).</summary>
    private async Task<string> EnsureTokenAsync(string? staleToken, CancellationToken cancellationToken)
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

            var token = await LoginCoreAsync(cancellationToken).ConfigureAwait(false);
            Volatile.Write(ref _token, token);
            LoginCount++;
            return token;
        }
        finally
        {
            _loginGate.Release();
        }
    }

    private async Task<string> LoginCoreAsync(CancellationToken cancellationToken)
    {
        var body = JsonConvert.SerializeObject(_credentials.ToLoginRequest(), StrategyJson.Settings);
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_baseAddress, LoginPath))
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        using var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        KeepCookies(response);
        if (!response.IsSuccessStatusCode)
        {
            throw await StrategyApiException.FromResponseAsync(response, cancellationToken).ConfigureAwait(false);
        }

        return response.Headers.TryGetValues(StrategyHeaders.AuthToken, out var values) && values.FirstOrDefault() is { Length: > 0 } token
            ? token
            : throw new StrategyApiException($"Login answered without the {StrategyHeaders.AuthToken} header", (int)response.StatusCode, null, null, null);
    }

    private void Attach(HttpRequestMessage request, string token)
    {
        request.Headers.Remove(StrategyHeaders.AuthToken);
        request.Headers.TryAddWithoutValidation(StrategyHeaders.AuthToken, token);
        request.Headers.Remove("Cookie");
        var cookies = _cookies.GetCookieHeader(request.RequestUri ?? _baseAddress);
        if (cookies.Length > 0)
        {
            request.Headers.TryAddWithoutValidation("Cookie", cookies);
        }
    }

    private void KeepCookies(HttpResponseMessage response)
    {
        if (response.Headers.TryGetValues("Set-Cookie", out var setCookies))
        {
            var uri = response.RequestMessage?.RequestUri ?? _baseAddress;
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
        }
    }

    private static async Task<bool> IsExpiredSessionAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.StatusCode != HttpStatusCode.Unauthorized)
        {
            return false;
        }

        await response.Content.BufferAsync(cancellationToken).ConfigureAwait(false);
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        return ErrorBody.Parse(text, response.Content.Headers.ContentType?.MediaType).Code is null or "ERR009";
    }

    private bool IsLogin(HttpRequestMessage request) =>
        request.RequestUri is { } uri
        && (uri.IsAbsoluteUri ? uri.AbsolutePath : uri.OriginalString).TrimEnd('/').EndsWith(LoginPath, StringComparison.OrdinalIgnoreCase);

    private static HttpRequestMessage Clone(HttpRequestMessage request)
    {
        var clone = new HttpRequestMessage(request.Method, request.RequestUri) { Content = request.Content, Version = request.Version, VersionPolicy = request.VersionPolicy };
        foreach (var header in request.Headers)
        {
            clone.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }

        foreach (var option in request.Options)
        {
            ((IDictionary<string, object?>)clone.Options)[option.Key] = option.Value;
        }

        return clone;
    }
}
