using System.Security.Cryptography;

namespace Strategy.Emulator.Reports;

/// <summary>Report and dashboard instances, each tied to the session that opened it (closed with it), and the export faults to inject.</summary>
internal sealed class ReportState(StrategyEmulatorOptions options)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, ReportInstance> _reports = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, DashboardInstance> _dashboards = new(StringComparer.OrdinalIgnoreCase);
    private string? _failNextExport;
    private bool _hangNextExport;
    private int _exports;

    public ReportInstance OpenReport(SeedReport report, string session)
    {
        var instance = new ReportInstance(NewId(), report, session) { RunningPolls = options.ReportRunningPolls };
        lock (_gate)
        {
            _reports[instance.Id] = instance;
        }

        return instance;
    }

    public ReportInstance? FindReport(string reportId, string instanceId)
    {
        lock (_gate)
        {
            return _reports.TryGetValue(instanceId, out var instance) && instance.Report.Id.Equals(reportId, StringComparison.OrdinalIgnoreCase) ? instance : null;
        }
    }

    public DashboardInstance OpenDashboard(string dashboardId, string session)
    {
        var instance = new DashboardInstance(NewId(), dashboardId, session);
        lock (_gate)
        {
            _dashboards[instance.Id] = instance;
        }

        return instance;
    }

    public DashboardInstance? FindDashboard(string dashboardId, string instanceId)
    {
        lock (_gate)
        {
            return _dashboards.TryGetValue(instanceId, out var instance) && instance.DashboardId.Equals(dashboardId, StringComparison.OrdinalIgnoreCase) ? instance : null;
        }
    }

    public bool CloseDashboard(string instanceId)
    {
        lock (_gate)
        {
            return _dashboards.Remove(instanceId);
        }
    }

    /// <summary>A session ended: its instances end with it, as on a server.</summary>
    public void CloseSession(string session)
    {
        lock (_gate)
        {
            foreach (var id in _reports.Where(r => r.Value.Session == session).Select(r => r.Key).ToList())
            {
                _reports.Remove(id);
            }

            foreach (var id in _dashboards.Where(d => d.Value.Session == session).Select(d => d.Key).ToList())
            {
                _dashboards.Remove(id);
            }
        }
    }

    public void CloseAll()
    {
        lock (_gate)
        {
            _reports.Clear();
            _dashboards.Clear();
        }
    }

    public int ReportInstanceCount
    {
        get
        {
            lock (_gate)
            {
                return _reports.Count;
            }
        }
    }

    public int DashboardInstanceCount
    {
        get
        {
            lock (_gate)
            {
                return _dashboards.Count;
            }
        }
    }

    /// <summary>How many exports were answered with a file.</summary>
    public int ExportCount => Volatile.Read(ref _exports);

    public void CountExport() => Interlocked.Increment(ref _exports);

    public void FailNextExport(string message)
    {
        lock (_gate)
        {
            _failNextExport = message;
        }
    }

    public void HangNextExport()
    {
        lock (_gate)
        {
            _hangNextExport = true;
        }
    }

    /// <summary>The fault for this export, if one was asked for: a failure's message, or a hang.</summary>
    public (string? Failure, bool Hang) TakeExportFault()
    {
        lock (_gate)
        {
            var fault = (_failNextExport, _hangNextExport);
            _failNextExport = null;
            _hangNextExport = false;
            return fault;
        }
    }

    private static string NewId() => Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
}

/// <summary>A report instance: its answers so far and how many status calls still see it running.</summary>
internal sealed class ReportInstance(string id, SeedReport report, string session)
{
    private readonly Lock _gate = new();

    public string Id { get; } = id;

    public SeedReport Report { get; } = report;

    public string Session { get; } = session;

    /// <summary>The answers, by prompt key.</summary>
    public Dictionary<string, object> Answers { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Whether the prompts were answered (or the report has none).</summary>
    public bool Answered { get; set; }

    /// <summary>The deepest level of nested prompts asked so far: 1 until those of level 1 are answered.</summary>
    public int Level { get; set; } = 1;

    /// <summary>The page that failed and its message: asked again (a retry), it fails again, as a broken query does.</summary>
    public (long Offset, string Message)? BrokenPage { get; set; }

    /// <summary>How many more status calls answer 202 (the report still runs).</summary>
    public int RunningPolls { get; set; }

    /// <summary>Takes one status call: true while the report still runs.</summary>
    public bool StillRunning()
    {
        lock (_gate)
        {
            if (RunningPolls <= 0)
            {
                return false;
            }

            RunningPolls--;
            return true;
        }
    }
}

/// <summary>A dashboard instance.</summary>
internal sealed record DashboardInstance(string Id, string DashboardId, string Session);
