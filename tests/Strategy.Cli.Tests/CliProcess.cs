using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;
using Strategy.Emulator;

namespace Strategy.Cli.Tests;

/// <summary>The <c>strategy</c> command as a child process against an emulator on a real port, with its stdout and stderr captured as they come.</summary>
internal sealed class CliProcess : IDisposable
{
    private static readonly string CliPath = Path.Combine(AppContext.BaseDirectory, "strategy.dll");

    /// <summary>The cache folder every command of this test run shares (its startup profiles), not the user's.</summary>
    internal static readonly string CacheFolder = Directory.CreateTempSubdirectory("strategy-cli-tests-cache-").FullName;

    private readonly Process _process;
    private readonly StringBuilder _error = new();
    private readonly StringBuilder _output = new();
    private readonly Lock _gate = new();
    private readonly CancellationTokenSource _sampling = new();
    private long _peakKilobytes;

    private CliProcess(Process process) => _process = process;

    /// <summary>
    /// The largest resident memory the process had, in MB, as the kernel counts it (VmHWM, its high-water
    /// mark, read every few milliseconds while it runs); 0 where /proc is not there.
    /// </summary>
    public double PeakMemoryMegabytes => Interlocked.Read(ref _peakKilobytes) / 1024.0;

    /// <summary>What the command printed to stdout so far.</summary>
    public string Output
    {
        get
        {
            lock (_gate)
            {
                return _output.ToString();
            }
        }
    }

    public string Error
    {
        get
        {
            lock (_gate)
            {
                return _error.ToString();
            }
        }
    }

    /// <summary>Starts the command against <paramref name="emulator"/>, with an empty password in the environment.</summary>
    public static CliProcess Start(StrategyEmulator emulator, params string[] args) =>
        StartWith(new Dictionary<string, string?> { ["STRATEGY_PASSWORD"] = string.Empty }, [.. args, "--base-url", emulator.BaseUrl.ToString(), "--project", Seeds.ProjectId, "--poll-interval", "0.2"]);

    /// <summary>
    /// Starts the command as a scheduler would: exactly these arguments, no terminal (stdin, stdout and
    /// stderr redirected), and an environment without any STRATEGY_ variable but those given (a null value removes one).
    /// </summary>
    public static CliProcess StartWith(IReadOnlyDictionary<string, string?> environment, params string[] args)
    {
        // env --default-signal (GNU coreutils, so Linux only): a child started from a background job
        // inherits SIGINT as ignored, and .NET keeps it ignored; a terminal's foreground process has the
        // default. Elsewhere the command starts as it is; the signal tests run on Linux only.
        string[] command = OperatingSystem.IsLinux() ? ["env", "--default-signal=INT,TERM", "dotnet", CliPath] : ["dotnet", CliPath];
        var start = new ProcessStartInfo(command[0]) { RedirectStandardError = true, RedirectStandardOutput = true, RedirectStandardInput = true, UseShellExecute = false };
        foreach (var arg in command.Skip(1).Concat(args))
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var inherited in start.Environment.Keys.Where(k => k.StartsWith("STRATEGY_", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(inherited);
        }

        start.Environment["XDG_CACHE_HOME"] = CacheFolder;
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        var process = new Process { StartInfo = start };
        var cli = new CliProcess(process);
        process.ErrorDataReceived += (_, e) =>
        {
            lock (cli._gate)
            {
                cli._error.AppendLine(e.Data);
            }
        };
        process.OutputDataReceived += (_, e) =>
        {
            lock (cli._gate)
            {
                cli._output.AppendLine(e.Data);
            }
        };
        process.Start();
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        _ = cli.SampleMemoryAsync();
        return cli;
    }

    private async Task SampleMemoryAsync()
    {
        var status = $"/proc/{_process.Id}/status";
        while (!_sampling.IsCancellationRequested && File.Exists(status))
        {
            try
            {
                var line = File.ReadLines(status).FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
                if (line is not null && long.TryParse(line["VmHWM:".Length..].Replace("kB", string.Empty, StringComparison.Ordinal).Trim(), out var kilobytes))
                {
                    // The high-water mark only grows: the last reading before the exit is the peak.
                    Interlocked.Exchange(ref _peakKilobytes, Math.Max(Interlocked.Read(ref _peakKilobytes), kilobytes));
                }
            }
            catch (IOException)
            {
                return;
            }

            await Task.Delay(10);
        }
    }

    public async Task WaitForErrorAsync(string text)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!Error.Contains(text, StringComparison.Ordinal))
        {
            Assert.That(_process.HasExited, Is.False, () => $"the command ended before printing '{text}':\n{Error}");
            await Task.Delay(50, timeout.Token);
        }
    }

    /// <summary>Whether the command has ended.</summary>
    public bool HasExited => _process.HasExited;

    public void Signal(int signal) => Assert.That(Kill(_process.Id, signal), Is.Zero, $"kill({_process.Id}, {signal})");

    public async Task<int> WaitForExitAsync(TimeSpan limit)
    {
        using var timeout = new CancellationTokenSource(limit);
        await _process.WaitForExitAsync(timeout.Token);

        // The exit can be seen before the last redirected lines are read: wait for the streams to end.
        _process.WaitForExit();
        return _process.ExitCode;
    }

    public void Dispose()
    {
        _sampling.Cancel();
        _sampling.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.Dispose();
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}
