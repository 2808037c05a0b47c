using System.Net;
using Strategy.Generated.Http;

namespace Strategy.Generated;

/// <summary>
/// The HTTP pieces that differ between .NET and .NET Standard 2.0 (the .NET Framework), each
/// behind one call so the handlers above have one code path.
/// </summary>
internal static class HttpPlatform
{
    /// <summary>
    /// The innermost handler. Cookies are the session's, not the handler's. Redirects are not
    /// followed: a Strategy server never redirects an API call, so a redirect means the address
    /// leads somewhere else (a sign-in page), and following it would send the session token to
    /// wherever it points. On .NET, connecting is limited to <paramref name="connectTimeout"/> (a
    /// connection failure, like a refused one, so even a login may be sent again) and connections
    /// are recycled so DNS changes are seen; the .NET Framework's handler leaves both to the
    /// system. Servers' certificates are checked by <paramref name="certificates"/>: the system's
    /// trust, plus any certificate authority it was given.
    /// </summary>
    public static HttpMessageHandler CreatePrimaryHandler(ServerCertificates certificates, TimeSpan connectTimeout)
    {
#if NET5_0_OR_GREATER
        var handler = new SocketsHttpHandler
        {
            UseCookies = false,
            AllowAutoRedirect = false,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            ConnectCallback = (context, cancellationToken) => ConnectAsync(context.DnsEndPoint, connectTimeout, cancellationToken),
        };
        handler.SslOptions.RemoteCertificateValidationCallback = (sender, certificate, chain, errors) =>
            certificates.Validate((sender as System.Net.Security.SslStream)?.TargetHostName ?? string.Empty, certificate, chain, errors);
        return handler;
#else
        var handler = new HttpClientHandler
        {
            UseCookies = false,
            AllowAutoRedirect = false,
            ServerCertificateCustomValidationCallback = (request, certificate, chain, errors) =>
                certificates.Validate(request.RequestUri?.Host ?? string.Empty, certificate, chain, errors),
        };
        try
        {
            // The .NET Framework allows two connections per server to a desktop process, which would
            // queue concurrent workflows and prefetched pages behind each other; .NET has no such limit.
            handler.MaxConnectionsPerServer = UnlimitedConnections;
        }
        catch (PlatformNotSupportedException)
        {
            // A platform whose handler does not expose the limit keeps its own.
        }

        return handler;
#endif
    }

#if NET5_0_OR_GREATER
    /// <summary>
    /// Connects as the runtime's own handler does, within <paramref name="timeout"/>. Running out is
    /// a socket time-out, which the handler reports as a connection failure (the request was never sent).
    /// </summary>
    private static async ValueTask<Stream> ConnectAsync(DnsEndPoint endPoint, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var socket = new System.Net.Sockets.Socket(System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp) { NoDelay = true };
        using var limit = new CancellationTokenSource(timeout);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, limit.Token);
        try
        {
            await socket.ConnectAsync(endPoint, linked.Token).ConfigureAwait(false);
            return new System.Net.Sockets.NetworkStream(socket, ownsSocket: true);
        }
        catch (OperationCanceledException) when (limit.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            socket.Dispose();
            throw new System.Net.Sockets.SocketException((int)System.Net.Sockets.SocketError.TimedOut);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
#endif

#if !NET5_0_OR_GREATER
    private const int UnlimitedConnections = int.MaxValue;
#endif

    /// <summary>
    /// Every cookie in <paramref name="cookies"/>, or <see langword="null"/> where the framework cannot
    /// list them (.NET Standard 2.0): callers then ask the container for each request's header.
    /// </summary>
    public static CookieCollection? AllCookies(CookieContainer cookies) =>
#if NET6_0_OR_GREATER
        cookies.GetAllCookies();
#else
        null;
#endif

    /// <summary>Records <paramref name="value"/> on the request under <paramref name="key"/> for the handlers further on.</summary>
    public static void SetProperty<T>(HttpRequestMessage request, string key, T value)
        where T : class =>
#if NET5_0_OR_GREATER
        request.Options.Set(new HttpRequestOptionsKey<T>(key), value);
#else
        request.Properties[key] = value;
#endif

    /// <summary>What the request carries under <paramref name="key"/>, or <see langword="null"/>.</summary>
    public static T? GetProperty<T>(HttpRequestMessage request, string key)
        where T : class =>
#if NET5_0_OR_GREATER
        request.Options.TryGetValue(new HttpRequestOptionsKey<T>(key), out var value) ? value : null;
#else
        request.Properties.TryGetValue(key, out var value) ? value as T : null;
#endif

    /// <summary>The content's stream, with cancellation where the framework takes it (the caller ends a read on .NET Standard by disposing the answer).</summary>
    public static Task<Stream> ReadAsStreamAsync(HttpContent content, CancellationToken cancellationToken) =>
#if NET5_0_OR_GREATER
        content.ReadAsStreamAsync(cancellationToken);
#else
        content.ReadAsStreamAsync();
#endif

    /// <summary>A copy of <paramref name="request"/> to send again: same method, address, content, version, headers and properties.</summary>
    public static HttpRequestMessage Clone(HttpRequestMessage request)
    {
        var clone = request is StrategyRequestMessage original
            ? new StrategyRequestMessage { Method = request.Method, RequestUri = request.RequestUri, Content = request.Content, Version = request.Version, Record = original.Record }
            : new HttpRequestMessage(request.Method, request.RequestUri) { Content = request.Content, Version = request.Version };
#if NET5_0_OR_GREATER
        clone.VersionPolicy = request.VersionPolicy;
        var properties = (IDictionary<string, object?>)request.Options;
        var cloneProperties = (IDictionary<string, object?>)clone.Options;
#else
        var properties = request.Properties;
        var cloneProperties = clone.Properties;
#endif
        foreach (var header in request.Headers)
        {
            clone.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }

        foreach (var property in properties)
        {
            cloneProperties[property.Key] = property.Value;
        }

        return clone;
    }
}
