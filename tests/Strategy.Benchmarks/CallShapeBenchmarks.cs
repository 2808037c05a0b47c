using System.Net;
using System.Text;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.DependencyInjection;
using Newtonsoft.Json;
using Strategy.Generated;

namespace Strategy.Benchmarks;

/// <summary>
/// The per-call cost of the client against the floor: a bare <see cref="HttpClient"/> plus
/// <see cref="JsonConvert"/> with the library's own JSON settings, in the same run, over an
/// in-memory handler (no network). Each call shape through the generated client alone, through the
/// <see cref="StrategyConnection"/> stack (session, retries, telemetry, logging) and through the
/// dependency-injection stack.
/// </summary>
[MemoryDiagnoser]
public class CallShapeBenchmarks
{
    public enum CallShape
    {
        TaskStatus,
        GetSubscription,
        CreateSubscription,
        CreateSubscription64KiB,
        SubscriptionPage500,
    }

    private const string BaseUrl = "https://strategy.test/MicroStrategyLibrary/";
    private const string ProjectId = "B7CA92F04B9FAE8D941C3E9B7E0CD754";
    private const string TaskId = "907CAAF6F0644A8DA2CBF9D3C4C1B12E";
    private const string SubscriptionId = "0730C69A4EBAA20BD967EA86274F0C2F";

    private HttpClient _floor = null!;
    private SchemaClient _schemaAlone = null!;
    private SubscriptionsClient _subscriptionsAlone = null!;
    private StrategyConnection _connection = null!;
    private SchemaClient _schemaOnConnection = null!;
    private SubscriptionsClient _subscriptionsOnConnection = null!;
    private StrategyConnection _connectionWithoutRetries = null!;
    private SchemaClient _schemaWithoutRetries = null!;
    private SubscriptionsClient _subscriptionsWithoutRetries = null!;
    private ServiceProvider _services = null!;
    private SubscriptionRequest _request = null!;

    [ParamsSource(nameof(Shapes))]
    public CallShape Shape { get; set; }

    /// <summary>Every shape, or those named in <c>STRATEGY_CALL_SHAPES</c> (comma-separated), for a quick run of one.</summary>
    public static IEnumerable<CallShape> Shapes =>
        Environment.GetEnvironmentVariable("STRATEGY_CALL_SHAPES") is { Length: > 0 } named
            ? named.Split(',').Select(n => Enum.Parse<CallShape>(n.Trim()))
            : Enum.GetValues<CallShape>();

    [GlobalSetup]
    public void Setup()
    {
        var subscription = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "GetSubscription.200.json"));
        var server = new InMemoryServer(subscription);
        _floor = new HttpClient(server, disposeHandler: false) { BaseAddress = new Uri(BaseUrl) };
        _schemaAlone = new SchemaClient(_floor) { ProjectId = ProjectId };
        _subscriptionsAlone = new SubscriptionsClient(_floor) { ProjectId = ProjectId };
        _connection = StrategyConnection.Create(new StrategyClientOptions { BaseUrl = new Uri(BaseUrl), ProjectId = ProjectId, Username = "administrator", Password = "" }, primaryHandler: server);
        _connection.LoginAsync().GetAwaiter().GetResult();
        _schemaOnConnection = _connection.CreateClient<SchemaClient>();
        _subscriptionsOnConnection = _connection.CreateClient<SubscriptionsClient>();

        // The same stack with retries (and so the attempt timeout) off: what they cost a call that needs none.
        _connectionWithoutRetries = StrategyConnection.Create(new StrategyClientOptions { BaseUrl = new Uri(BaseUrl), ProjectId = ProjectId, Username = "administrator", Password = "", Retry = new StrategyRetryOptions { Enabled = false } }, primaryHandler: server);
        _connectionWithoutRetries.LoginAsync().GetAwaiter().GetResult();
        _schemaWithoutRetries = _connectionWithoutRetries.CreateClient<SchemaClient>();
        _subscriptionsWithoutRetries = _connectionWithoutRetries.CreateClient<SubscriptionsClient>();

        var services = new ServiceCollection();
        services.AddLogging();
        services.AddStrategyClient(options =>
        {
            options.BaseUrl = new Uri(BaseUrl);
            options.ProjectId = ProjectId;
            options.Username = "administrator";
            options.Password = string.Empty;
        }).ConfigurePrimaryHttpMessageHandler(() => server);
        _services = services.BuildServiceProvider();

        var read = JsonConvert.DeserializeObject<Subscription>(subscription, StrategyJson.ReadingSettings)!;
        _request = read.ToRequest();
        if (Shape == CallShape.CreateSubscription64KiB)
        {
            // About 64 KiB of tables in the body.
            _request.Contents[0].RefreshCondition!.Tables = Enumerable.Range(0, 1200)
                .Select(i => new TableRefresh { Id = i.ToString("X32"), RefreshPolicy = RefreshPolicy.Upsert })
                .ToList();
        }
    }

    [GlobalCleanup]
    public async Task Cleanup()
    {
        await _connection.DisposeAsync();
        await _connectionWithoutRetries.DisposeAsync();
        await _services.DisposeAsync();
        _floor.Dispose();
    }

    [Benchmark(Baseline = true, Description = "floor: HttpClient + JsonConvert")]
    public async Task<object?> Floor()
    {
        switch (Shape)
        {
            case CallShape.TaskStatus:
                return JsonConvert.DeserializeObject<ModelTask>(await _floor.GetStringAsync("api/model/tasks/" + TaskId), StrategyJson.ReadingSettings);
            case CallShape.GetSubscription:
                return JsonConvert.DeserializeObject<Subscription>(await _floor.GetStringAsync("api/subscriptions/" + SubscriptionId), StrategyJson.ReadingSettings);
            case CallShape.SubscriptionPage500:
                return JsonConvert.DeserializeObject<SubscriptionList>(await _floor.GetStringAsync("api/subscriptions?offset=0&limit=500"), StrategyJson.ReadingSettings);
            default:
                using (var content = new StringContent(JsonConvert.SerializeObject(_request, StrategyJson.Settings), Encoding.UTF8, "application/json"))
                using (var response = await _floor.PostAsync("api/subscriptions", content))
                {
                    return JsonConvert.DeserializeObject<Subscription>(await response.Content.ReadAsStringAsync(), StrategyJson.ReadingSettings);
                }
        }
    }

    [Benchmark(Description = "client alone")]
    public Task<object?> ClientAlone() => Call(_schemaAlone, _subscriptionsAlone);

    [Benchmark(Description = "connection stack")]
    public Task<object?> ConnectionStack() => Call(_schemaOnConnection, _subscriptionsOnConnection);

    [Benchmark(Description = "connection stack, retries off")]
    public Task<object?> ConnectionStackWithoutRetries() => Call(_schemaWithoutRetries, _subscriptionsWithoutRetries);

    // Clients are transient in the container: resolving one is part of each call here.
    [Benchmark(Description = "DI stack")]
    public Task<object?> DependencyInjectionStack() => Call(_services.GetRequiredService<ISchemaClient>(), _services.GetRequiredService<ISubscriptionsClient>());

    private async Task<object?> Call(ISchemaClient schema, ISubscriptionsClient subscriptions) => Shape switch
    {
        CallShape.TaskStatus => await schema.GetTaskAsync(TaskId),
        CallShape.GetSubscription => await subscriptions.GetSubscriptionAsync(SubscriptionId),
        CallShape.SubscriptionPage500 => await subscriptions.ListSubscriptionsAsync(0, 500),
        _ => await subscriptions.CreateSubscriptionAsync(_request),
    };
}
