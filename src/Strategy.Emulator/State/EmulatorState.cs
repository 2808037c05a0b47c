using System.Security.Cryptography;
using Strategy.Generated;

namespace Strategy.Emulator.State;

/// <summary>
/// Everything the emulator remembers, behind one lock. Time-driven states (tasks, publishes,
/// idle expiry) are computed from the clock when read, so nothing runs in the background.
/// </summary>
internal sealed class EmulatorState(StrategyEmulatorOptions options)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, SessionRecord> _sessions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, TaskRecord> _tasks = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, InstanceRecord> _instances = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<Subscription> _subscriptions = [];
    private readonly Dictionary<string, SubscriptionRun> _runs = new(StringComparer.OrdinalIgnoreCase);
    private int _requestsWithoutCookie;
    private long _sessionSequence;
    private readonly List<string> _issuedSecrets = [];
    private int _failNextTask;
    private int _failNextPublish;
    private int _nextRunEnding = (int)SubscriptionRunState.Success;

    public StrategyEmulatorOptions Options => options;

    /// <summary>Every request received, by method and path, for tests that count calls.</summary>
    public RequestCounter Requests { get; } = new();

    /// <summary>The Intelligent Cubes, their jobs and their caches.</summary>
    public CubeState Cubes { get; } = new(options);

    /// <summary>Cache purges and the user connections per node.</summary>
    public HousekeepingState Housekeeping { get; } = new(options.TimeProvider.GetUtcNow());

    /// <summary>The resources the spec declares plainly (x-strategy-store), seeded from files.</summary>
    public Store.SpecStore Store { get; } = new();

    /// <summary>Users, groups, security roles and access control lists.</summary>
    public PeopleState People { get; } = new(options);

    /// <summary>Report and dashboard instances, closed with their sessions.</summary>
    public Reports.ReportState Reports { get; } = new(options);

    public DateTimeOffset Now => options.TimeProvider.GetUtcNow();

    public static string NewId() => Convert.ToHexString(RandomNumberGenerator.GetBytes(16));

    public static string NewToken() => Convert.ToHexString(RandomNumberGenerator.GetBytes(13)).ToLowerInvariant();

    // Sessions

    public SessionRecord OpenSession(string userId = Seeds.AdministratorId)
    {
        var session = new SessionRecord(NewToken(), NewToken(), Now) { UserId = userId, Sequence = Interlocked.Increment(ref _sessionSequence) };
        lock (_gate)
        {
            _sessions[session.Token] = session;
            _issuedSecrets.Add(session.Token);
            _issuedSecrets.Add(session.Cookie);
        }

        return session;
    }

    /// <summary>The sessions alive now, as the monitor lists them on the first node.</summary>
    public IReadOnlyList<SessionRecord> LiveSessions()
    {
        lock (_gate)
        {
            return _sessions.Values.Where(s => Now - s.LastUsed <= options.SessionIdleTimeout).ToList();
        }
    }

    /// <summary>Whether the session is past its user's session limit (<see cref="StrategyEmulatorOptions.SessionsPerUser"/>): older live sessions of the user take the places.</summary>
    public bool PastSessionLimit(SessionRecord session)
    {
        if (options.SessionsPerUser <= 0)
        {
            return false;
        }

        lock (_gate)
        {
            var older = _sessions.Values.Count(s => s.UserId == session.UserId && s.Sequence < session.Sequence && Now - s.LastUsed <= options.SessionIdleTimeout);
            return older >= options.SessionsPerUser;
        }
    }

    /// <summary>Ends the session listed under <paramref name="connectionId"/>, as a disconnect does; whether there was one.</summary>
    public bool EndSession(string connectionId)
    {
        lock (_gate)
        {
            var session = _sessions.Values.FirstOrDefault(s => s.ConnectionId.Equals(connectionId, StringComparison.OrdinalIgnoreCase));
            return session is not null && _sessions.Remove(session.Token);
        }
    }

    /// <summary>The live session for a token, touched; <see langword="null"/> when unknown or idle too long.</summary>
    public SessionRecord? UseSession(string? token)
    {
        if (string.IsNullOrEmpty(token))
        {
            return null;
        }

        lock (_gate)
        {
            if (!_sessions.TryGetValue(token, out var session))
            {
                return null;
            }

            if (Now - session.LastUsed > options.SessionIdleTimeout)
            {
                _sessions.Remove(token);
                return null;
            }

            session.LastUsed = Now;
            return session;
        }
    }

    public void CloseSession(string token)
    {
        lock (_gate)
        {
            _sessions.Remove(token);
        }

        Reports.CloseSession(token);
    }

    public int ExpireAllSessions()
    {
        lock (_gate)
        {
            var count = _sessions.Count;
            _sessions.Clear();
            Reports.CloseAll();
            return count;
        }
    }

    /// <summary>Every token and session cookie handed out, for tests that check no secret leaks.</summary>
    public IReadOnlyList<string> IssuedSecrets
    {
        get
        {
            lock (_gate)
            {
                return [.. _issuedSecrets];
            }
        }
    }

    public int SubscriptionCount
    {
        get
        {
            lock (_gate)
            {
                return _subscriptions.Count;
            }
        }
    }

    /// <summary>Requests refused because they carried a valid token without the session's cookie.</summary>
    public int RequestsWithoutCookie => Volatile.Read(ref _requestsWithoutCookie);

    public void CountRequestWithoutCookie() => Interlocked.Increment(ref _requestsWithoutCookie);

    /// <summary>Live sessions: one idle past the session timeout is gone, as it is on a server, whether or not a request touched it since.</summary>
    public int SessionCount
    {
        get
        {
            lock (_gate)
            {
                ForgetIdleUnlocked();
                return _sessions.Count;
            }
        }
    }

    /// <summary>Drops the sessions and instances idle past their timeouts: a server has forgotten them, so they are not open.</summary>
    private void ForgetIdleUnlocked()
    {
        var now = Now;
        foreach (var idle in _sessions.Where(s => now - s.Value.LastUsed > options.SessionIdleTimeout).Select(s => s.Key).ToList())
        {
            _sessions.Remove(idle);
        }

        foreach (var idle in _instances.Where(i => now - i.Value.LastUsed > options.InstanceIdleTimeout).Select(i => i.Key).ToList())
        {
            _instances.Remove(idle);
        }
    }

    // Tasks

    public void FailNextTask() => Interlocked.Exchange(ref _failNextTask, 1);

    public void FailNextPublish() => Interlocked.Exchange(ref _failNextPublish, 1);

    public TaskRecord StartTask(string kind)
    {
        var task = new TaskRecord(NewId(), kind, Now, options.TaskDuration, Interlocked.Exchange(ref _failNextTask, 0) == 1);
        lock (_gate)
        {
            _tasks[task.Id] = task;
        }

        return task;
    }

    public TaskRecord? FindTask(string id)
    {
        lock (_gate)
        {
            return _tasks.GetValueOrDefault(id);
        }
    }

    // Data model instances

    public InstanceRecord CreateInstance(string dataModelId)
    {
        var instance = new InstanceRecord(NewId(), dataModelId) { LastUsed = Now };
        lock (_gate)
        {
            _instances[instance.Id] = instance;
        }

        return instance;
    }

    /// <summary>The live instance, touched; <see langword="null"/> when unknown, of another data model, or expired.</summary>
    public InstanceRecord? UseInstance(string dataModelId, string? instanceId)
    {
        if (string.IsNullOrEmpty(instanceId))
        {
            return null;
        }

        lock (_gate)
        {
            if (!_instances.TryGetValue(instanceId, out var instance) || !string.Equals(instance.DataModelId, dataModelId, StringComparison.OrdinalIgnoreCase))
            {
                return null;
            }

            if (Now - instance.LastUsed > options.InstanceIdleTimeout)
            {
                _instances.Remove(instanceId);
                return null;
            }

            instance.LastUsed = Now;
            return instance;
        }
    }

    public bool DeleteInstance(string dataModelId, string instanceId)
    {
        lock (_gate)
        {
            if (UseInstanceUnlocked(dataModelId, instanceId))
            {
                return _instances.Remove(instanceId);
            }

            // An expired instance is gone, as on a server: forget it, and answer that it was not found.
            if (_instances.TryGetValue(instanceId, out var expired) && string.Equals(expired.DataModelId, dataModelId, StringComparison.OrdinalIgnoreCase))
            {
                _instances.Remove(instanceId);
            }

            return false;
        }
    }

    /// <summary>Makes every open instance expire now, as an idle timeout would; the next call naming one answers 404 ERR004.</summary>
    public int ExpireAllInstances()
    {
        lock (_gate)
        {
            var count = _instances.Count;
            _instances.Clear();
            return count;
        }
    }

    /// <summary>Instances neither deleted nor expired: what a leak check counts (an expired one is gone on a server too).</summary>
    public int InstanceCount
    {
        get
        {
            lock (_gate)
            {
                ForgetIdleUnlocked();
                return _instances.Count;
            }
        }
    }

    /// <summary>Starts a publish; <see langword="false"/> when the data model is already being published.</summary>
    public bool StartPublish(InstanceRecord instance, IReadOnlyList<TableRefresh> tables)
    {
        lock (_gate)
        {
            if (IsBeingPublished(instance.DataModelId))
            {
                return false;
            }

            instance.Publish = NewPublish(tables, instance.DataModelId);
            return true;
        }
    }

    /// <summary>Whether a publish of the data model is under way, through an instance or a subscription run.</summary>
    private bool IsBeingPublished(string dataModelId) =>
        _instances.Values.Any(i => i.DataModelId.Equals(dataModelId, StringComparison.OrdinalIgnoreCase) && i.Publish is { } p && !p.IsFinished(Now))
        || _runs.Values.Any(r => r.Publish is { } p && p.DataModelId.Equals(dataModelId, StringComparison.OrdinalIgnoreCase) && !p.IsFinished(Now));

    /// <summary>When the publishes under way on the data model end (now, when none is).</summary>
    private DateTimeOffset PublishedUntil(string dataModelId)
    {
        var publishes = _instances.Values.Select(i => i.Publish).Concat(_runs.Values.Select(r => r.Publish)).OfType<PublishRecord>()
            .Where(p => p.DataModelId.Equals(dataModelId, StringComparison.OrdinalIgnoreCase) && !p.IsFinished(Now));
        return publishes.Select(p => p.Started + p.Duration).Append(Now).Max();
    }

    private PublishRecord NewPublish(IReadOnlyList<TableRefresh> tables, string dataModelId) =>
        new(tables, Now, options.PublishDuration, Interlocked.Exchange(ref _failNextPublish, 0) == 1) { DataModelId = dataModelId };

    // Subscription runs

    /// <summary>Makes the next subscription run end with this state (fail or skip), once.</summary>
    public void EndNextRunWith(SubscriptionRunState state) => Interlocked.Exchange(ref _nextRunEnding, (int)state);

    /// <summary>
    /// Runs a subscription now, as a send or an event does; a run still executing is replaced, as
    /// the server queues the new one behind it. A data model content is refreshed through the
    /// publish engine (its tables and policies, the publish duration and injected failures).
    /// </summary>
    public SubscriptionRun StartRun(Subscription subscription)
    {
        lock (_gate)
        {
            var ending = (SubscriptionRunState)Interlocked.Exchange(ref _nextRunEnding, (int)SubscriptionRunState.Success);
            var dataModel = (subscription.Contents ?? []).FirstOrDefault(c => c?.Type == ContentType.DataModel);
            PublishRecord? publish = null;
            string? refusal = null;
            if (dataModel is not null)
            {
                if (!string.Equals(dataModel.Id, Seeds.DataModelId, StringComparison.OrdinalIgnoreCase))
                {
                    refusal = $"Data model {dataModel.Id} was not found.";
                }
                else
                {
                    // A scheduled refresh of a data model that is being published waits its turn.
                    publish = NewPublish(RefreshedTables(dataModel.RefreshCondition), dataModel.Id) with { Started = PublishedUntil(dataModel.Id) };
                }
            }

            // Runs are told apart by their start, written to the millisecond: two runs never share one.
            var previous = _runs.GetValueOrDefault(subscription.Id);
            var started = previous is not null && Now < previous.Started.AddMilliseconds(1) ? previous.Started.AddMilliseconds(1) : Now;
            var run = new SubscriptionRun
            {
                SubscriptionId = subscription.Id,
                Started = started,
                Publish = publish,
                Ending = ending,
                Refusal = refusal,
                Contents = (subscription.Contents ?? []).Select(c => c?.Name ?? c?.Id ?? "content").ToList(),
                Recipients = (subscription.Recipients ?? []).Select(r => r?.Name ?? r?.Id ?? "recipient").DefaultIfEmpty("Administrator").ToList(),
                DeliveryMode = subscription.Delivery is { } delivery ? StrategyEnums.ToWireName(delivery, "mode", (DeliveryMode?)delivery.Mode) ?? "HISTORY_LIST" : "HISTORY_LIST",
            };
            _runs[subscription.Id] = run;
            subscription.LastRun = run.Started;
            return run;
        }
    }

    /// <summary>The subscription's last run, if it ever ran.</summary>
    public SubscriptionRun? LastRun(string subscriptionId)
    {
        lock (_gate)
        {
            return _runs.GetValueOrDefault(subscriptionId);
        }
    }

    /// <summary>Subscription runs still executing.</summary>
    public int RunningRunCount
    {
        get
        {
            lock (_gate)
            {
                return _runs.Values.Count(r => !r.IsFinished(Now));
            }
        }
    }

    /// <summary>Every subscription whose schedules wait on the event.</summary>
    public IReadOnlyList<Subscription> SubscriptionsWaitingOn(string eventId)
    {
        lock (_gate)
        {
            return _subscriptions.Where(s => ServerObjects.WaitsOn(s, eventId)).ToList();
        }
    }

    /// <summary>The tables a scheduled refresh loads: those listed, or every table with the data model's policy.</summary>
    private static List<TableRefresh> RefreshedTables(RefreshCondition? condition) =>
        condition?.Tables is { Count: > 0 } tables
            ? tables.Where(t => t is not null).ToList()
            : Seeds.Tables.Select(t => new TableRefresh { Id = t.Id, RefreshPolicy = condition?.DatasetRefreshPolicy ?? RefreshPolicy.Replace }).ToList();

    // Subscriptions

    /// <summary>Stores a subscription as another client left it (any shape a server keeps); gives it an id when it has none.</summary>
    public Subscription SeedSubscription(string json)
    {
        var subscription = Api.EmulatorJson.Read<Subscription>(json) ?? throw new Newtonsoft.Json.JsonSerializationException("The subscription is null.");
        subscription.Id ??= NewId();
        return AddSubscription(subscription);
    }

    public Subscription AddSubscription(Subscription subscription)
    {
        lock (_gate)
        {
            _subscriptions.Add(subscription);
        }

        return subscription;
    }

    public Subscription? FindSubscription(string id)
    {
        lock (_gate)
        {
            return _subscriptions.FirstOrDefault(s => string.Equals(s.Id, id, StringComparison.OrdinalIgnoreCase));
        }
    }

    public bool ReplaceSubscription(Subscription replacement)
    {
        lock (_gate)
        {
            var index = _subscriptions.FindIndex(s => string.Equals(s.Id, replacement.Id, StringComparison.OrdinalIgnoreCase));
            if (index < 0)
            {
                return false;
            }

            _subscriptions[index] = replacement;
            return true;
        }
    }

    public bool DeleteSubscription(string id)
    {
        lock (_gate)
        {
            _runs.Remove(id);
            return _subscriptions.RemoveAll(s => string.Equals(s.Id, id, StringComparison.OrdinalIgnoreCase)) > 0;
        }
    }

    /// <summary>Stored subscriptions, in the order they were stored.</summary>
    public IReadOnlyList<Subscription> AllSubscriptions()
    {
        lock (_gate)
        {
            return [.. _subscriptions];
        }
    }

    public (IReadOnlyList<Subscription> Page, int Total) ListSubscriptions(int offset, int limit)
    {
        lock (_gate)
        {
            var page = _subscriptions.Skip(offset);
            return ((limit < 0 ? page : page.Take(limit)).ToList(), _subscriptions.Count);
        }
    }

    private bool UseInstanceUnlocked(string dataModelId, string instanceId) =>
        _instances.TryGetValue(instanceId, out var instance)
        && string.Equals(instance.DataModelId, dataModelId, StringComparison.OrdinalIgnoreCase)
        && Now - instance.LastUsed <= options.InstanceIdleTimeout;
}

