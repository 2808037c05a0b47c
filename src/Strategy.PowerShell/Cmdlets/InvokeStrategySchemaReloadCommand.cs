using System.Management.Automation;
using Strategy.Generated;

namespace Strategy.PowerShell;

/// <summary>Reloads the project's schema and waits for the task.</summary>
/// <remarks>
/// <para>Invoke-StrategySchemaReload asks the server to reload the project schema, as after a warehouse change, and waits for the task it starts, reporting each status with Write-Progress. It writes the finished task; a failed task is an InvalidResult error with the server's errors in the message. With -NoWait it writes the reload as an operation (StrategyWork), whose Token any later session resumes with Wait-StrategyOperation.</para>
/// </remarks>
/// <example>
/// <code>Invoke-StrategySchemaReload -UpdateType table_key, logical_size</code>
/// <para>Reloads the schema, recalculating table keys and logical sizes.</para>
/// </example>
/// <example>
/// <code>Invoke-StrategySchemaReload -WhatIf</code>
/// <para>Says what would be reloaded, and sends nothing.</para>
/// </example>
[Cmdlet(VerbsLifecycle.Invoke, "StrategySchemaReload", SupportsShouldProcess = true)]
[OutputType(typeof(ModelTask))]
public sealed class InvokeStrategySchemaReloadCommand : StrategyCmdlet
{
    /// <summary>What to recalculate besides the schema.</summary>
    [Parameter]
    [ValidateSet("table_key", "entry_level", "logical_size", "clear_element_cache")]
    public string[] UpdateType { get; set; } = [];

    /// <summary>Start the reload as a task and write it as an operation (its Token resumes it with Wait-StrategyOperation), without waiting.</summary>
    [Parameter]
    public SwitchParameter NoWait { get; set; }

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        var server = Server;
        if (!ShouldProcess($"project {server.ProjectId} on {server.BaseUrl}", "Reload the schema"))
        {
            return;
        }

        var request = new SchemaReloadRequest { UpdateTypes = UpdateType.Select(StrategyEnums.Parse<SchemaUpdateType>).ToList() };
        var schema = server.Client<SchemaClient>();
        if (NoWait)
        {
            WriteObject(Run(token => schema.StartReloadSchemaAsync(request, token)));
            return;
        }

        var task = Run(token => schema.ReloadSchemaAndWaitAsync(request, Waits(), Progress<ModelTask>("Reloading the schema"), token));
        if (task is null)
        {
            WriteVerbose("The schema was reloaded before the server answered.");
            return;
        }

        WriteObject(task);
    }
}
