using System.Text;
using Strategy.Generated;

namespace Strategy.Emulator.State;

/// <summary>
/// The Intelligent Cubes of the seeded project, the jobs that publish them on the cluster's two
/// nodes, and their caches. Time moves everything: a job runs for the publish duration, then ends
/// and stays on the monitor for the linger time; the cube's flags and its cache follow, as a real
/// cube's do. One lock keeps it whole.
/// </summary>
internal sealed class CubeState
{
    /// <summary>Active, Persisted, Loaded, Ready: a published cube in memory.</summary>
    public const int PublishedFlags = 2 | 4 | 32 | 64;

    private readonly object _lock = new();
    private readonly StrategyEmulatorOptions _options;
    private readonly Dictionary<string, CubeRecord> _cubes = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<JobRecord> _jobs = [];
    private readonly Dictionary<string, ManipulationRecord> _manipulations = new(StringComparer.Ordinal);
    private readonly HashSet<string> _downNodes = new(StringComparer.OrdinalIgnoreCase);
    private long _nextJob = 477;
    private int _nextNode;
    private string? _failNextPublish;
    private bool _vanishNextJob;
    private bool _holdNextJob;

    public CubeState(StrategyEmulatorOptions options)
    {
        _options = options;
        var node = 0;
        foreach (var (id, name) in Seeds.Cubes)
        {
            _cubes[id] = new CubeRecord(id, name, Seeds.Nodes[node++ % Seeds.Nodes.Count], CacheGuid(id));
        }
    }

    private DateTimeOffset Now => _options.TimeProvider.GetUtcNow();

    public IReadOnlyList<CubeRecord> Cubes
    {
        get
        {
            lock (_lock)
            {
                return [.. _cubes.Values];
            }
        }
    }

    public CubeRecord? Find(string cubeId)
    {
        lock (_lock)
        {
            return _cubes.GetValueOrDefault(cubeId);
        }
    }

    /// <summary>The next publish fails with this message.</summary>
    public void FailNextPublish(string message)
    {
        lock (_lock)
        {
            _failNextPublish = message;
        }
    }

    /// <summary>The next job leaves the monitor as soon as it ends, before anyone can read how.</summary>
    public void VanishNextJob()
    {
        lock (_lock)
        {
            _vanishNextJob = true;
        }
    }

    /// <summary>The next job runs until it is cancelled (a day, as good as for ever in a test), for tests that need one running.</summary>
    public void HoldNextJob()
    {
        lock (_lock)
        {
            _holdNextJob = true;
        }
    }

    /// <summary>Takes a node down (its caches answer 503) or brings it back.</summary>
    public void SetNodeDown(string node, bool down)
    {
        lock (_lock)
        {
            _ = down ? _downNodes.Add(node) : _downNodes.Remove(node);
        }
    }

    public bool IsNodeDown(string node)
    {
        lock (_lock)
        {
            return _downNodes.Contains(node);
        }
    }

    /// <summary>Starts a publish as a job, or answers why it is rejected (the project's job limit).</summary>
    public (JobRecord? Job, string? Rejected) Publish(CubeRecord cube, string user)
    {
        lock (_lock)
        {
            var now = Now;
            var running = _jobs.Count(j => j.IsRunning(now));
            if (running >= _options.JobLimit)
            {
                return (null, $"The job cannot be executed: the project has reached its limit of {_options.JobLimit} jobs running at once; submit it again later.");
            }

            // Jobs go to the nodes in turn, skipping a node that is down.
            var node = Seeds.Nodes[_nextNode++ % Seeds.Nodes.Count];
            if (_downNodes.Contains(node))
            {
                node = Seeds.Nodes.FirstOrDefault(n => !_downNodes.Contains(n)) ?? node;
            }

            var failure = _failNextPublish;
            _failNextPublish = null;
            var job = new JobRecord(++_nextJob, node, cube, user, now, _holdNextJob ? TimeSpan.FromDays(1) : _options.PublishDuration, failure, _vanishNextJob ? TimeSpan.Zero : _options.JobLinger);
            _vanishNextJob = false;
            _holdNextJob = false;
            _jobs.Add(job);
            return (job, null);
        }
    }

    /// <summary>A job still on the monitor, by its composite id.</summary>
    public JobRecord? FindJob(string jobId)
    {
        lock (_lock)
        {
            var now = Now;
            return _jobs.FirstOrDefault(j => j.Id == jobId && j.IsOnMonitor(now));
        }
    }

    /// <summary>The jobs still on the monitor of a node.</summary>
    public IReadOnlyList<JobRecord> JobsOn(string node)
    {
        lock (_lock)
        {
            var now = Now;
            return _jobs.Where(j => j.IsOnMonitor(now) && string.Equals(j.Node, node, StringComparison.OrdinalIgnoreCase)).ToList();
        }
    }

    /// <summary>Cancels a running job: it stops, and the cube is as it was before.</summary>
    public bool Cancel(JobRecord job)
    {
        lock (_lock)
        {
            var now = Now;
            if (!job.IsRunning(now))
            {
                return false;
            }

            job.CancelledAt = now;
            return true;
        }
    }

