using System.Collections.Concurrent;
using System.Diagnostics;

namespace Strategy.Samples.Tests;

/// <summary>A program of the repository (the worker, the emulator) as a child process, its output kept line by line.</summary>
internal sealed class ChildProcess : IDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _lines = new();

    private ChildProcess(Process process)
    {
        _process = process;
        process.OutputDataReceived += (_, e) => Keep(e.Data);
        process.ErrorDataReceived += (_, e) => Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public string Output => string.Join(Environment.NewLine, _lines);

    public bool HasExited => _process.HasExited;

    public static ChildProcess Start(string dll, IEnumerable<string> arguments, IReadOnlyDictionary<string, string> environment)
    {
        var info = new ProcessStartInfo("dotnet", [dll, .. arguments]) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var (name, value) in environment)
        {
            info.Environment[name] = value;
        }

        return new ChildProcess(Process.Start(info)!);
    }

    /// <summary>Waits until a line contains <paramref name="text"/>; answers the line.</summary>
    public async Task<string?> WaitForLineAsync(string text, TimeSpan limit)
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            if (_lines.FirstOrDefault(l => l.Contains(text, StringComparison.Ordinal)) is { } line)
            {
                return line;
            }

            if (_process.HasExited || waited.Elapsed >= limit)
            {
                return null;
            }

            await Task.Delay(50);
        }
    }

    public void Kill() => _process.Kill(entireProcessTree: true);

    /// <summary>Asks it to stop (SIGTERM), as a service manager does, and waits.</summary>
    public async Task StopAsync(TimeSpan limit)
    {
        if (_process.HasExited)
        {
            return;
        }

        _ = Kill(_process.Id, 15);
        using var cancel = new CancellationTokenSource(limit);
        try
        {
            await _process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
        }
    }

    public async Task<int> WaitForExitAsync(TimeSpan limit)
    {
        using var cancel = new CancellationTokenSource(limit);
        await _process.WaitForExitAsync(cancel.Token);
        return _process.ExitCode;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.Dispose();
    }

    [System.Runtime.InteropServices.DllImport("libc", SetLastError = true, EntryPoint = "kill")]
    private static extern int Kill(int pid, int signal);

    private void Keep(string? line)
    {
        if (line is not null)
        {
            _lines.Enqueue(line);
        }
    }
}
