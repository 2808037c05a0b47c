using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using Quartz;
using Strategy.Generated;
using Strategy.Samples.RefreshWorker;

// strategy-refresh-worker init|run --postgres <connection string> [--items cube:ID,datamodel:ID] [--cron "0 0 2 * * ?" | --now]
//   init: creates the Quartz and outcome tables and schedules the refresh job; run: a worker of the cluster.
// The server: STRATEGY_BASE_URL, STRATEGY_PROJECT_ID, STRATEGY_USERNAME (default administrator), STRATEGY_PASSWORD.
var mode = args.FirstOrDefault() ?? "run";
var builder = Host.CreateApplicationBuilder(args.Skip(1).ToArray());
var postgres = builder.Configuration["postgres"] ?? throw new ArgumentException("--postgres <connection string> is required.");
var worker = builder.Configuration["worker"] ?? Environment.MachineName + "-" + Environment.ProcessId;

if (mode == "init")
{
    await using var connection = new NpgsqlConnection(postgres);
    await connection.OpenAsync();
    await using var command = new NpgsqlCommand(await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Schema", "refresh_outcomes.sql")), connection);
    await command.ExecuteNonQueryAsync();
}

builder.Services.AddSingleton(_ => StrategyConnection.Create(
    new Uri(Environment.GetEnvironmentVariable("STRATEGY_BASE_URL") ?? throw new ArgumentException("STRATEGY_BASE_URL is required.")),
    StrategyCredentials.Standard(Environment.GetEnvironmentVariable("STRATEGY_USERNAME") ?? "administrator", Environment.GetEnvironmentVariable("STRATEGY_PASSWORD") ?? string.Empty),
    Environment.GetEnvironmentVariable("STRATEGY_PROJECT_ID")));
builder.Services.AddSingleton(new OutcomeLog(postgres, worker));
builder.Services.AddQuartz(quartz =>
{
    quartz.ConfigureScheduler(scheduler => scheduler.InstanceId = worker);
    quartz.UsePersistentStore(store =>
    {
        store.UsePostgres(postgres);
        store.UseSystemTextJsonSerializer(_ => { });

        // The Quartz tables are created by the store when they are missing (init creates them before any worker starts).
        store.ProvisionSchema();

        // Clustering needs one database and clocks in sync; a worker that stops checking in is taken over after the threshold.
        store.UseClustering(cluster =>
        {
            cluster.CheckinInterval = TimeSpan.FromSeconds(1);
            cluster.CheckinMisfireThreshold = TimeSpan.FromSeconds(3);
        });
    });
});
builder.Services.AddQuartzHostedService(options => options.WaitForJobsToComplete = true);
builder.Services.AddTransient<RefreshJob>();
using var host = builder.Build();

if (mode == "init")
{
    var scheduler = await host.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
    var job = JobBuilder.Create<RefreshJob>()
        .WithIdentity("refresh", "strategy")
        .UsingJobData(RefreshJob.ItemsKey, builder.Configuration["items"] ?? throw new ArgumentException("--items cube:ID,datamodel:ID is required."))
        .RequestRecovery(true)
        .StoreDurably(true)
        .Build();
    var trigger = TriggerBuilder.Create().WithIdentity("refresh", "strategy").ForJob(job);
    trigger = builder.Configuration["cron"] is { Length: > 0 } cron ? trigger.WithCronSchedule(cron) : trigger.StartNow();
    await scheduler.ScheduleJob(job, [trigger.Build()], ScheduleJobOptions.Replacing);
    host.Services.GetRequiredService<ILogger<RefreshJob>>().LogInformation("scheduled the refresh of {Items}", builder.Configuration["items"]);
    return 0;
}

await host.RunAsync();
await host.Services.GetRequiredService<StrategyConnection>().DisposeAsync();
return 0;
