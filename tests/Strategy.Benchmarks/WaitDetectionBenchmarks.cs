using System.Diagnostics;
using System.Net;
using System.Text;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Strategy.Generated;

namespace Strategy.Benchmarks;

/// <summary>
/// How soon the end of a job is noticed, and with how many status calls: the client's default
/// wait against a fixed 1 s poller, for jobs of 5 and 20 seconds (an in-memory server whose task
/// completes after that long). The time of one run minus the job's length is the detection delay;
/// the status calls per run are printed at the end of each benchmark, as a note run.sh adds to the report.
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 0, iterationCount: 2)]
public class WaitDetectionBenchmarks
{
    private const string TaskId = "907CAAF6F0644A8DA2CBF9D3C4C1B12E";
    private TaskServer _server = null!;
    private SchemaClient _client = null!;

    [Params(5, 20)]
    public int JobSeconds { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _server = new TaskServer();
        _client = new SchemaClient(new HttpClient(_server) { BaseAddress = new Uri("https://strategy.test/MicroStrategyLibrary/") }) { ProjectId = "B7CA92F04B9FAE8D941C3E9B7E0CD754" };
    }

    [IterationSetup]
    public void StartJob() => _server.Start(TimeSpan.FromSeconds(JobSeconds));

    [GlobalCleanup]
    public void Report() => Console.WriteLine($"// note: {_server.PollsPerRun:0.0} status calls per run");

    [Benchmark(Baseline = true, Description = "fixed 1 s poller")]
    public async Task<string> FixedPoller()
    {
        while (true)
        {
            await Task.Delay(TimeSpan.FromSeconds(1));
            var task = await _client.GetTaskAsync(TaskId);
            if (task.Status == ModelTaskStatus.Completed)
            {
                return "completed";
            }
        }
    }

    [Benchmark(Description = "AwaitTaskAsync, default options")]
    public async Task<string> DefaultWait() => (await _client.AwaitTaskAsync(TaskId)).Status.ToString();

    /// <summary>A task that runs for the job's length from <see cref="Start"/>.</summary>
    private sealed class TaskServer : HttpMessageHandler
    {
        private readonly Stopwatch _clock = new();
        private TimeSpan _length;
        private int _polls;
        private int _runs;

        public double PollsPerRun => _runs == 0 ? 0 : (double)_polls / _runs;

        public void Start(TimeSpan length)
        {
            _length = length;
            _runs++;
            _clock.Restart();
        }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _polls);
            var status = _clock.Elapsed >= _length ? "completed" : "running";
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK)
            {
                Content = new StringContent($$"""{"id":"{{TaskId}}","task":"reloadSchema","status":"{{status}}"}""", Encoding.UTF8, "application/json"),
            });
        }
    }
}
