using System.Reflection;
using System.Runtime.Versioning;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using Newtonsoft.Json;
using Strategy.Generated;
using Strategy.Tests.Shared;

namespace Strategy.Benchmarks;

/// <summary>
/// The netstandard2.0 asset (what the .NET Framework loads) against the net10.0 asset, on the same
/// runtime and in the same run: each job builds this project against one asset. The calls go through
/// the connection stack, where the assets differ (cookie header per request, polyfilled reads).
/// </summary>
[MemoryDiagnoser]
[Config(typeof(AssetJobs))]
public class AssetBenchmarks
{
    private const string BaseUrl = "https://strategy.test/MicroStrategyLibrary/";
    private const string ProjectId = "B7CA92F04B9FAE8D941C3E9B7E0CD754";

    private StrategyConnection _connection = null!;
    private SchemaClient _schema = null!;
    private SubscriptionsClient _subscriptions = null!;
    private SubscriptionRequest _request = null!;

    [GlobalSetup]
    public void Setup()
    {
        // A job that silently ran on the other asset would compare an asset with itself.
        var loaded = typeof(StrategyConnection).Assembly.GetCustomAttribute<TargetFrameworkAttribute>()!.FrameworkName;
        if (loaded.StartsWith(".NETStandard", StringComparison.Ordinal) != LibraryAsset.IsNetStandard)
        {
            throw new InvalidOperationException($"Built for the {LibraryAsset.Framework} asset, but {loaded} is loaded.");
        }

        var subscription = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "GetSubscription.200.json"));
        _connection = StrategyConnection.Create(
            new StrategyClientOptions { BaseUrl = new Uri(BaseUrl), ProjectId = ProjectId, Username = "administrator", Password = "" },
            primaryHandler: new InMemoryServer(subscription));
        _connection.LoginAsync().GetAwaiter().GetResult();
        _schema = _connection.CreateClient<SchemaClient>();
        _subscriptions = _connection.CreateClient<SubscriptionsClient>();
        _request = JsonConvert.DeserializeObject<Subscription>(subscription, StrategyJson.ReadingSettings)!.ToRequest();
    }

    [GlobalCleanup]
    public Task Cleanup() => _connection.DisposeAsync().AsTask();

    // The methods return object: BenchmarkDotNet's project for a job then needs no library types to
    // compile, and takes the library only from this project's output, built against the job's asset.
    [Benchmark(Description = "task status")]
    public async Task<object> TaskStatus() => await _schema.GetTaskAsync("907CAAF6F0644A8DA2CBF9D3C4C1B12E");

    [Benchmark(Description = "one subscription")]
    public async Task<object> GetSubscription() => await _subscriptions.GetSubscriptionAsync("0730C69A4EBAA20BD967EA86274F0C2F");

    [Benchmark(Description = "create subscription")]
    public async Task<object> CreateSubscription() => await _subscriptions.CreateSubscriptionAsync(_request);

    [Benchmark(Description = "page of 500 subscriptions")]
    public async Task<object> SubscriptionPage() => await _subscriptions.ListSubscriptionsAsync(0, 500);

    private sealed class AssetJobs : ManualConfig
    {
        public AssetJobs()
        {
            AddJob(Job.Default.WithId("net10.0 asset").AsBaseline());
            AddJob(Job.Default.WithId("netstandard2.0 asset").WithArguments([new MsBuildArgument("/p:StrategyLibraryFramework=netstandard2.0")]));
        }
    }
}