    public int RunningJobCount
    {
        get
        {
            lock (_lock)
            {
                var now = Now;
                return _jobs.Count(j => j.IsRunning(now));
            }
        }
    }

    public int CancelledJobCount
    {
        get
        {
            lock (_lock)
            {
                return _jobs.Count(j => j.CancelledAt is not null);
            }
        }
    }

    public int PublishCount
    {
        get
        {
            lock (_lock)
            {
                return _jobs.Count;
            }
        }
    }

    /// <summary>A cube's flags now: its last publish that ended says Ready or Dirty; a running one sets Processing.</summary>
    public int FlagsOf(CubeRecord cube)
    {
        lock (_lock)
        {
            return View(cube, Now).Flags;
        }
    }

    /// <summary>The caches on a node, as its monitor lists them.</summary>
    public IReadOnlyList<CubeCache> CachesOn(string node)
    {
        lock (_lock)
        {
            var now = Now;
            return _cubes.Values.Select(c => View(c, now)).Where(v => string.Equals(v.Node, node, StringComparison.OrdinalIgnoreCase)).Select(v => v.ToCache()).ToList();
        }
    }

    /// <summary>A cache by its id (<c>guid:project:base64(node)</c>).</summary>
    public (CubeRecord? Cube, string? Node) FindCache(string cacheId)
    {
        lock (_lock)
        {
            var now = Now;
            var view = _cubes.Values.Select(c => View(c, now)).FirstOrDefault(v => v.CacheId == cacheId);
            return view is null ? (null, NodeOf(cacheId)) : (view.Cube, view.Node);
        }
    }

    public CubeCache? CacheOf(CubeRecord cube)
    {
        lock (_lock)
        {
            return View(cube, Now).ToCache();
        }
    }

    /// <summary>Loads, unloads, activates or deactivates a cache; the change takes a moment, and fails when its state does not allow it.</summary>
    public ManipulationRecord Manipulate(CubeRecord cube, bool? active, string? loadedState)
    {
        lock (_lock)
        {
            var now = Now;
            var allowed = (loadedState, active) switch
            {
                ("loaded", _) => cube.Active,
                (_, true) => CubeView.Persisted,
                _ => true,
            };
            // The server's words for a change the cache's state does not allow (the REST docs' prerequisite table).
            var refusal = allowed ? null : $"The cube cache '{cube.Id}' is not active. The cube cache must be active before loading it";
            var manipulation = new ManipulationRecord(EmulatorState.NewId(), now, _options.TaskDuration / 4, allowed, refusal);
            if (allowed)
            {
                cube.Active = active ?? cube.Active;
                if (loadedState is not null && (loadedState == "loaded") != cube.Loaded)
                {
                    // On its way in or out while the change runs, as a server's cache is (loadPending, unloadPending).
                    cube.Pending = (loadedState == "loaded", now + manipulation.Duration);
                }

                cube.Loaded = loadedState is null ? cube.Loaded : loadedState == "loaded";
                if (active == false)
                {
                    cube.Loaded = false;
                }
            }

            _manipulations[manipulation.Id] = manipulation;
            return manipulation;
        }
    }

    public ManipulationRecord? FindManipulation(string id)
    {
        lock (_lock)
        {
            return _manipulations.GetValueOrDefault(id);
        }
    }

    public static string CacheGuid(string cubeId) => string.Concat("C", cubeId.AsSpan(1));

    public static string CacheId(string guid, string node) => guid + ":" + Seeds.ProjectId + ":" + Convert.ToBase64String(Encoding.UTF8.GetBytes(node));

    private static string? NodeOf(string cacheId)
    {
        var last = cacheId.LastIndexOf(':');
        if (last < 0)
        {
            return null;
        }

        try
        {
            return Encoding.UTF8.GetString(Convert.FromBase64String(cacheId.Substring(last + 1)));
        }
        catch (FormatException)
        {
            return null;
        }
    }

    /// <summary>The cube as its jobs have left it at <paramref name="now"/>.</summary>
    private CubeView View(CubeRecord cube, DateTimeOffset now)
    {
        var jobs = _jobs.Where(j => j.Cube == cube).ToList();
        var lastEnded = jobs.Where(j => !j.IsRunning(now) && j.CancelledAt is null).OrderBy(j => j.EndedAt).LastOrDefault();
        var processing = jobs.Any(j => j.IsRunning(now));
        var dirty = lastEnded?.Failure is not null;
        var node = lastEnded?.Node ?? cube.SeedNode;
        var pending = cube.Pending is { } change && now < change.Until ? change.Load : (bool?)null;
        var loaded = pending is null ? cube.Loaded : !pending.Value;
        var flags = (cube.Active ? 2 : 0) | 4 | (loaded ? 32 : 0) | (dirty ? 16 : 64) | (processing ? 1 : 0) | pending switch { true => 128, false => 256, null => 0 };
        return new CubeView(cube, node, CacheId(cube.CacheGuid, node), flags, lastEnded, processing, dirty, loaded, pending);
    }

