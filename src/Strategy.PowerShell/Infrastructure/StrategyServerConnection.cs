using System.Collections.Concurrent;
using System.Management.Automation.Runspaces;
using System.Runtime.CompilerServices;
using Strategy.Generated;

namespace Strategy.PowerShell;

/// <summary>
/// A connection made by <c>Connect-StrategyServer</c>: the server, the project, who is logged in.
/// It holds the session; its password or token is never a property, so no <c>Format-*</c>,
/// <c>ConvertTo-Json</c> or stream shows it.
/// </summary>
public sealed class StrategyServerConnection
{
    // One default per runspace: a script's Connect-StrategyServer is not another runspace's (jobs, -Parallel, a host's pool).
    private static readonly ConditionalWeakTable<Runspace, StrategyServerConnection> Defaults = new();

    internal StrategyServerConnection(StrategyConnection connection, Uri baseUrl, string projectId, string user)
    {
        Connection = connection;
        BaseUrl = baseUrl;
        ProjectId = projectId;
        User = user;
    }

    /// <summary>The server.</summary>
    public Uri BaseUrl { get; }

    /// <summary>The project the cmdlets work in.</summary>
    public string ProjectId { get; }

    /// <summary>Who is logged in (the login name, or "API token").</summary>
    public string User { get; }

    /// <summary>Whether the session is open.</summary>
    public bool IsConnected => !Closed && Connection.Session.IsLoggedIn;

    internal StrategyConnection Connection { get; }

    // Connections not yet disconnected, logged out when their runspace closes or the process exits.
    private static readonly ConcurrentDictionary<StrategyServerConnection, byte> Open = new();
    private static int _exitHooked;
    private Runspace? _runspace;

    internal bool Closed { get; private set; }

    /// <summary>The connection the cmdlets use when none is given: the last one made in the runspace running the cmdlet.</summary>
    internal static StrategyServerConnection? Default
    {
        get => Runspace.DefaultRunspace is { } runspace && Defaults.TryGetValue(runspace, out var connection) ? connection : null;
        set
        {
            if (Runspace.DefaultRunspace is not { } runspace)
            {
                return;
            }

            lock (Defaults)
            {
                Defaults.Remove(runspace);
                if (value is not null)
                {
                    Defaults.Add(runspace, value);
                }
            }
        }
    }

    /// <summary>A client of the library on this connection, in its project.</summary>
    internal T Client<T>()
        where T : Generated.Http.StrategyClientBase
    {
        var client = Connection.CreateClient<T>();
        client.ProjectId = ProjectId;
        return client;
    }

    internal async Task CloseAsync()
    {
        Closed = true;
        Open.TryRemove(this, out _);
        await Connection.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>
    /// Keeps the connection open until it is disconnected, or until what made it goes away: its
    /// runspace closes, the module is removed, or the process exits (after Ctrl+C too). Then it
    /// is logged out, so no session is left counting against the server's limits.
    /// </summary>
    internal void KeepUntilGone()
    {
        Open[this] = 0;
        if (Interlocked.Exchange(ref _exitHooked, 1) == 0)
        {
            AppDomain.CurrentDomain.ProcessExit += (_, _) => CloseAll(_ => true);
        }

        if (Runspace.DefaultRunspace is { } runspace)
        {
            _runspace = runspace;
            runspace.StateChanged += (_, e) =>
            {
                if (e.RunspaceStateInfo.State is RunspaceState.Closing or RunspaceState.Closed or RunspaceState.Broken)
                {
                    CloseAll(c => ReferenceEquals(c._runspace, runspace));
                }
            };
        }
    }

    /// <summary>Logs out the open connections <paramref name="which"/> selects, within the library's logout limit: a logout must not hold up an exit.</summary>
    internal static void CloseAll(Func<StrategyServerConnection, bool> which)
    {
        var closing = Open.Keys.Where(which).Select(c => c.CloseAsync()).ToArray();
        try
        {
            Task.WaitAll(closing, Generated.Http.StrategySession.LogoutTimeLimit);
        }
        catch (AggregateException)
        {
            // The session expires on the server on its own.
        }
    }

    /// <inheritdoc />
    public override string ToString() => $"{BaseUrl} project {ProjectId} as {User}";
}