/// <summary>A logged-in session.</summary>
internal sealed class SessionRecord(string token, string cookie, DateTimeOffset created)
{
    public string Token { get; } = token;

    public string Cookie { get; } = cookie;

    /// <summary>The session as the monitor lists it among the node's user connections (never its token).</summary>
    public string ConnectionId { get; } = EmulatorState.NewId();

    public DateTimeOffset Created { get; } = created;

    public DateTimeOffset LastUsed { get; set; } = created;

    /// <summary>The user logged in.</summary>
    public string UserId { get; init; } = Seeds.AdministratorId;

    /// <summary>The order sessions were opened in.</summary>
    public long Sequence { get; init; }
}

/// <summary>A modeling task that completes (or fails) once its duration has passed.</summary>
internal sealed record TaskRecord(string Id, string Kind, DateTimeOffset Started, TimeSpan Duration, bool Fails)
{
    public ModelTask ToModel(DateTimeOffset now)
    {
        var finished = now - Started >= Duration;
        return new ModelTask
        {
            Id = Id,
            Task = Kind,
            StartTime = Started,
            EndTime = finished ? Started + Duration : null,
            Status = !finished ? ModelTaskStatus.Running : Fails ? ModelTaskStatus.Failed : ModelTaskStatus.Completed,
            Errors = finished && Fails ? [new ErrorDetail { Code = "ERR002", Message = "The schema reload failed on the Intelligence Server (injected fault)." }] : null,
        };
    }
}

