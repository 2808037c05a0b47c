using System.Management.Automation;

namespace Strategy.PowerShell;

/// <summary>What the cmdlets that work on a connection share: the connection, given or the last one made.</summary>
public abstract class StrategyCmdlet : StrategyAsyncCmdlet
{
    /// <summary>The connection to use; by default the last one <c>Connect-StrategyServer</c> made.</summary>
    [Parameter]
    public StrategyServerConnection? Connection { get; set; }

    /// <summary>The connection in use.</summary>
    /// <exception cref="PipelineStoppedException">Never; a missing connection is a terminating error record.</exception>
    protected StrategyServerConnection Server
    {
        get
        {
            var server = Connection ?? StrategyServerConnection.Default;
            if (server is null || server.Closed)
            {
                ThrowTerminatingError(new ErrorRecord(
                    new InvalidOperationException("Not connected to a Strategy server: run Connect-StrategyServer first, or give -Connection."),
                    "NotConnected",
                    ErrorCategory.ConnectionError,
                    null));
            }

            return server!;
        }
    }
}
