using System.Diagnostics;
using System.Globalization;

namespace Strategy.Generated.Http;

/// <summary>
/// A span and metrics per HTTP attempt, after OpenTelemetry's HTTP client conventions
/// (<c>http.request.method</c>, <c>server.address</c>, <c>url.path</c>, <c>http.response.status_code</c>,
/// <c>error.type</c>) plus <c>strategy.operation</c>, <c>strategy.error_code</c> and the resend count.
/// Never a query string, a token or a cookie. Sits inside the retry handler, so each attempt is one span.
/// Public like the pipeline's other handlers, for a pipeline composed by hand.
/// </summary>
public sealed class StrategyTelemetryHandler : DelegatingHandler
{
    /// <inheritdoc />
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        // Nobody listening: no span, no measurement, no cost beyond this check.
        StrategyDiagnostics.Source.HasListeners() || StrategyDiagnostics.Requests.Enabled || StrategyDiagnostics.RequestDuration.Enabled
            ? SendObservedAsync(request, cancellationToken)
            : base.SendAsync(request, cancellationToken);

    private async Task<HttpResponseMessage> SendObservedAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var operation = StrategyRequestOptions.OperationId(request);
        var method = request.Method.Method;
        var template = StrategyRequestOptions.PathTemplate(request);
        var activity = StrategyDiagnostics.Source.StartActivity(template is null ? method : method + " " + template, ActivityKind.Client);
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag("http.request.method", method);
            if (request.RequestUri is { IsAbsoluteUri: true } uri)
            {
                activity.SetTag("server.address", uri.Host);
                activity.SetTag("server.port", uri.Port);
                activity.SetTag("url.path", uri.AbsolutePath);
            }

            activity.SetTag("url.template", template);
            activity.SetTag("strategy.operation", operation);
            if (StrategyRequestOptions.Attempt(request) is > 0 and var resends)
            {
                activity.SetTag("http.request.resend_count", resends);
            }
        }

        var started = Stopwatch.GetTimestamp();
        string statusClass = "none";
        try
        {
            var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            var status = (int)response.StatusCode;
            statusClass = StatusClass(status);
            if (activity is not null)
            {
                activity.SetTag("http.response.status_code", status);
                if (status >= 400)
                {
                    activity.SetTag("error.type", status.ToString(CultureInfo.InvariantCulture));
                    activity.SetStatus(ActivityStatusCode.Error);
                    if (await ErrorCodeAsync(response, cancellationToken).ConfigureAwait(false) is { } code)
                    {
                        activity.SetTag("strategy.error_code", code);
                    }
                }
            }

            return response;
        }
        catch (Exception ex)
        {
            activity?.SetTag("error.type", TransportErrors.Describe(ex));
            activity?.SetStatus(ActivityStatusCode.Error, ex.Message);
            throw;
        }
        finally
        {
            var tags = new TagList
            {
                { "strategy.operation", operation },
                { "http.request.method", method },
                { "http.response.status_class", statusClass },
            };
            StrategyDiagnostics.Requests.Add(1, tags);
            StrategyDiagnostics.RequestDuration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, tags);
            activity?.Dispose();
        }
    }

    /// <summary>The status class for metrics (<c>2xx</c>, <c>4xx</c>, ...), from constants so a request allocates no text for it.</summary>
    private static string StatusClass(int status) => status switch
    {
        < 200 => "1xx",
        < 300 => "2xx",
        < 400 => "3xx",
        < 500 => "4xx",
        < 600 => "5xx",
        _ => "other",
    };

    /// <summary>The server's error code from an error answer (buffered, so the client reads it again).</summary>
    private static async Task<string?> ErrorCodeAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            return (await ErrorAnswer.ReadAsync(response, cancellationToken).ConfigureAwait(false)).Body.Code;
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }
}
