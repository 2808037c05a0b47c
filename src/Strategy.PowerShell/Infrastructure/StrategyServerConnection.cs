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
        await Connection.DisposeAsync().ConfigureAwait(false);
    }

    /// <inheritdoc />
    public override string ToString() => $"{BaseUrl} project {ProjectId} as {User}";
}