/// <summary>A data model instance.</summary>
internal sealed class InstanceRecord(string id, string dataModelId)
{
    public string Id { get; } = id;

    public string DataModelId { get; } = dataModelId;

    public DateTimeOffset LastUsed { get; set; }

    public PublishRecord? Publish { get; set; }
}

/// <summary>A publish: tables move reserved → schema_comparison_completed → loaded (or error) over its duration.</summary>
internal sealed record PublishRecord(IReadOnlyList<TableRefresh> Tables, DateTimeOffset Started, TimeSpan Duration, bool Fails)
{
    public const int FailedStatus = -2147072194;

    public string DataModelId { get; init; } = Seeds.DataModelId;

    public bool IsFinished(DateTimeOffset now) => now - Started >= Duration;

    public PublishStatus ToModel(DateTimeOffset now)
    {
        var progress = Duration <= TimeSpan.Zero ? 1 : (now - Started) / Duration;
        var finished = progress >= 1;
        var state = finished
            ? (Fails ? PublishTableState.Error : PublishTableState.Loaded)
            : progress >= 0.5 ? PublishTableState.SchemaComparisonCompleted : PublishTableState.Reserved;
        return new PublishStatus
        {
            Status = !finished ? (progress >= 0.5 ? 5 : 1) : Fails ? FailedStatus : 0,
            Tables = Tables.Select((t, index) => new PublishTableStatus
            {
                Id = t.Id,
                Status = Fails && finished && index > 0 ? PublishTableState.Loaded : state,
                ErrorCode = Fails && finished && index == 0 ? FailedStatus : null,
                ErrorMessage = Fails && finished && index == 0 ? "The table could not be loaded (injected fault)." : null,
            }).ToList(),
        };
    }
}
