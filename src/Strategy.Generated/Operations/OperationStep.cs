namespace Strategy.Generated;

/// <summary>What one read of an operation's state found, beyond the state itself.</summary>
internal enum OperationStep
{
    /// <summary>A status of the work waited for: reported as progress.</summary>
    Read,

    /// <summary>The status of the run before this work was started: the new run has not shown yet.</summary>
    PreviousRun,

    /// <summary>The server has no status for the work yet (it has only just been started).</summary>
    NoStatusYet,

    /// <summary>The status had gone, and its outcome was confirmed from a durable source.</summary>
    Confirmed,
}
