using System.Diagnostics;
using System.Globalization;
using Strategy.Generated;

namespace Strategy.Cli.Infrastructure;

/// <summary>
/// Listens to the library's spans during one command (<c>--trace</c>) and prints them as a tree:
/// each workflow helper over its HTTP attempts, with durations and statuses.
/// </summary>
internal sealed class TraceRecorder : IDisposable
{
    private readonly List<Activity> _finished = [];
    private readonly ActivityListener _listener;

    public TraceRecorder()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == StrategyDiagnostics.ActivitySourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                lock (_finished)
                {
                    _finished.Add(activity);
                }
            },
        };
        ActivitySource.AddActivityListener(_listener);
    }

    public void Print(TextWriter output)
    {
        List<Activity> spans;
        lock (_finished)
        {
            spans = [.. _finished];
        }

        var ids = spans.Select(s => s.SpanId).ToHashSet();
        output.WriteLine($"Trace ({spans.Count} spans):");
        foreach (var root in spans.Where(s => !ids.Contains(s.ParentSpanId)).OrderBy(s => s.StartTimeUtc))
        {
            Print(output, root, spans, depth: 1);
        }
    }

    public void Dispose() => _listener.Dispose();

    private static void Print(TextWriter output, Activity span, List<Activity> spans, int depth)
    {
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{new string(' ', depth * 2)}{span.DisplayName}  {span.Duration.TotalMilliseconds:0} ms  {Outcome(span)}"));
        foreach (var child in spans.Where(s => s.ParentSpanId == span.SpanId).OrderBy(s => s.StartTimeUtc))
        {
            Print(output, child, spans, depth + 1);
        }
    }

    private static string Outcome(Activity span)
    {
        var parts = new List<string>();
        if (span.GetTagItem("http.response.status_code") is { } status)
        {
            parts.Add(Convert.ToString(status, CultureInfo.InvariantCulture)!);
        }

        if (span.GetTagItem("strategy.outcome") is { } outcome)
        {
            parts.Add(outcome.ToString()!);
        }

        if (span.GetTagItem("strategy.polls") is int polls and > 0)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"{polls} polls"));
        }

        if (span.GetTagItem("strategy.error_code") is { } code)
        {
            parts.Add(code.ToString()!);
        }
        else if (span.Status == ActivityStatusCode.Error && span.GetTagItem("error.type") is { } error)
        {
            parts.Add(error.ToString()!);
        }

        return string.Join(", ", parts);
    }
}
