using System.Diagnostics;
using System.Net.Http.Headers;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Newtonsoft.Json.Linq;
using Strategy.Emulator;
using Strategy.Emulator.Reports;
using Strategy.Generated;

namespace Strategy.Benchmarks;

/// <summary>
/// The emulator's million-row report, exported over HTTP on loopback in pages of 5,000 rows:
/// <see cref="ReportsClient.ExportReportAsync"/> writing CSV to a null stream, against the floor, a
/// bare <see cref="HttpClient"/> that reads the same pages and parses each with Newtonsoft's
/// <see cref="JObject"/> and writes nothing. Rows per second and the process's peak working set are
/// printed at the end of each benchmark (a note run.sh adds to the report); allocations are
/// BenchmarkDotNet's, per export.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 3)]
public class ReportExportBenchmarks
{
    private const int PageSize = 5000;
    private StrategyEmulator _emulator = null!;
    private StrategyConnection _connection = null!;
    private HttpClient _bare = null!;
    private readonly Stopwatch _clock = new();
    private long _rows;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _emulator = await StrategyEmulator.StartAsync(new StrategyEmulatorOptions { PathBase = "/MicroStrategyLibrary", ReportRunningPolls = 0 });
        _connection = StrategyConnection.Create(_emulator.BaseUrl, StrategyCredentials.Standard("administrator", string.Empty), Seeds.ProjectId);
        _bare = new HttpClient { BaseAddress = _emulator.BaseUrl };
        using var login = await _bare.PostAsync("api/auth/login", new FormUrlEncodedContent(new Dictionary<string, string> { ["loginMode"] = "1", ["username"] = "administrator", ["password"] = string.Empty }));
        _bare.DefaultRequestHeaders.Add("X-MSTR-AuthToken", login.Headers.GetValues("X-MSTR-AuthToken").Single());
        _bare.DefaultRequestHeaders.Add("X-MSTR-ProjectID", Seeds.ProjectId);
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        Console.WriteLine($"// note: {_rows / _clock.Elapsed.TotalSeconds:N0} rows/s over the measured exports; peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / 1024 / 1024} MB (the emulator in the same process)");
        _bare.Dispose();
        await _connection.DisposeAsync();
        await _emulator.DisposeAsync();
    }

    [IterationSetup]
    public void Start() => _clock.Start();

    [IterationCleanup]
    public void Stop() => _clock.Stop();

    [Benchmark(Baseline = true, Description = "bare HttpClient + JObject per page, nothing written (the floor)")]
    public async Task<long> BareClient()
    {
        using var created = await _bare.PostAsync($"api/v2/reports/{ReportSeeds.LargeReportId}/instances?executionStage=execute_data&limit={PageSize}", new StringContent("{}", new MediaTypeHeaderValue("application/json")));
        var page = JObject.Parse(await created.Content.ReadAsStringAsync());
        var instanceId = (string)page["instanceId"]!;
        long rows = page["data"]!["headers"]!["rows"]!.Count();
        var total = (long)page["data"]!["paging"]!["total"]!;
        while (rows < total)
        {
            var json = await _bare.GetStringAsync($"api/v2/reports/{ReportSeeds.LargeReportId}/instances/{instanceId}?offset={rows}&limit={PageSize}");
            rows += JObject.Parse(json)["data"]!["headers"]!["rows"]!.Count();
        }

        _rows += rows;
        return rows;
    }

    [Benchmark(Description = "ExportReportAsync to CSV (a null stream)")]
    public async Task<long> ExportToCsv()
    {
        var result = await _connection.CreateClient<ReportsClient>().ExportReportAsync(ReportSeeds.LargeReportId, Stream.Null, new ReportExportOptions { PageSize = PageSize });
        _rows += result.Rows;
        return result.Rows;
    }
}