    private sealed record CubeView(CubeRecord Cube, string Node, string CacheId, int Flags, JobRecord? LastEnded, bool Processing, bool Dirty, bool Loaded, bool? PendingLoad)
    {
        /// <summary>The emulator's caches are always saved to disk.</summary>
        public static bool Persisted => true;

        public CubeCache ToCache() => new()
        {
            Id = CacheId,
            ProjectId = Seeds.ProjectId,
            Source = new CubeCacheSource { Id = Cube.Id, Name = Cube.Name, Type = "cube" },
            State = new CubeCacheState
            {
                Active = Cube.Active,
                Dirty = Dirty,
                InfoDirty = false,
                Persisted = true,
                Processing = Processing,
                LoadedState = PendingLoad switch
                {
                    true => CubeCacheLoadedState.LoadPending,
                    false => CubeCacheLoadedState.UnloadPending,
                    null => Loaded ? CubeCacheLoadedState.Loaded : CubeCacheLoadedState.Unloaded,
                },
            },
            // In bytes, as a server counts them.
            Size = 2_097_152,
            RowCount = 125_000,
            ColumnCount = 6,
            HitCount = 0,
            CreatorId = Seeds.AdministratorId,
            CreatorName = "Administrator",

            // As a server writes it: its own time, no zone.
            LastUpdateTime = ServerTime(LastEnded?.EndedAt ?? Seeded),
            CreationTime = ServerTime(Seeded),
            LastUpdateJob = LastEnded?.Number ?? 12,
            ErrorMessage = LastEnded?.Failure,
        };

        private static string ServerTime(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture);

        private static DateTimeOffset Seeded { get; } = new(2026, 11, 30, 2, 0, 0, TimeSpan.Zero);
    }
}

/// <summary>A seeded Intelligent Cube; its flags come from its jobs.</summary>
internal sealed class CubeRecord(string id, string name, string seedNode, string cacheGuid)
{
    public string Id { get; } = id;

    public string Name { get; } = name;

    /// <summary>The node its cache was on before any publish.</summary>
    public string SeedNode { get; } = seedNode;

    public string CacheGuid { get; } = cacheGuid;

    public bool Active { get; set; } = true;

    public bool Loaded { get; set; } = true;

    /// <summary>A load (true) or unload (false) under way until a time, or none.</summary>
    public (bool Load, DateTimeOffset Until)? Pending { get; set; }
}

/// <summary>A cube publish job on one node.</summary>
internal sealed class JobRecord(long number, string node, CubeRecord cube, string user, DateTimeOffset created, TimeSpan duration, string? failure, TimeSpan linger)
{
    public long Number { get; } = number;

    public string Node { get; } = node;

    public string Id { get; } = StrategyJobId.Compose(number, node);

    public CubeRecord Cube { get; } = cube;

    public string? Failure { get; } = failure;

    public DateTimeOffset? CancelledAt { get; set; }

    public DateTimeOffset EndedAt => CancelledAt ?? created + duration;

    public bool IsRunning(DateTimeOffset now) => CancelledAt is null && now < created + duration;

    public bool IsOnMonitor(DateTimeOffset now) => IsRunning(now) || now < EndedAt + linger;

    public MonitorJob ToModel(DateTimeOffset now) => new()
    {
        Id = Id,
        Description = "Publish Intelligent Cube " + Cube.Name,
        Status = CancelledAt is not null ? MonitorJobStatus.Stopped
            : IsRunning(now) ? MonitorJobStatus.Executing
            : Failure is null ? MonitorJobStatus.Completed : MonitorJobStatus.Error,
        Type = "interactive",
        ObjectId = Cube.Id,
        ObjectType = "cube",
        ObjectName = Cube.Name,
        ProjectId = Seeds.ProjectId,
        ProjectName = Seeds.ProjectName,
        User = user,
        CreationTime = created,
        ElapsedTime = (long)((IsRunning(now) ? now : EndedAt) - created).TotalMilliseconds,
        TotalTasks = 4,
        CompletedTasks = IsRunning(now) ? (int)Math.Min(3, 4 * (now - created).Ticks / Math.Max(1, duration.Ticks)) : 4,
        ErrorMessage = CancelledAt is null && !IsRunning(now) ? Failure : null,
        ErrorTime = CancelledAt is null && !IsRunning(now) && Failure is not null ? EndedAt : null,
        MemoryUsage = 64L * 1024 * 1024,
    };
}

/// <summary>A cube cache change: executing for a moment, then ready, or error when the cache's state did not allow it.</summary>
internal sealed record ManipulationRecord(string Id, DateTimeOffset Started, TimeSpan Duration, bool Allowed, string? Refusal)
{
    /// <summary>As the docs show it: the status, and a detail only where there is something to say.</summary>
    public CubeCacheManipulationState ToModel(DateTimeOffset now) => now - Started < Duration
        ? new() { Status = CubeCacheManipulationStatus.Executing }
        : Allowed ? new() { Status = CubeCacheManipulationStatus.Ready } : new() { Status = CubeCacheManipulationStatus.Error, StatusDetail = Refusal };
}
