using System.Diagnostics;

namespace Strategy.Generated;

/// <summary>
/// The span and metrics of one workflow helper: every observed status as an event, the number of
/// polls, the outcome, an error status with the server's code on failure, and the duration.
/// </summary>
internal sealed class WorkflowSpan : IDisposable
{
    private readonly StrategyWorkflow _workflow;
    private readonly Activity? _activity;
    private readonly long _started = Stopwatch.GetTimestamp();
    private string _outcome = "succeeded";
    private int _polls;

    private WorkflowSpan(StrategyWorkflow workflow)
    {
        _workflow = workflow;
        _activity = StrategyDiagnostics.Source.StartActivity(workflow.Helper, ActivityKind.Internal, default(ActivityContext), workflow.Tags);
        _activity?.SetTag("strategy.helper", workflow.Helper);
    }

    public static WorkflowSpan Start(StrategyWorkflow workflow) => new(workflow);

    /// <summary>The span, to make the current one again around work done for it (a page fetch between yields).</summary>
    public Activity? Activity => _activity;

    public void Tag(string key, object? value) => _activity?.SetTag(key, value);

    public void Event(string name, string key, object? value) =>
        _activity?.AddEvent(new ActivityEvent(name, tags: new ActivityTagsCollection { [key] = value }));

    public void Polled(string status)
    {
        _polls++;
        Event("strategy.status", "strategy.status", status);
    }

    public void Outcome(string outcome) => _outcome = outcome;

    /// <summary>Records why the helper ended with <paramref name="error"/>.</summary>
    public void Failed(Exception error)
    {
        _outcome = error switch
        {
            StrategyOperationFailedException => "failed",
            StrategyWaitTimeoutException => "timed_out",
            OperationCanceledException => "cancelled",
            StrategyResourceExpiredException => "expired",
            StrategyUnreachableException => "unreachable",
            _ => "error",
        };
        if (_activity is null || error is OperationCanceledException)
        {
            // The caller stopped it: the outcome says so; it is not an error of the workflow.
            return;
        }

        var code = error switch
        {
            StrategyApiException api => api.ErrorCode,
            StrategyOperationFailedException failed => (failed.Failures.Count > 0 ? failed.Failures[0].Code : null) ?? failed.State,
            StrategyResourceExpiredException { InnerException: StrategyApiException api } => api.ErrorCode,
            _ => null,
        };
        if (code is not null)
        {
            _activity.SetTag("strategy.error_code", code);
        }

        _activity.SetTag("error.type", error.GetType().FullName);
        _activity.SetStatus(ActivityStatusCode.Error, error.Message);
    }

    public void Dispose()
    {
        var elapsed = Stopwatch.GetElapsedTime(_started).TotalSeconds;
        var helper = new KeyValuePair<string, object?>("strategy.helper", _workflow.Helper);
        var outcome = new KeyValuePair<string, object?>("strategy.outcome", _outcome);
        StrategyDiagnostics.WorkflowDuration.Record(elapsed, helper, outcome);
        if (_polls > 0)
        {
            StrategyDiagnostics.WorkflowPolls.Record(_polls, helper, outcome);
        }

        if (_activity is not null)
        {
            _activity.SetTag("strategy.outcome", _outcome);
            _activity.SetTag("strategy.polls", _polls);
            _activity.Dispose();
        }
    }
}
