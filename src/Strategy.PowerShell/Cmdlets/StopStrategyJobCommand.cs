using System.Management.Automation;
using Strategy.Generated;

namespace Strategy.PowerShell;

/// <summary>Cancels jobs on the Intelligence Server monitor.</summary>
/// <remarks>
/// <para>Stop-StrategyJob cancels each job given by -Id or from the pipeline (Get-StrategyJob's objects, by their Id). It asks first with -Confirm, and only says what it would do with -WhatIf. A job that is no longer on the monitor is a non-terminating ObjectNotFound error; the other jobs go on. -PassThru writes the id of each job cancelled.</para>
/// </remarks>
/// <example>
/// <code>Stop-StrategyJob -Id '478:RU5WLTI4MjA0MExBSU9VU0Ux'</code>
/// <para>Cancels one job.</para>
/// </example>
/// <example>
/// <code>Get-StrategyJob | Where-Object { $_.ObjectType -eq 'cube' -and $_.ElapsedTime -gt 3600000 } | Stop-StrategyJob -Confirm</code>
/// <para>Cancels the cube publishes that have run for over an hour, asking for each.</para>
/// </example>
[Cmdlet(VerbsLifecycle.Stop, "StrategyJob", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(string))]
public sealed class StopStrategyJobCommand : StrategyCmdlet
{
    /// <summary>The jobs to cancel, by composite id (478:RU5W…).</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("JobId")]
    [ValidateNotNullOrEmpty]
    public string[] Id { get; set; } = [];

    /// <summary>Write the id of each job cancelled.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        var server = Server;
        var jobs = server.Client<JobsClient>();
        foreach (var id in Id)
        {
            if (!ShouldProcess($"job {id} on {server.BaseUrl}", "Cancel"))
            {
                continue;
            }

            if (RunForItem(id, async token => { await jobs.CancelJobAsync(id, cancellationToken: token).ConfigureAwait(false); }))
            {
                WriteVerbose($"Cancelled job {id}.");
                if (PassThru)
                {
                    WriteObject(id);
                }
            }
        }
    }
}
