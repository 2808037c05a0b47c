using System.CommandLine;
using System.Globalization;
using Strategy.Cli.Infrastructure;
using Strategy.Generated;

namespace Strategy.Cli.Commands;

/// <summary><c>strategy jobs list|cancel</c>: the jobs on the Intelligence Server monitor.</summary>
internal static class JobCommands
{
    public static Command Create(CommandRunner runner)
    {
        var node = new Option<string?>("--node") { Description = "Only the jobs of this cluster node. Default: every node." };
        var list = new Command("list", "List the jobs on the monitor of every node (or one).") { node };
        runner.SetAction(list, async (parseResult, session, cancellationToken) =>
        {
            var nodes = parseResult.GetValue(node) is { } one
                ? [one]
                : ((await session.Client<MonitorsClient>().ListClusterNodesAsync(session.ProjectId, null, cancellationToken)).Nodes ?? []).Select(n => n?.Name).OfType<string>().ToList();
            var jobs = new List<MonitorJob>();
            foreach (var name in nodes)
            {
                jobs.AddRange(((await session.Client<JobsClient>().ListJobsAsync(name, cancellationToken: cancellationToken)).Jobs ?? []).Where(j => j is not null));
            }

            CommandRunner.Print(session, jobs, jobs.Count == 0 ? "No jobs on the monitor." : string.Join(Environment.NewLine, jobs.Select(Describe)));
            return ExitCodes.Success;
        });

        var ids = new Argument<string[]>("job-id") { Description = "The jobs to cancel (their composite ids, as strategy jobs list shows them).", Arity = ArgumentArity.OneOrMore };
        var cancel = new Command("cancel", "Cancel jobs; exit 0 when each was cancelled, 1 when any was not.") { ids };
        runner.SetAction(cancel, async (parseResult, session, cancellationToken) =>
        {
            var jobIds = parseResult.GetValue(ids)!.Distinct(StringComparer.Ordinal).ToList();
            if (jobIds.FirstOrDefault(id => StrategyJobId.NumberOf(id) is null) is { } notAJob)
            {
                throw new ArgumentException($"'{ServerText.Clean(notAJob, 60)}' is not a job id: a job id is the job's number and its node, such as 478:RU5WLTI4MjA0MExBSU9VU0Ux (strategy jobs list shows them). Nothing was cancelled.");
            }

            var answer = await session.Client<JobsClient>().CancelJobsAsync(new CancelJobsRequest { JobIds = jobIds }, cancellationToken: cancellationToken);
            var statuses = (answer.JobCancellationStatus ?? []).Where(s => s is not null).ToList();
            var refused = statuses.Where(s => !string.Equals(s.Status, "succeeded", StringComparison.OrdinalIgnoreCase)).ToList();
            CommandRunner.Print(
                session,
                statuses,
                string.Join(Environment.NewLine, statuses.Select(s => string.Equals(s.Status, "succeeded", StringComparison.OrdinalIgnoreCase)
                    ? $"job {s.JobId}: cancelled"
                    : $"job {s.JobId}: not cancelled ({ServerText.Clean(s.Message ?? s.ErrorCode ?? s.Status, 300)})")));
            return refused.Count == 0 && statuses.Count > 0 ? ExitCodes.Success : ExitCodes.ServerFailure;
        });

        return new Command("jobs", "List and cancel the jobs on the Intelligence Server monitor.") { list, cancel };
    }

    internal static string Describe(MonitorJob job) =>
        string.Create(CultureInfo.InvariantCulture, $"{job.Id}  {(StrategyEnums.ToWireName(job, "status", job.Status) ?? "?")}  {ServerText.Clean(job.ObjectName, 80)}  {(job.ElapsedTime ?? 0) / 1000.0:0.#} s");
}
