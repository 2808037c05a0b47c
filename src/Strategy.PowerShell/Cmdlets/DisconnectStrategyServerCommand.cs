using System.Management.Automation;

namespace Strategy.PowerShell;

/// <summary>Logs out of a Strategy server.</summary>
/// <remarks>
/// <para>Disconnect-StrategyServer ends the session on the server (a session left open counts against the server's limits until it times out) and closes the connection. Without -Connection it closes the default one, which is then forgotten.</para>
/// </remarks>
/// <example>
/// <code>Disconnect-StrategyServer</code>
/// <para>Logs out of the connection the last Connect-StrategyServer made.</para>
/// </example>
/// <example>
/// <code>try { Publish-StrategyDataModel -DataModelId $id } finally { Disconnect-StrategyServer }</code>
/// <para>Logs out whatever happens to the publish, Ctrl+C included.</para>
/// </example>
[Cmdlet(VerbsCommunications.Disconnect, "StrategyServer")]
public sealed class DisconnectStrategyServerCommand : StrategyCmdlet
{
    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        var server = Server;
        Run(_ => server.CloseAsync());
        if (ReferenceEquals(StrategyServerConnection.Default, server))
        {
            StrategyServerConnection.Default = null;
        }

        WriteVerbose($"Disconnected from {server}.");
    }
}
