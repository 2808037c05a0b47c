namespace Strategy.Generated;

/// <summary>What a status of long-running work says of it, as the spec's <c>x-strategy-wait</c> declares its values.</summary>
public enum StrategyOutcome
{
    /// <summary>Still running (or queued, or no status yet).</summary>
    Running,

    /// <summary>Done, and it worked.</summary>
    Succeeded,

    /// <summary>Done, and it failed, was canceled or timed out on the server.</summary>
    Failed,

    /// <summary>Done without running: the server had nothing to do. Not a success.</summary>
    Skipped,
}
