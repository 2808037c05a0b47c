using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Strategy.Generated;

/// <summary>
/// The names under which the client reports traces and metrics through <see cref="System.Diagnostics"/>.
/// With OpenTelemetry: <c>tracing.AddSource(StrategyDiagnostics.ActivitySourceName)</c> and
/// <c>metrics.AddMeter(StrategyDiagnostics.MeterName)</c>. The library itself depends on no
/// OpenTelemetry package; without a listener the instrumentation costs next to nothing.
/// </summary>
public static class StrategyDiagnostics
{
    /// <summary>The <see cref="ActivitySource"/> name: a span per HTTP attempt and per workflow helper.</summary>
    public const string ActivitySourceName = "Strategy.Generated";

    /// <summary>The <see cref="System.Diagnostics.Metrics.Meter"/> name.</summary>
    public const string MeterName = "Strategy.Generated";

    /// <summary>Counter: HTTP attempts sent, by <c>strategy.operation</c>, <c>http.request.method</c> and <c>http.response.status_class</c>.</summary>
    public const string RequestsInstrument = "strategy.client.requests";

    /// <summary>Histogram (seconds): HTTP attempt duration, with the same tags as <see cref="RequestsInstrument"/>.</summary>
    public const string RequestDurationInstrument = "strategy.client.request.duration";

    /// <summary>Counter: attempts sent again by the retry handler, by <c>strategy.operation</c>.</summary>
    public const string RetriesInstrument = "strategy.client.retries";

    /// <summary>Counter: logins that renewed an expired session.</summary>
    public const string ReloginsInstrument = "strategy.client.relogins";

    /// <summary>Histogram (seconds): workflow helper duration, by <c>strategy.helper</c> and <c>strategy.outcome</c>.</summary>
    public const string WorkflowDurationInstrument = "strategy.workflow.duration";

    /// <summary>Histogram: status polls per workflow helper, by <c>strategy.helper</c> and <c>strategy.outcome</c>.</summary>
    public const string WorkflowPollsInstrument = "strategy.workflow.polls";

    /// <summary>Counter: resources a workflow could not close (an instance left on the server); should stay 0.</summary>
    public const string ResourcesLeftBehindInstrument = "strategy.workflow.resources_left_behind";

    private static readonly string? Version = typeof(StrategyDiagnostics).Assembly.GetName().Version?.ToString();

    internal static readonly ActivitySource Source = new(ActivitySourceName, Version);

    internal static readonly Meter Meter = new(MeterName, Version);

    internal static readonly Counter<long> Requests = Meter.CreateCounter<long>(RequestsInstrument, "{request}", "HTTP attempts sent to the server.");

    internal static readonly Histogram<double> RequestDuration = Meter.CreateHistogram<double>(RequestDurationInstrument, "s", "Duration of HTTP attempts.");

    internal static readonly Counter<long> Retries = Meter.CreateCounter<long>(RetriesInstrument, "{retry}", "Attempts sent again after a transient failure.");

    internal static readonly Counter<long> Relogins = Meter.CreateCounter<long>(ReloginsInstrument, "{login}", "Logins that renewed an expired session.");

    internal static readonly Histogram<double> WorkflowDuration = Meter.CreateHistogram<double>(WorkflowDurationInstrument, "s", "Duration of workflow helpers.");

    internal static readonly Histogram<int> WorkflowPolls = Meter.CreateHistogram<int>(WorkflowPollsInstrument, "{poll}", "Status polls per workflow helper.");

    internal static readonly Counter<long> ResourcesLeftBehind = Meter.CreateCounter<long>(ResourcesLeftBehindInstrument, "{resource}", "Resources a workflow could not close.");
}
