using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Strategy.Generated;

namespace Strategy.Benchmarks;

/// <summary>
/// Refreshing 1, 10 and 100 cubes at once against an in-memory server whose jobs run for a second on
/// two nodes: <see cref="CubesClient.PublishCubesAndWaitAsync"/> (one job list per node and polling
/// interval) against one status call per job and interval, the official client's way, both polling
/// every 100 ms. The status calls per polling interval are printed at the end of each benchmark (a
/// note run.sh adds to the report); the memory is BenchmarkDotNet's, per refresh of all the cubes.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 3)]
public class CubeRefreshBenchmarks
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);
    private CubeServer _server = null!;
    private CubesClient _cubes = null!;
    private JobsClient _jobs = null!;
    private List<string> _cubeIds = [];

    [Params(1, 10, 100)]
    public int Cubes { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _server = new CubeServer(TimeSpan.FromSeconds(1));
        var http = new HttpClient(_server) { BaseAddress = new Uri("https://strategy.test/MicroStrategyLibrary/") };
        _cubes = new CubesClient(http) { ProjectId = CubeServer.ProjectId };
        _jobs = new JobsClient(http) { ProjectId = CubeServer.ProjectId };
        _cubeIds = Enumerable.Range(0, Cubes).Select(i => i.ToString("X32", CultureInfo.InvariantCulture)).ToList();
    }

    [IterationSetup]
    public void Reset() => _server.Reset();

    [IterationCleanup]
    public void Measure() => _server.EndRun();

    [GlobalCleanup]
    public void Report() => Console.WriteLine($"// note: {_server.StatusCallsPerInterval(Interval):0.0} status calls per polling interval, {_server.CallsPerRun:0} calls in all per refresh of {Cubes} cube(s)");

    [Benchmark(Baseline = true, Description = "one status call per job (the official client's way)")]
    public async Task<int> OnePollPerJob()
    {
        var jobs = new List<string>();
        foreach (var cube in _cubeIds)
        {
            jobs.Add((await _cubes.PublishCubeAsync(cube)).Id);
        }

        var running = new HashSet<string>(jobs);
        while (running.Count > 0)
        {
            await Task.Delay(Interval);
            foreach (var id in running.ToList())
            {
                if ((await _jobs.GetJobAsync(id)).Status == MonitorJobStatus.Completed)
                {
                    running.Remove(id);
                }
            }
        }

        return jobs.Count;
    }

    [Benchmark(Description = "PublishCubesAndWaitAsync (one job list per node)")]
    public async Task<int> OneListPerNode() =>
        (await _cubes.PublishCubesAndWaitAsync(
            _cubeIds,
            new CubePublishingOptions { MaxConcurrency = Cubes },
            new StrategyWaitOptions { MinimumDelay = Interval, MaximumDelay = Interval, Jitter = 0 })).Count;

    /// <summary>Cube jobs on two nodes, each done a fixed time after its publish; the job list, the cube flags and the caches.</summary>
    private sealed class CubeServer(TimeSpan jobLength) : HttpMessageHandler
    {
        public const string ProjectId = "B7CA92F04B9FAE8D941C3E9B7E0CD754";
        private static readonly string[] Nodes = ["node-1", "node-2"];
        private readonly ConcurrentDictionary<string, (string CubeId, long Started)> _jobs = new();
        private readonly Stopwatch _waiting = new();
        private long _number;
        private int _statusCalls;
        private int _calls;
        private double _statusCallsAll;
        private double _waitedSeconds;
        private double _callsAll;
        private int _runs;

        public double CallsPerRun => _runs == 0 ? 0 : _callsAll / _runs;

        public double StatusCallsPerInterval(TimeSpan interval) => _waitedSeconds == 0 ? 0 : _statusCallsAll / (_waitedSeconds / interval.TotalSeconds);

        public void Reset()
        {
            _jobs.Clear();
            _statusCalls = 0;
            _calls = 0;
            _waiting.Reset();
        }

        public void EndRun()
        {
            _statusCallsAll += _statusCalls;
            _callsAll += _calls;
            _waitedSeconds += _waiting.Elapsed.TotalSeconds;
            _runs++;
        }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _calls);
            var path = request.RequestUri!.AbsolutePath;
            var now = Stopwatch.GetTimestamp();
            if (request.Method == HttpMethod.Post && path.Contains("/v2/cubes/", StringComparison.Ordinal))
            {
                var number = Interlocked.Increment(ref _number);
                var id = StrategyJobId.Compose(number, Nodes[number % 2]);
                _jobs[id] = (path[(path.LastIndexOf('/') + 1)..], now);
                if (!_waiting.IsRunning)
                {
                    _waiting.Start();
                }

                return Json(HttpStatusCode.Accepted, $$"""{"id":"{{id}}","jobId":{{number}}}""");
            }

            if (path.Contains("/monitors/jobs", StringComparison.Ordinal))
            {
                Interlocked.Increment(ref _statusCalls);
                if (path.EndsWith("/monitors/jobs", StringComparison.Ordinal))
                {
                    var node = System.Web.HttpUtility.ParseQueryString(request.RequestUri.Query)["nodeName"];
                    var listed = _jobs.Where(j => StrategyJobId.NodeOf(j.Key) == node).Select(j => Job(j.Key, j.Value.CubeId, j.Value.Started, now));
                    return Json(HttpStatusCode.OK, "{\"jobs\":[" + string.Join(",", listed) + "]}");
                }

                var jobId = Uri.UnescapeDataString(path[(path.LastIndexOf('/') + 1)..]);
                var job = _jobs[jobId];
                return Json(HttpStatusCode.OK, Job(jobId, job.CubeId, job.Started, now));
            }

            if (request.Method == HttpMethod.Head)
            {
                var flags = new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent([]) };
                flags.Headers.Add("X-MSTR-CubeStatus", "102");
                return Task.FromResult(flags);
            }

            // The caches: none of these cubes has one on the node asked (the flags decide).
            return Json(HttpStatusCode.OK, """{"total":0,"cubeCaches":[]}""");
        }

        private string Job(string id, string cubeId, long started, long now) =>
            $$"""{"id":"{{id}}","status":"{{(Stopwatch.GetElapsedTime(started, now) >= jobLength ? "completed" : "executing")}}","objectId":"{{cubeId}}","objectType":"cube","type":"interactive"}""";

        private static Task<HttpResponseMessage> Json(HttpStatusCode status, string body) =>
            Task.FromResult(new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, "application/json") });
    }
}
