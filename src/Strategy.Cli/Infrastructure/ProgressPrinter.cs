using Strategy.Generated;
using System.Globalization;

namespace Strategy.Cli.Infrastructure;

/// <summary>
/// Shows a wait's progress: one redrawn line on a terminal, one line per status change otherwise. It
/// receives progress as values from any wait (typed or resumed from a token) and formats it here, once.
/// </summary>
/// <param name="describe">Puts a status in words; the spec's words for it (<see cref="IStrategyWaitProgress.Words"/>) when <see langword="null"/>.</param>
/// <param name="onStatus">Sees each status before it is shown (to note what now runs on the server).</param>
internal sealed class ProgressPrinter(CliConsole console, string what, Func<object, string?>? describe = null, Action<object>? onStatus = null) : IProgress<IStrategyWaitProgress>, IDisposable
{
    private string? _lastState;
    private bool _drewLine;

    /// <summary>A printer for statuses of type <typeparamref name="T"/>, put in words by <paramref name="describe"/>.</summary>
    public static ProgressPrinter Of<T>(CliConsole console, string what, Func<T, string>? describe = null, Action<T>? onStatus = null) =>
        new(
            console,
            what,
            describe is null ? null : status => status is T typed ? describe(typed) : null,
            onStatus is null ? null : status =>
            {
                if (status is T typed)
                {
                    onStatus(typed);
                }
            });

    public void Report(IStrategyWaitProgress value)
    {
        if (value.StatusValue is { } seen)
        {
            onStatus?.Invoke(seen);
        }

        var state = (value.StatusValue is { } status ? describe?.Invoke(status) : null) ?? value.Words;
        var text = string.Create(CultureInfo.InvariantCulture, $"  {what}: {state} ({value.Elapsed.TotalSeconds:0.0} s, check {value.Attempt})");
        if (console.ProgressIsLive)
        {
            console.RedrawLine(text.PadRight(72));
            _drewLine = true;
        }
        else if (state != _lastState)
        {
            console.Error.WriteLine(text);
        }

        _lastState = state;
    }

    public void Dispose()
    {
        if (_drewLine)
        {
            console.Error.WriteLine();
            _drewLine = false;
        }
    }
}
