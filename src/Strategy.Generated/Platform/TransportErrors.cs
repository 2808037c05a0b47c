using System.Net;
using System.Net.Sockets;
using System.Reflection;

namespace Strategy.Generated;

/// <summary>
/// What a failed send says about the connection, read the same way on every asset: .NET 8 names
/// the cause (<c>HttpRequestError</c>) and .NET 5 the status; the .NET Standard build reads those
/// properties where the runtime has them, and otherwise the nested socket or web exception.
/// </summary>
internal static class TransportErrors
{
    /// <summary>The cause's name for telemetry (<c>error.type</c>): the <c>HttpRequestError</c> name where one is known.</summary>
    public static string Describe(Exception exception) =>
        exception is HttpRequestException http && Cause(http) is { } cause ? cause : exception.GetType().FullName!;

    /// <summary>
    /// Whether the request never reached the server: the name did not resolve or the connection was
    /// refused. Only then may a request that changes something be sent again.
    /// </summary>
    public static bool NeverReachedServer(Exception exception) =>
        exception is HttpRequestException http && Cause(http) is NameResolutionError or ConnectionError;

    /// <summary>
    /// Whether the server could not be talked to at all (refused, reset, no such host): a failure
    /// without an HTTP answer, as the transport raises it or as a call reports it once typed
    /// (<see cref="StrategyUnreachableException"/> for failed connections, not for a time limit).
    /// </summary>
    public static bool IsConnectionFailure(Exception exception) =>
        exception is StrategyUnreachableException { TimeLimit: null } ||
#if NET5_0_OR_GREATER
        exception is HttpRequestException { StatusCode: null };
#else
        (exception is HttpRequestException http && StatusCodeProperty?.GetValue(http) is null);
#endif

    /// <summary>Whether the TLS handshake failed: a refused certificate, or a server that does not speak TLS.</summary>
    public static bool IsSecureConnectionFailure(Exception exception) =>
        (exception is HttpRequestException http && NamedCause(http) == SecureConnectionError)
        || Inner(exception).Any(inner => inner is System.Security.Authentication.AuthenticationException);

    private static IEnumerable<Exception> Inner(Exception exception)
    {
        for (var inner = exception.InnerException; inner is not null; inner = inner.InnerException)
        {
            yield return inner;
        }
    }

    private const string SecureConnectionError = "SecureConnectionError";
    private const string NameResolutionError = "NameResolutionError";
    private const string ConnectionError = "ConnectionError";

    private static string? Cause(HttpRequestException exception) => NamedCause(exception) ?? CauseFromInner(exception);

#if NET8_0_OR_GREATER
    private static string? NamedCause(HttpRequestException exception) =>
        exception.HttpRequestError == HttpRequestError.Unknown ? null : exception.HttpRequestError.ToString();
#else
    // A .NET Standard build on a newer runtime: the properties are there, only this build cannot name them.
    private static readonly PropertyInfo? HttpRequestErrorProperty = typeof(HttpRequestException).GetProperty("HttpRequestError");
    private static readonly PropertyInfo? StatusCodeProperty = typeof(HttpRequestException).GetProperty("StatusCode");

    private static string? NamedCause(HttpRequestException exception) =>
        HttpRequestErrorProperty?.GetValue(exception)?.ToString() is { } name && name != "Unknown" ? name : null;
#endif

    /// <summary>The cause read from the nested exceptions, as frameworks without <c>HttpRequestError</c> report it.</summary>
    internal static string? CauseFromInner(Exception exception)
    {
        for (var inner = exception.InnerException; inner is not null; inner = inner.InnerException)
        {
            switch (inner)
            {
                case SocketException { SocketErrorCode: SocketError.HostNotFound or SocketError.TryAgain or SocketError.NoData }:
                case WebException { Status: WebExceptionStatus.NameResolutionFailure or WebExceptionStatus.ProxyNameResolutionFailure }:
                    return NameResolutionError;
                case SocketException { SocketErrorCode: SocketError.ConnectionRefused or SocketError.HostUnreachable or SocketError.NetworkUnreachable or SocketError.AddressNotAvailable }:
                case WebException { Status: WebExceptionStatus.ConnectFailure }:
                    return ConnectionError;
            }
        }

        return null;
    }
}
