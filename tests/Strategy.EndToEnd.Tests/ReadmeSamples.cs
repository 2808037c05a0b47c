// The code samples of README.md, verbatim, so they compile with every build (ReadmeSampleTests
// checks that each README block is here, and runs the workflow samples against the emulator).
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using NSubstitute;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using Strategy.Emulator;
using Strategy.Emulator.Faults;
using Strategy.Generated;

namespace Strategy.EndToEnd.Tests;

internal static class ReadmeSamples
{
    public static async Task ConnectAsync(string password, string projectId)
    {
        await using var connection = StrategyConnection.Create(
            new Uri("https://your-server/MicroStrategyLibrary/"), StrategyCredentials.Standard("administrator", password), projectId);
        var dataModels = connection.CreateClient<DataModelsClient>();
        await Task.CompletedTask;
        _ = dataModels;
    }

    public static void Register(IServiceCollection services, IConfiguration configuration)
    {
        services.AddStrategyClient(configuration.GetSection("Strategy"));
        // Inject SchemaClient, DataModelsClient, SubscriptionsClient, SchedulesClient, EventsClient (or ISchemaClient, ...).
    }

    public static async Task<ModelTask?> ReloadSchemaAsync(StrategyConnection connection, CancellationToken ct)
    {
        var schema = connection.CreateClient<SchemaClient>();
        ModelTask? task = await schema.ReloadSchemaAndWaitAsync(
            new SchemaReloadRequest { UpdateTypes = [SchemaUpdateType.Table_key, SchemaUpdateType.Logical_size] },
            cancellationToken: ct);   // null when the server reloaded synchronously
        return task;
    }

    public static async Task<PublishStatus> RefreshDataModelAsync(StrategyConnection connection, string dataModelId, CancellationToken ct)
    {
        var dataModels = connection.CreateClient<DataModelsClient>();
        PublishStatus done = await dataModels.PublishAndWaitAsync(
            dataModelId,
            TableSelection.ByName(RefreshPolicy.Upsert, "ytd_day", "city_mnth_sls"),
            progress: new Progress<StrategyWaitProgress<PublishStatus>>(p => Console.WriteLine($"{p.State} after {p.Elapsed}")),
            cancellationToken: ct);   // the instance is deleted whatever happens
        return done;
    }

    public static async Task<Subscription> ScheduleRefreshAsync(StrategyConnection connection, string dataModelId, string tableId, string scheduleId, CancellationToken ct)
    {
        var subscriptions = connection.CreateClient<SubscriptionsClient>();
        Subscription created = await subscriptions.CreateSubscriptionAsync(new SubscriptionRequest
        {
            Name = "Nightly refresh",
            Schedules = [new SubscriptionSchedule { Id = scheduleId }],
            Contents = [new SubscriptionContent
            {
                Id = dataModelId,
                Type = ContentType.Data_model,
                RefreshCondition = new RefreshCondition { Tables = [new TableRefresh { Id = tableId, RefreshPolicy = RefreshPolicy.Upsert }] },
            }],
            Delivery = new Delivery { Mode = DeliveryMode.HISTORY_LIST },
        }, ct);

        await foreach (var subscription in subscriptions.EnumerateSubscriptionsAsync(cancellationToken: ct))
        {
            Console.WriteLine($"{subscription.Name}: next {subscription.NextDelivery}");   // pages are fetched as the loop asks
        }

        return created;
    }

    public static async Task<(SubscriptionStatus Run, IReadOnlyList<StrategySubscriptionRun> Runs, SubscriptionStatus? Last)> RunNowAsync(
        StrategyConnection connection, Subscription created, string eventId, CancellationToken ct)
    {
        var subscriptions = connection.CreateClient<SubscriptionsClient>();
        SubscriptionStatus run = await subscriptions.SendSubscriptionAndWaitAsync(created.Id, cancellationToken: ct);
        // run.Outcome: Succeeded, or Skipped (the server had nothing to do, which is not a success);
        // a run that failed, was canceled or timed out on the server throws StrategyOperationFailedException
        // naming its state (StateName "canceled") and each content and recipient that failed, and why.

        var events = connection.CreateClient<EventsClient>();
        IReadOnlyList<StrategySubscriptionRun> runs = await events.TriggerEventAndWaitAsync(eventId, cancellationToken: ct);
        // one outcome per subscription whose schedule waits on the event; if any failed,
        // StrategySubscriptionRunsFailedException names them (its Runs hold every outcome)

        SubscriptionStatus? last = await subscriptions.GetLastSubscriptionRunAsync(created.Id, ct);   // null: it never ran
        return (run, runs, last);
    }

    public static async Task<Subscription> RenameSubscriptionAsync(StrategyConnection connection, string id)
    {
        var subscriptions = connection.CreateClient<SubscriptionsClient>();
        var subscription = await subscriptions.GetSubscriptionAsync(id);
        var request = subscription.ToRequest();
        request.Name = "Nightly refresh";
        await subscriptions.UpdateSubscriptionAsync(id, request);   // filters, delivery settings, unknown fields: unchanged
        return await subscriptions.GetSubscriptionAsync(id);
    }

    // The service a downstream team writes: it depends on the interface only.
    public sealed class NightlyRefresh(IDataModelsClient dataModels)
    {
        public async Task<bool> RunAsync(string dataModelId, CancellationToken ct) =>
            (await dataModels.PublishAndWaitAsync(dataModelId, RefreshPolicy.Upsert, cancellationToken: ct)).Status == 0;
    }

    public static async Task<bool> FakeTheClientAsync()
    {
        var dataModels = Substitute.For<IDataModelsClient>();
        dataModels.PublishAndWaitAsync("9F4772B837604551B4D3CC916ADC5598", RefreshPolicy.Upsert, cancellationToken: Arg.Any<CancellationToken>())
            .Returns(new PublishStatus { Status = 0 });

        var refreshed = await new NightlyRefresh(dataModels).RunAsync("9F4772B837604551B4D3CC916ADC5598", CancellationToken.None);
        return refreshed;   // true, and no server was involved
    }

    public static void Observe()
    {
        using var tracerProvider = Sdk.CreateTracerProviderBuilder()
            .AddSource(StrategyDiagnostics.ActivitySourceName)   // then your exporter
            .Build();
        using var meterProvider = Sdk.CreateMeterProviderBuilder()
            .AddMeter(StrategyDiagnostics.MeterName)
            .Build();
    }

    public static async Task TestAgainstTheEmulatorAsync()
    {
        await using var emulator = await StrategyEmulator.StartAsync(new StrategyEmulatorOptions { PathBase = "/MicroStrategyLibrary" });
        emulator.Faults.Add(new FaultRule { PathContains = "/publishStatus", Status = 503, Count = 2 });
        await using var connection = StrategyConnection.Create(emulator.BaseUrl, StrategyCredentials.Standard("administrator", ""), Seeds.ProjectId);
        // ... run the code under test; then check emulator.OpenInstanceCount, emulator.SubscriptionCount
    }
}
