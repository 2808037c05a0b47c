using System.Net;

namespace Strategy.Generated.Http;

/// <summary>
/// Attaches a <see cref="StrategySession"/> to every request: logs in when first needed, sends
/// the token and cookies, and when the server answers 401 <c>ERR009</c> renews the session once
/// (shared with all concurrent requests) and resends the request. A second rejection right after
/// the renewal is an <see cref="StrategyErrorKind.Authentication"/> error: renewing again would not help.
/// </summary>
/// <remarks>Give the primary handler <c>UseCookies = false</c>: the session owns the cookies.</remarks>
public sealed class StrategySessionHandler : DelegatingHandler
{
    private readonly StrategySession _session;
    private readonly bool _ownsSession;

    // The next handler, as a delegate made once: the session logs in and out through it, and a request must not allocate one.
    private readonly Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> _sendNext;

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
        _sendNext = (request, cancellationToken) => base.SendAsync(request, cancellationToken);
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
    public Task LoginAsync(CancellationToken cancellationToken) => _session.EnsureTokenAsync(_sendNext, staleToken: null, cancellationToken).AsTask();

    /// <summary>Ends the session on the server, if one is held. Failures are ignored: the session expires on its own.</summary>
    /// <param name="cancellationToken">Cancels the logout.</param>
    /// <returns>A task that completes when logged out.</returns>
    public Task LogoutAsync(CancellationToken cancellationToken) => _session.LogoutAsync(_sendNext, cancellationToken);

    /// <summary>Ends the session at the end of its owner: one attempt, within <see cref="StrategySession.LogoutTimeLimit"/>.</summary>
    /// <returns>A task that completes when logged out, or when the attempt failed.</returns>
    internal Task LogoutAtEndAsync() => _session.LogoutAtEndAsync(_sendNext);

    /// <inheritdoc />
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (StrategySession.IsLogin(request))
        {
            var loginResponse = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            _session.KeepCookies(loginResponse);
            return loginResponse;
        }

        // Before the login: a call that needs a project and has none would fail there anyway, in the server's words.
        ProjectHeaderPolicy.Check(request);
        _session.SendsThrough(_sendNext);
        string token;
        if (_session.IsLoggedIn)
        {
            token = await _session.EnsureTokenAsync(_sendNext, staleToken: null, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            // The login is made for this call: a time limit that cuts it names the login.
            using (CallWatch.Adopt(request))
            {
                token = await _session.EnsureTokenAsync(_sendNext, staleToken: null, cancellationToken).ConfigureAwait(false);
            }
        }

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
        using (CallWatch.Adopt(request))
        {
            token = await _session.EnsureTokenAsync(_sendNext, staleToken: token, cancellationToken).ConfigureAwait(false);
        }

        using var retry = HttpPlatform.Clone(request);
        StrategyRequestOptions.StartResend(request, retry);
        _session.Attach(retry, token);
        var retried = await base.SendAsync(retry, cancellationToken).ConfigureAwait(false);
        _session.KeepCookies(retried);
        if (await IsExpiredSessionAsync(retried, cancellationToken).ConfigureAwait(false))
        {
            // Refused again at once: logging in once more would not help, and every call would log in again.
            using (retried)
            {
                throw await StrategyApiException.RefusedAfterRenewalAsync(retried, cancellationToken).ConfigureAwait(false);
            }
        }

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

        var answer = await ErrorAnswer.ReadAsync(response, cancellationToken).ConfigureAwait(false);
        return StrategyErrorClassifier.Classify((int)response.StatusCode, answer.Body.Code) == StrategyErrorKind.SessionExpired;
    }
}
