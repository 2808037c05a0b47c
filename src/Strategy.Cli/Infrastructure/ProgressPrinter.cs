using Strategy.Generated;
using System.Globalization;

namespace Strategy.Cli.Infrastructure;

/// <summary>Shows a wait's progress: one redrawn line on a terminal, one line per status change otherwise.</summary>
/// <param name="describe">Puts a status in words; the spec's words for it (<see cref="StrategyWaitProgress{TStatus}.Words"/>) when <see langword="null"/>.</param>
/// <param name="onStatus">Sees each status before it is shown (to note what now runs on the server).</param>
internal sealed class ProgressPrinter<T>(CliConsole console, string what, Func<T, string>? describe = null, Action<T>? onStatus = null) : IProgress<StrategyWaitProgress<T>>, IDisposable
{
    private string? _lastState;
    private bool _drewLine;

    public void Report(StrategyWaitProgress<T> value)
    {
        if (value.Status is { } seen)
        {
            onStatus?.Invoke(seen);
        }

        var state = describe is not null && value.Status is { } status ? describe(status) : value.Words;
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
