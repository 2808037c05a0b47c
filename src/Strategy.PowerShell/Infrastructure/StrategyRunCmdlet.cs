using System.Management.Automation;
using Strategy.Generated;

namespace Strategy.PowerShell;

/// <summary>
/// What the cmdlets that start subscription runs share: for each id, ask (-WhatIf, -Confirm), then
/// either start the runs and write them as an operation (its Token resumes them with
/// Wait-StrategyOperation, in any later session), or with <c>-Wait</c> follow the runs and write how
/// each ended. Each cmdlet declares its own <c>-Id</c> (with its alias).
/// </summary>
public abstract class StrategyRunCmdlet : StrategyCmdlet
{
    /// <summary>Wait for the runs it starts and write how each ended.</summary>
    [Parameter]
    public SwitchParameter Wait { get; set; }

    /// <summary>The ids given with <c>-Id</c> or from the pipeline.</summary>
    protected abstract IEnumerable<string> Ids { get; }

    /// <summary>What an id names, for -WhatIf and -Confirm: <c>subscription 1234</c>.</summary>
    protected abstract string Target(string id);

    /// <summary>What is done to it, for -WhatIf and -Confirm: <c>Run now</c>.</summary>
    protected abstract string Action { get; }

    /// <summary>Starts it without waiting, and answers the runs it started as an operation.</summary>
    protected abstract Task<StrategyWork> StartAsync(StrategyServerConnection server, string id, CancellationToken cancellationToken);

    /// <summary>What -Verbose says once it is sent.</summary>
    protected abstract string Sent(string id);

    /// <summary>Starts it, waits for the runs and writes them.</summary>
    protected abstract void SendAndWait(StrategyServerConnection server, string id);

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        var server = Server;
        foreach (var id in Ids)
        {
            if (!ShouldProcess($"{Target(id)} on {server.BaseUrl}", Action))
            {
                continue;
            }

            if (Wait)
            {
                SendAndWait(server, id);
            }
            else if (RunForItem(id, token => StartAsync(server, id, token)) is { } started)
            {
                WriteVerbose(Sent(id));
                WriteObject(started);
            }
        }
    }

    /// <summary>Writes a run that ended, with a warning when the server skipped it.</summary>
    protected void WriteRun(object run, string subscriptionId, StrategyOutcome outcome)
    {
        if (outcome == StrategyOutcome.Skipped)
        {
            WriteWarning($"Subscription {subscriptionId}: the server skipped the run (it had nothing to do).");
        }

        WriteObject(run);
    }
}
