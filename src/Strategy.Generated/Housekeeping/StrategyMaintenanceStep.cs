namespace Strategy.Generated;

/// <summary>
/// What one step of a maintenance window did to one node, connection or set of caches, so that
/// nothing is dropped: every node of the cluster and every connection of the project has its step.
/// </summary>
/// <param name="Action">What was done: <c>idle</c>, <c>load</c>, <c>disconnect</c>, <c>invalidate</c> or <c>purge</c>.</param>
/// <param name="Subject">What it was done to: <c>node ENV-1</c>, <c>connection C0A8… (analyst1 on ENV-1)</c>.</param>
/// <param name="Succeeded">Whether it ended as asked.</param>
/// <param name="Detail">How it ended, in words: <c>full_idle</c>, <c>disconnected</c>, <c>the node is stopped</c>; text from the server is cleaned.</param>
public sealed record StrategyMaintenanceStep(string Action, string Subject, bool Succeeded, string Detail)
{
    /// <summary>The step in a line: <c>idle node ENV-1: full_idle</c>, with <c>FAILED</c> when it did not end as asked.</summary>
    /// <returns>The line.</returns>
    public override string ToString() => Action + " " + Subject + ": " + (Succeeded ? string.Empty : "FAILED, ") + Detail;
}
