using System.Management.Automation;
using Strategy.Generated;
using Strategy.Shared;

namespace Strategy.PowerShell;

/// <summary>Waits for work started with -NoWait, in this session or another one: from its operation or its token.</summary>
/// <remarks>
/// <para>Wait-StrategyOperation takes operations (the objects -NoWait writes, and Start-StrategySubscription and Invoke-StrategyEvent without -Wait) or their tokens, from the pipeline or -Token, resumes each on the connection (one status call at once: work that has ended answers at once), and waits for it with Write-Progress, as the cmdlet that started it would. It writes what that cmdlet writes: a cube publish's outcome (its job, flags and last update), otherwise the final status. Work that failed is a non-terminating InvalidResult error; the other items go on. A token for another server than the connection's, a malformed one or one from a newer version is an InvalidArgument error that says which. At -TimeoutSec it is an OperationTimeout error; the work goes on and the token resumes it again (a data model publish's instance is deleted either way).</para>
/// </remarks>
/// <example>
/// <code>$op = Update-StrategyCube -Id 8D679D4B11D3E4981000E787EC6DE8A4 -NoWait; Set-Content job.token $op.Token</code>
/// <para>Starts a cube publish and keeps its token for a later script.</para>
/// </example>
/// <example>
/// <code>Get-Content job.token | Wait-StrategyOperation -TimeoutSec 3600</code>
/// <para>In the later script: resumes the publish and waits for it.</para>
/// </example>
[Cmdlet(VerbsLifecycle.Wait, "StrategyOperation", DefaultParameterSetName = TokenSet)]
[OutputType(typeof(CubePublishOutcome), typeof(object))]
public sealed class WaitStrategyOperationCommand : StrategyCmdlet
{
    private const string TokenSet = "Token";
    private const string OperationSet = "Operation";

    /// <summary>The resume tokens, as -NoWait's operations carry them (their Token) or a command printed them.</summary>
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = TokenSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string[] Token { get; set; } = [];

    /// <summary>The operations -NoWait wrote.</summary>
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = OperationSet, ValueFromPipeline = true)]
    [ValidateNotNull]
    public StrategyWork[] Operation { get; set; } = [];

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        var server = Server;
        var tokens = ParameterSetName == OperationSet ? Operation.Select(o => o.Token) : Token;
        foreach (var token in tokens)
        {
            var status = RunForItem(token, async cancellationToken =>
            {
                var work = await server.Connection.ResumeAsync(token, cancellationToken).ConfigureAwait(false);
                var activity = $"Waiting for {WorkWords.Subject(work)}";
                Post(() => WriteVerbose($"Resumed {WorkWords.Subject(work)}: it {(work.HasCompleted ? WorkWords.Outcome(work.Outcome) : "is still running")}."));
                var progress = Progress(activity);
                try
                {
                    // A cube publish answers what Update-StrategyCube writes (the cube's outcome), not its job's status.
                    return work.Kind == StrategyWorkKinds.PublishCube
                        ? await server.Client<CubesClient>().WaitForPublishAsync(work, Waits(), progress, cancellationToken).ConfigureAwait(false)
                        : await work.WaitForCompletionUntypedAsync(Waits(), progress, cancellationToken).ConfigureAwait(false) ?? new object();
                }
                catch (StrategySubscriptionRunsFailedException failed)
                {
                    // As Invoke-StrategyEvent -Wait does: every run is written, the failed ones too; then one error says which.
                    return failed;
                }
            });
            if (status is StrategySubscriptionRunsFailedException runsFailed)
            {
                WriteObject(runsFailed.Runs, enumerateCollection: true);
                WriteError(Errors.Record(runsFailed, token)!);
            }
            else if (status is not null)
            {
                // The runs an event started: one object each, as Invoke-StrategyEvent -Wait writes them.
                WriteObject(status, enumerateCollection: status is IEnumerable<StrategySubscriptionRun>);
            }
        }
    }
}
