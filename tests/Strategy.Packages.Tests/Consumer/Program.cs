// A downstream service that knows Strategy.Generated only as a package: a generic host, options bound
// from configuration (here the command line: --Strategy:BaseUrl=...), and code that depends on the
// client interfaces only, so that it can be tested with a fake.
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Strategy.Generated;

var builder = Host.CreateApplicationBuilder(args);
builder.Services.AddStrategyClient(builder.Configuration.GetSection("Strategy"));
builder.Services.AddTransient<NightlyRefresh>();
using var host = builder.Build();
await host.StartAsync();

var dataModelId = builder.Configuration["DataModelId"]!;
var status = await host.Services.GetRequiredService<NightlyRefresh>().RunAsync(dataModelId, CancellationToken.None);
var faked = await new NightlyRefresh(new FakeDataModels()).RunAsync(dataModelId, CancellationToken.None);

Console.WriteLine($"consumer ok: status {status.Status}, tables {status.Tables?.Count}, fake {faked.Status}, spec {StrategySpec.Version}");
await host.StopAsync();
return status.Status == 0 ? 0 : 1;

/// <summary>The code under test: it sees only the interface.</summary>
internal sealed class NightlyRefresh(IDataModelsClient dataModels)
{
    private static readonly StrategyWaitOptions Quick = StrategyWaitOptions.Default with { MinimumDelay = TimeSpan.FromMilliseconds(20), MaximumDelay = TimeSpan.FromMilliseconds(100) };

    public Task<PublishStatus> RunAsync(string dataModelId, CancellationToken cancellationToken) =>
        dataModels.PublishAndWaitAsync(dataModelId, RefreshPolicy.Replace, Quick, cancellationToken: cancellationToken);
}

/// <summary>A hand-written fake: every member of the interface, the generated helpers included, can be implemented.</summary>
internal sealed class FakeDataModels : IDataModelsClient
{
    public Task<PublishStatus> PublishAndWaitAsync(string dataModelId, RefreshPolicy policy = RefreshPolicy.Replace, StrategyWaitOptions? options = null, IProgress<StrategyWaitProgress<PublishStatus>>? progress = null, CancellationToken cancellationToken = default) =>
        Task.FromResult(new PublishStatus { Status = 0 });

    public Task<PublishStatus> PublishAndWaitAsync(string dataModelId, TableSelection tables, StrategyWaitOptions? options = null, IProgress<StrategyWaitProgress<PublishStatus>>? progress = null, CancellationToken cancellationToken = default) =>
        Task.FromResult(new PublishStatus { Status = 0 });

    public Task<PublishStatus> PublishAndWaitAsync(string dataModelId, PublishRequest body, StrategyWaitOptions? options = null, IProgress<StrategyWaitProgress<PublishStatus>>? progress = null, CancellationToken cancellationToken = default) =>
        Task.FromResult(new PublishStatus { Status = 0 });

    public Task<PublishStatus> AwaitPublishAsync(string dataModelId, string instanceId, StrategyWaitOptions? options = null, IProgress<StrategyWaitProgress<PublishStatus>>? progress = null, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException();

    public IAsyncEnumerable<DataModelTable> EnumerateDataModelTablesAsync(string dataModelId, int pageSize = 1000, int prefetchPages = 0, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException();

    public Task<StrategyResponse> CreateDataModelInstanceAsync(string dataModelId, bool? showInvalidCacheTableIds = null, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException();

    public Task DeleteDataModelInstanceAsync(string dataModelId, string instanceId, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException();

    public Task PublishDataModelAsync(string dataModelId, string instanceId, PublishRequest body, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException();

    public Task<DataModelTableList> ListDataModelTablesAsync(string dataModelId, int? offset = null, int? limit = null, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException();

    public Task<PublishStatus> GetPublishStatusAsync(string dataModelId, string instanceId, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException();
}
