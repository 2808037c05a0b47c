using BenchmarkDotNet.Attributes;
using Newtonsoft.Json;
using Strategy.Generated;

namespace Strategy.Benchmarks;

/// <summary>
/// What the client's JSON conventions (forward-compatible enums that keep unknown values, dates
/// left as sent) cost against plain Newtonsoft.Json settings, on a page of 500 subscriptions.
/// </summary>
[MemoryDiagnoser]
public class SubscriptionPageBenchmarks
{
    private static readonly JsonSerializerSettings Plain = new();

    private string _page = string.Empty;

    [GlobalSetup]
    public void CreatePage()
    {
        var one = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "GetSubscription.200.json"));
        _page = "{\"subscriptions\":[" + string.Join(",", Enumerable.Repeat(one, 500)) + "]}";
    }

    [Benchmark(Baseline = true, Description = "plain Newtonsoft.Json settings")]
    public SubscriptionList? PlainSettings() => JsonConvert.DeserializeObject<SubscriptionList>(_page, Plain);

    [Benchmark(Description = "StrategyJson.Settings")]
    public SubscriptionList? ClientSettings() => JsonConvert.DeserializeObject<SubscriptionList>(_page, StrategyJson.Settings);

    [Benchmark(Description = "StrategyJson.Settings, read then written back")]
    public string RoundTrip() => JsonConvert.SerializeObject(JsonConvert.DeserializeObject<SubscriptionList>(_page, StrategyJson.Settings), StrategyJson.Settings);
}
