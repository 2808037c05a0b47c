using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Strategy.Generated.Http;

namespace Strategy.Generated.Http;

/// <summary>
/// Logs every attempt (method, path, status, duration) at Debug, failures at Warning. Tokens,
/// cookies and credentials never reach the log: only header names are logged for them, never
/// bodies (a login body holds the password).
/// </summary>
public sealed partial class StrategyLoggingHandler(ILogger logger) : DelegatingHandler
{
    /// <inheritdoc />
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        // A logger that would write nothing (no provider, or above Warning): pass the request straight on.
        logger.IsEnabled(LogLevel.Warning) || logger.IsEnabled(LogLevel.Debug)
            ? SendLoggedAsync(request, cancellationToken)
            : base.SendAsync(request, cancellationToken);

    private async Task<HttpResponseMessage> SendLoggedAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var path = request.RequestUri?.IsAbsoluteUri == true ? request.RequestUri.AbsolutePath : request.RequestUri?.OriginalString;
        if (logger.IsEnabled(LogLevel.Trace))
        {
#pragma warning disable CA1873 // Guarded by the IsEnabled(Trace) above: the headers are described only when traced.
            LogHeaders(logger, request.Method, path, Describe(request.Headers));
#pragma warning restore CA1873
        }

        var started = Stopwatch.GetTimestamp();
        try
        {
            var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            if (response.IsSuccessStatusCode)
            {
                LogAnswered(logger, request.Method, path, (int)response.StatusCode, elapsed);
            }
            else
            {
                LogFailedStatus(logger, request.Method, path, (int)response.StatusCode, elapsed);
            }

            return response;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            LogFailed(logger, request.Method, path, ex.GetType().Name, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            throw;
        }
    }

    /// <summary>Header names with values, secrets replaced by <c>[redacted]</c>.</summary>
    private static string Describe(System.Net.Http.Headers.HttpHeaders headers) =>
        string.Join("; ", headers.Select(h => $"{h.Key}: {(StrategyHeaders.IsSecret(h.Key) ? "[redacted]" : string.Join(",", h.Value))}"));

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Method} {Path} answered {Status} in {ElapsedMs:0} ms")]
    private static partial void LogAnswered(ILogger logger, HttpMethod method, string? path, int status, double elapsedMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Method} {Path} answered {Status} in {ElapsedMs:0} ms")]
    private static partial void LogFailedStatus(ILogger logger, HttpMethod method, string? path, int status, double elapsedMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Method} {Path} failed with {Error} after {ElapsedMs:0} ms")]
    private static partial void LogFailed(ILogger logger, HttpMethod method, string? path, string error, double elapsedMs);

    [LoggerMessage(Level = LogLevel.Trace, Message = "{Method} {Path} sends headers {Headers}")]
    private static partial void LogHeaders(ILogger logger, HttpMethod method, string? path, string headers);
}
