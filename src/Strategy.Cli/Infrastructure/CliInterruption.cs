using Strategy.Generated;
using System.Collections.Concurrent;
using System.Runtime.InteropServices;

namespace Strategy.Cli.Infrastructure;

/// <summary>
/// Turns SIGINT (Ctrl+C) and SIGTERM into cancellation of the running command, so its workflow
/// cleans up (deletes the instance, logs out) before the process exits with 130 or 143. It also
/// knows what the command holds on the server, so a second interrupt during clean-up can exit at
/// once and say what it leaves behind.
/// </summary>
internal sealed class CliInterruption : IDisposable
{
    private readonly CancellationTokenSource _cancellation;
    private readonly ConcurrentDictionary<string, StrategyScopeEvent> _held = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string?> _goingOn = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<StrategyScopeEvent> _released = new();
    private readonly List<PosixSignalRegistration> _registrations = [];
    private readonly TextWriter _error;
    private readonly Lock _gate = new();
    private PosixSignal? _signal;

    /// <param name="error">Where to say what happens.</param>
    /// <param name="cancellationToken">An outer cancellation (tests, hosts) that also cancels the command.</param>
    public CliInterruption(TextWriter error, CancellationToken cancellationToken = default)
    {
        _error = error;
        _cancellation = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
    }

    /// <summary>Cancelled on the first signal.</summary>
    public CancellationToken Token => _cancellation.Token;

    /// <summary>The first signal received, if any.</summary>
    public PosixSignal? Signal
    {
        get
        {
            lock (_gate)
            {
                return _signal;
            }
        }
    }

    /// <summary>The exit code for a cancelled command: 143 after SIGTERM, 130 otherwise (SIGINT, or an outer cancellation).</summary>
    public int ExitCode => Signal == PosixSignal.SIGTERM ? ExitCodes.Terminated : ExitCodes.Cancelled;

    /// <summary>Ends the process on a second interrupt; tests replace it.</summary>
    public Action<int> Exit { get; init; } = Environment.Exit;

    /// <summary>What the command holds on the server right now.</summary>
    public IReadOnlyCollection<StrategyScopeEvent> Held => [.. _held.Values];

    /// <summary>What the command held on the server and deleted after the interrupt (a publish instance).</summary>
    public IReadOnlyCollection<StrategyScopeEvent> Released => [.. _released];

    /// <summary>Work the command started that the server carries on by itself (a reload task, a subscription run), each with why it cannot be stopped, if known.</summary>
    public IReadOnlyCollection<string> GoingOn => [.. _goingOn.Select(w => w.Key + " goes on on the server" + (w.Value is null ? string.Empty : " (" + w.Value + ")"))];

    /// <summary>Notes work that goes on on the server whatever the command does now, so an interrupt can say so.</summary>
    /// <param name="what">The work, such as <c>the run of subscription 0730…</c>.</param>
    /// <param name="whyItGoesOn">Why stopping the command does not stop it, such as <c>a run cannot be stopped through the API</c>.</param>
    public void StartedOnServer(string what, string? whyItGoesOn = null) => _goingOn[what] = whyItGoesOn;

    /// <summary>The work noted with <see cref="StartedOnServer"/> is over.</summary>
    /// <param name="what">The work.</param>
    public void EndedOnServer(string what) => _goingOn.TryRemove(what, out _);

    /// <summary>Registers for SIGINT and SIGTERM, replacing their default (ending the process at once).</summary>
    public static CliInterruption ForProcess(TextWriter error)
    {
        var interruption = new CliInterruption(error);
        foreach (var signal in new[] { PosixSignal.SIGINT, PosixSignal.SIGTERM })
        {
            interruption._registrations.Add(PosixSignalRegistration.Create(signal, context =>
            {
                context.Cancel = true;
                interruption.Interrupt(context.Signal);
            }));
        }

        return interruption;
    }

    /// <summary>Handles a signal: the first cancels the command, the second exits now.</summary>
    public void Interrupt(PosixSignal signal)
    {
        lock (_gate)
        {
            if (_signal is not null)
            {
                ExitNow(signal);
                return;
            }

            _signal = signal;
        }

        _error.WriteLine();
        _error.WriteLine($"{Name(signal)} received: cancelling and cleaning up (interrupt again to exit at once).");

        // Cancel off the signal thread: cancellation runs continuations.
        _ = Task.Run(_cancellation.Cancel);
    }

    /// <summary>Follows the resources a workflow holds, and tells the user what clean-up does.</summary>
    public void OnScopeChanged(StrategyScopeEvent change)
    {
        var what = $"{change.Resource} {change.ResourceId}";
        switch (change.Kind)
        {
            case StrategyScopeEventKind.Opened:
                _held[change.ResourceId] = change;
                break;
            case StrategyScopeEventKind.Reopening:
                _error.WriteLine($"  The {what} expired on the server; starting {change.Operation} again in a new {change.Resource}.");
                break;
            case StrategyScopeEventKind.Closing when change.Cancelled:
                _error.WriteLine($"Cancelling: deleting {what} …");
                break;
            case StrategyScopeEventKind.Closed:
                _held.TryRemove(change.ResourceId, out _);
                if (change.Cancelled)
                {
                    _released.Enqueue(change);
                    _error.WriteLine($"Cancelling: deleted {what}.");
                }

                break;
            case StrategyScopeEventKind.CloseFailed:
                _error.WriteLine($"Could not delete {what}: {Generated.ServerText.Clean(change.Error?.Message ?? "the reason is unknown", 600).TrimEnd('.')}. It stays on the server until it expires.");
                break;
        }
    }

    public void Dispose()
    {
        foreach (var registration in _registrations)
        {
            registration.Dispose();
        }

        _cancellation.Dispose();
    }

    private void ExitNow(PosixSignal signal)
    {
        _error.WriteLine();
        _error.WriteLine($"{Name(signal)} received again: exiting now, without waiting for clean-up.");
        foreach (var held in _held.Values)
        {
            _error.WriteLine($"Left on the server: {held.Resource} {held.ResourceId} of {held.Operation}; it expires once idle (about two minutes on a real server).");
        }

        foreach (var work in _goingOn.Values)
        {
            _error.WriteLine($"Still going on: {work}.");
        }

        _error.WriteLine("The session may stay open on the server until it times out.");
        _error.Flush();
        Exit(ExitCode);
    }

    private static string Name(PosixSignal signal) => signal switch
    {
        PosixSignal.SIGINT => "Interrupt (SIGINT)",
        PosixSignal.SIGTERM => "Termination request (SIGTERM)",
        _ => signal.ToString(),
    };
}
