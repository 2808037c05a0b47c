using Microsoft.Extensions.Logging;
using Quartz;
using Strategy.Generated;

namespace Strategy.Samples.RefreshWorker;

/// <summary>
/// Refreshes the job's items one after the other. As soon as an item's work has started, its resume
/// token goes into the job's data in the cluster's store, so a worker that takes the job over after
/// this one died resumes the wait from the token instead of starting the work again.
/// </summary>
[DisallowConcurrentExecution]
public sealed class RefreshJob(StrategyConnection connection, OutcomeLog outcomes, ILogger<RefreshJob> logger) : IJob
{
    /// <summary>The job data key of the items (<c>cube:ID,datamodel:ID</c>).</summary>
    public const string ItemsKey = "items";

    /// <summary>The job data key of the run under way (so a recovered run reports as the same run).</summary>
    public const string RunKey = "run";

    private const string TokenPrefix = "token:";

    /// <inheritdoc />
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var data = context.JobDetail.JobDataMap;
        var items = RefreshItem.ParseList(Text(data, ItemsKey));

        // A run already under way (its worker died) goes on as the same run.
        var runId = Text(data, RunKey) ?? context.FireInstanceId;
        if (Text(data, RunKey) is null)
        {
            data[RunKey] = runId;
            await SaveAsync(context, data, cancellationToken);
        }

        foreach (var item in items)
        {
            var key = TokenPrefix + item;
            var token = Text(data, key);
            var resumed = token is not null;
            StrategyWork work;
            if (token is not null)
            {
                work = await connection.ResumeAsync(token, cancellationToken);
                logger.LogInformation("resumed {Item} ({Kind} {Work}) from its token", item, work.Kind, work.Description);
            }
            else
            {
                work = item.Kind == "cube"
                    ? await connection.CreateClient<CubesClient>().StartPublishCubeAsync(item.Id, cancellationToken)
                    : await connection.CreateClient<DataModelsClient>().StartPublishTablesAsync(item.Id, TableSelection.All(RefreshPolicy.Replace), cancellationToken);

                // Before anything else: a worker that takes over from here resumes this work.
                data[key] = work.GetResumeToken();
                await SaveAsync(context, data, cancellationToken);
                logger.LogInformation("started {Item} ({Kind} {Work}); its token is in the job's data", item, work.Kind, work.Description);
            }

            string outcome;
            string? detail = null;
            try
            {
                await work.WaitForCompletionUntypedAsync(new StrategyWaitOptions { Timeout = TimeSpan.FromHours(2) }, null, cancellationToken);
                outcome = work.Outcome.ToString().ToLowerInvariant();
            }
            catch (StrategyException ex)
            {
                outcome = "failed";
                detail = ServerText.Clean(ex.Message, 500);
            }

            if (await outcomes.RecordAsync(runId, item, outcome, detail, resumed, cancellationToken))
            {
                logger.LogInformation("{Item}: {Outcome}{Detail}", item, outcome, detail is null ? string.Empty : " (" + detail + ")");
            }

            data.Remove(key);
            await SaveAsync(context, data, cancellationToken);
        }

        data.Remove(RunKey);
        await SaveAsync(context, data, cancellationToken);
    }

    /// <summary>Writes the job's data to the cluster's store now, not when the run ends.</summary>
    private static async Task SaveAsync(IJobExecutionContext context, JobDataMap data, CancellationToken cancellationToken)
    {
        // A new builder holds no data, so merging the map into it stores exactly this map (removed keys included).
        var job = JobBuilder.Create<RefreshJob>()
            .WithIdentity(context.JobDetail.Key)
            .WithDescription(context.JobDetail.Description)
            .RequestRecovery(context.JobDetail.RequestsRecovery)
            .StoreDurably(context.JobDetail.Durable)
            .UsingJobData(data)
            .Build();
        await context.Scheduler.AddJob(job, AddJobOptions.ReplacingAndStoringNonDurable, cancellationToken);
    }

    private static string? Text(JobDataMap data, string key) => data.TryGetValue(key, out var value) ? value as string : null;
}
