using System.Globalization;
using Strategy.Generated.Waiting;

namespace Strategy.Cli.Infrastructure;

/// <summary>Shows a wait's progress: one redrawn line on a terminal, one line per status change otherwise.</summary>
internal sealed class ProgressPrinter<T>(CliConsole console, string what) : IProgress<StrategyWaitProgress<T>>, IDisposable
{
    private string? _lastState;
    private bool _drewLine;

    public void Report(StrategyWaitProgress<T> value)
    {
        var text = string.Create(CultureInfo.InvariantCulture, $"  {what}: {value.State} ({value.Elapsed.TotalSeconds:0.0} s, check {value.Attempt})");
        if (console.ProgressIsLive)
        {
            console.Error.Write("\r" + text.PadRight(72));
            _drewLine = true;
        }
        else if (value.State != _lastState)
        {
            console.Error.WriteLine(text);
        }

        _lastState = value.State;
    }

    public void Dispose()
    {
        if (_drewLine)
        {
            console.Error.WriteLine();
        }
    }
}
