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

    // The seeded project's status per node: what it shows, and, while a change is pending, what it becomes and when.
    private readonly Dictionary<string, (string Shown, string? Becomes, DateTimeOffset At)> _projectOnNode =
        Seeds.Nodes.ToDictionary(node => node, _ => ("loaded", (string?)null, DateTimeOffset.MinValue), StringComparer.OrdinalIgnoreCase);

    private readonly HashSet<string> _holdNextChange = new(StringComparer.OrdinalIgnoreCase);

    // The project's report and dashboard caches per node, by combined id (base64 of the cache, the project and the node).
    private readonly Dictionary<string, List<(string CombinedId, ContentCache Cache)>> _contentCaches = Seeds.Nodes.ToDictionary(
        node => node,
        node => Enumerable.Range(1, node == Seeds.Nodes[0] ? 3 : 2).Select(i => ContentCacheOf(node, i)).ToList(),
        StringComparer.OrdinalIgnoreCase);

    private int _expireAfterNextList;

    /// <summary>The project's content caches on <paramref name="node"/>, in order; after a list that was told to, the caches it answered expire.</summary>
    public IReadOnlyList<(string CombinedId, ContentCache Cache)> ContentCachesOn(string node)
    {
        lock (_gate)
        {
            return [.. _contentCaches[node]];
        }
    }

    /// <summary>Makes the caches the next list answers expire right after it (as caches do between two pages).</summary>
    public void ExpireAfterNextList()
    {
        lock (_gate)
        {
            _expireAfterNextList = 1;
        }
    }

    /// <summary>After a list: the caches it answered expire when the list was told to (once).</summary>
    public void Listed(string node, IEnumerable<string> combinedIds)
    {
        lock (_gate)
        {
            if (_expireAfterNextList == 1)
            {
                _expireAfterNextList = 0;
                var gone = combinedIds.ToHashSet(StringComparer.Ordinal);
                _contentCaches[node].RemoveAll(c => gone.Contains(c.CombinedId));
            }
        }
    }

    /// <summary>
    /// Applies content cache changes on <paramref name="node"/>, all or none: the combined id of the
    /// first cache the node does not hold, or <see langword="null"/> when every change was made.
    /// </summary>
    public string? ChangeContentCaches(string node, IReadOnlyList<(string CombinedId, string? Flag, bool? Value)> changes)
    {
        lock (_gate)
        {
            var caches = _contentCaches[node];
            if (changes.FirstOrDefault(c => caches.All(k => k.CombinedId != c.CombinedId)) is { CombinedId: { } missing })
            {
                return missing;
            }

            foreach (var (combinedId, flag, value) in changes)
            {
                var index = caches.FindIndex(k => k.CombinedId == combinedId);
                var status = caches[index].Cache.Status!;
                switch (flag)
                {
                    case null:
                        caches.RemoveAt(index);
                        break;
                    case "loaded":
                        status.Loaded = value;
                        break;
                    default:
                        status.Invalid = value;
                        status.Ready = value != true;
                        break;
                }
            }

            return null;
        }
    }

    private static (string CombinedId, ContentCache Cache) ContentCacheOf(string node, int number)
    {
        var id = $"CC{Array.IndexOf(Seeds.Nodes.ToArray(), node) + 1:D2}{number:D2}" + new string('0', 26);
        var combined = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{id}:{Seeds.ProjectId}:{node}"));
        return (combined, new ContentCache
        {
            Id = id,
            ProjectId = Seeds.ProjectId,
            ProjectName = Seeds.ProjectName,
            Source = new ContentCacheSource { Id = $"5D{number:D2}0000000000000000000000000000", Name = $"Sales report {number}", Type = "report" },
            Status = new ContentCacheStatus { Ready = true, Processing = false, Invalid = false, Expired = false, Loaded = true, Filed = true, Dirty = false },
            Type = "report",
            Format = "html5",
            Size = 2048 * number,
            HitCount = number,
            CreatorName = "Administrator",
        });
    }

    /// <summary>The project's status on <paramref name="node"/> now: a pending change settles once its time has come.</summary>
    public string ProjectStatusOn(string node, DateTimeOffset now)
    {
        lock (_gate)
        {
            var (shown, becomes, at) = _projectOnNode[node];
            if (becomes is not null && now >= at)
            {
                _projectOnNode[node] = (becomes, null, DateTimeOffset.MinValue);
                return becomes;
            }

            return shown;
        }
    }

    /// <summary>
    /// Starts changing the project's status on <paramref name="node"/>: it shows loaded_pending (or
    /// unloaded_pending for an unload) until <paramref name="duration"/> has passed, or for good when the
    /// node's next change was held.
    /// </summary>
    public void ChangeProjectStatus(string node, string value, DateTimeOffset now, TimeSpan duration)
    {
        lock (_gate)
        {
            var held = _holdNextChange.Remove(node);
            _projectOnNode[node] = (value == "unloaded" ? "unloaded_pending" : "loaded_pending", value, held ? DateTimeOffset.MaxValue : now + duration);
        }
    }

    /// <summary>Makes the next status change of the project on <paramref name="node"/> stay pending for good.</summary>
    public void HoldNextProjectChange(string node)
    {
        lock (_gate)
        {
            _holdNextChange.Add(node);
        }
    }

    /// <summary>Ends every seeded connection to the project (a status change that deletes sessions); how many.</summary>
    public int EndOthersOf(string projectId)
    {
        lock (_gate)
        {
            return _others.RemoveAll(o => projectId.Equals(o.Connection.ProjectId, StringComparison.OrdinalIgnoreCase));
        }
    }

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
