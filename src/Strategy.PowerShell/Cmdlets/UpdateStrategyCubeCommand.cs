using System.Management.Automation;
using Strategy.Generated;

namespace Strategy.PowerShell;

/// <summary>Publishes (refreshes) Intelligent Cubes and writes how each publish ended.</summary>
/// <remarks>
/// <para>Update-StrategyCube takes cube ids from the pipeline (or -Id) and publishes them together once the pipeline ends: at most -ThrottleLimit jobs run on the server at a time (default 4), a publish the server rejects at its job limit is submitted again later, and one job list per node and polling interval follows them all. Write-Progress shows how many have ended; each cube's outcome (its job, its status flags, its cache's last update) is written as it ends.</para>
/// <para>A cube whose publish failed is a non-terminating InvalidResult error naming the cube and the server's message; the others go on. At -TimeoutSec the jobs still running are cancelled on the server and it is an OperationTimeout error; Ctrl+C cancels them too.</para>
/// </remarks>
/// <example>
/// <code>Update-StrategyCube -Id 8D679D4B11D3E4981000E787EC6DE8A4</code>
/// <para>Publishes one cube and writes its outcome.</para>
/// </example>
/// <example>
/// <code>Get-StrategyCube | Update-StrategyCube -ThrottleLimit 8 -TimeoutSec 3600 -ErrorVariable failed; if ($failed) { exit 1 }</code>
/// <para>In a scheduled script: publishes every cube, eight at a time, and ends with exit code 1 when any failed.</para>
/// </example>
[Cmdlet(VerbsData.Update, "StrategyCube", SupportsShouldProcess = true)]
[OutputType(typeof(CubePublishOutcome), typeof(StrategyWork))]
public sealed class UpdateStrategyCubeCommand : StrategyCmdlet
{
    private readonly List<string> _cubes = [];

    /// <summary>The cubes to publish, by id (from the pipeline, by value or by the property Id or CubeId).</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("CubeId")]
    [ValidateNotNullOrEmpty]
    public string[] Id { get; set; } = [];

    /// <summary>Start each publish and write it as an operation (its Token resumes it with Wait-StrategyOperation), without waiting.</summary>
    [Parameter]
    public SwitchParameter NoWait { get; set; }

    /// <summary>How many of these publishes may run on the server at a time.</summary>
    [Parameter]
    [ValidateRange(1, 64)]
    public int ThrottleLimit { get; set; } = CubePublishingOptions.Default.MaxConcurrency;

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        foreach (var id in Id)
        {
            if (ShouldProcess($"cube {id} on {Server.BaseUrl}", "Publish"))
            {
                _cubes.Add(id);
            }
        }
    }

    /// <inheritdoc />
    protected override void EndProcessing()
    {
        if (_cubes.Count == 0)
        {
            return;
        }

        var server = Server;
        var cubes = server.Client<CubesClient>();
        if (NoWait)
        {
            foreach (var cubeId in _cubes)
            {
                if (RunForItem(cubeId, token => cubes.StartPublishCubeAsync(cubeId, token)) is { } started)
                {
                    WriteObject(started);
                }
            }

            return;
        }

        var total = _cubes.Count;
        var ended = 0;
        var completed = new Reporter(outcome =>
        {
            var count = Interlocked.Increment(ref ended);
            Post(() =>
            {
                WriteProgress(new ProgressRecord(1, "Publishing " + total + " cube(s)", $"{count} of {total} ended; cube {outcome.CubeId} {(outcome.Succeeded ? "published" : "failed")}")
                {
                    PercentComplete = 100 * count / total,
                });

                // A record per cube under the whole, completed as that cube ends.
                WriteProgress(new ProgressRecord(2 + _cubes.IndexOf(outcome.CubeId), "Cube " + outcome.CubeId, outcome.Succeeded ? "published" : "failed")
                {
                    ParentActivityId = 1,
                    RecordType = ProgressRecordType.Completed,
                });
                if (outcome.Succeeded)
                {
                    WriteObject(outcome);
                }
                else if (outcome.Error is { } error && Errors.Record(error, outcome) is { } record)
                {
                    WriteError(record);
                }
            });
        });
        Run(async token =>
        {
            try
            {
                await cubes.PublishCubesAndWaitAsync(_cubes, new CubePublishingOptions { MaxConcurrency = ThrottleLimit }, Waits(), completed, token).ConfigureAwait(false);
            }
            catch (StrategyCubePublishesFailedException)
            {
                // Each failed cube was written as a non-terminating error as it ended.
            }
        });
    }

    /// <summary>Sees each outcome on the thread it ends on (Progress{T} would post it to a context the pipeline does not run).</summary>
    private sealed class Reporter(Action<CubePublishOutcome> report) : IProgress<CubePublishOutcome>
    {
        public void Report(CubePublishOutcome value) => report(value);
    }
}
