using Strategy.Generated;

namespace Strategy.Emulator.State;

/// <summary>
/// The housekeeping state: how often a project's caches were purged, and the user connections the
/// monitor lists per cluster node: other users' seeded on both nodes, and
/// every live emulator session on the first. Disconnecting ends a seeded connection or a live session;
/// the caller's own session is refused as a server refuses it (500 ERR001).
/// </summary>
internal sealed class HousekeepingState
{
    private readonly object _gate = new();
    private readonly List<(string Node, UserConnection Connection)> _others;

    public HousekeepingState(DateTimeOffset started)
    {
        _others =
        [
            (Seeds.Nodes[0], Other("C0A8000111D2F2C6C0000C9A7DCA4C1F", "analyst1", "Ana Lyst", started.AddHours(-2), "Library")),
            (Seeds.Nodes[0], Other("C0A8000211D2F2C6C0000C9A7DCA4C1F", "analyst2", "Ann Other", started.AddMinutes(-45), "Workstation")),
            (Seeds.Nodes[1], Other("C0A8000311D2F2C6C0000C9A7DCA4C1F", "designer", "Dee Signer", started.AddMinutes(-10), "Library")),
        ];
    }

    /// <summary>The node's connections, the sessions first (every session is on the first node).</summary>
    public IReadOnlyList<UserConnection> On(string node, IEnumerable<SessionRecord> sessions, DateTimeOffset now)
    {
        var own = node.Equals(Seeds.Nodes[0], StringComparison.OrdinalIgnoreCase)
            ? sessions.Select(s => Connection(s.ConnectionId, "administrator", "Administrator", s.Created, "REST API", now)).ToList()
            : [];
        lock (_gate)
        {
            return [.. own, .. _others.Where(o => o.Node.Equals(node, StringComparison.OrdinalIgnoreCase)).Select(o => o.Connection)];
        }
    }

    private readonly Dictionary<string, int> _purges = new(StringComparer.Ordinal);

    /// <summary>How many times the project's caches of this type were purged.</summary>
    public int PurgeCount(string cacheType)
    {
        lock (_gate)
        {
            return _purges.TryGetValue(cacheType, out var count) ? count : 0;
        }
    }

    /// <summary>Records a purge of the project's caches of this type.</summary>
    public void Purged(string cacheType)
    {
        lock (_gate)
        {
            _purges[cacheType] = PurgeCount(cacheType) + 1;
        }
    }

    /// <summary>Ends a seeded connection; whether there was one.</summary>
    public bool EndOther(string connectionId)
    {
        lock (_gate)
        {
            return _others.RemoveAll(o => o.Connection.Id!.Equals(connectionId, StringComparison.OrdinalIgnoreCase)) > 0;
        }
    }

    private static UserConnection Other(string id, string username, string fullName, DateTimeOffset created, string client) =>
        Connection(id, username, fullName, created, client, created);

    private static UserConnection Connection(string id, string username, string fullName, DateTimeOffset created, string client, DateTimeOffset now) => new()
    {
        Id = id,
        Username = username,
        UserFullName = fullName,
        ProjectId = Seeds.ProjectId,
        ProjectName = Seeds.ProjectName,
        OpenJobsCount = 0,
        DateConnectionCreated = created.ToString("yyyy-MM-dd'T'HH:mm:ss.fffzzz", System.Globalization.CultureInfo.InvariantCulture),
        Duration = (long)Math.Max(0, (now - created).TotalSeconds),
        SessionId = id,
        Client = client,
        ConfigLevel = "project",
    };
}
