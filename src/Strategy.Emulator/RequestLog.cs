using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Strategy.Emulator;

/// <summary>
/// One line per request, as a quiet test server writes it: method, path (no query string, no
/// headers: tokens and cookies never appear), status and time. Category <see cref="Category"/>,
/// at Information; the program's <c>--quiet</c> and <c>--log-level</c> set what shows.
/// </summary>
internal static partial class RequestLog
{
    /// <summary>The log category of the request lines.</summary>
    public const string Category = "Strategy.Emulator.Requests";

    public static Func<HttpContext, RequestDelegate, Task> Middleware(ILoggerFactory loggers)
    {
        var logger = loggers.CreateLogger(Category);
        return async (context, next) =>
        {
            if (!logger.IsEnabled(LogLevel.Information))
            {
                await next(context).ConfigureAwait(false);
                return;
            }

            var started = Stopwatch.GetTimestamp();
            try
            {
                await next(context).ConfigureAwait(false);
            }
            finally
            {
                // Checked once above: the line is only built when it is written.
#pragma warning disable CA1873
                Answered(logger, context.Request.Method, context.Request.PathBase + context.Request.Path, context.Response.StatusCode, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
#pragma warning restore CA1873
            }
        };
    }

    [LoggerMessage(EventId = 1, EventName = "Request", Level = LogLevel.Information, Message = "{Method} {Path} {Status} {ElapsedMs:0} ms")]
    private static partial void Answered(ILogger logger, string method, string path, int status, double elapsedMs);
}
