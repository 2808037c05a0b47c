namespace Strategy.Generated;

/// <summary>How one person's change ended.</summary>
public enum StrategyPersonOutcomeState
{
    /// <summary>Every call was made and the server's answer shows the person as planned.</summary>
    Done,

    /// <summary>Nothing needed changing; nothing was sent.</summary>
    Unchanged,

    /// <summary>A call failed, the answer shows the person otherwise than planned, or the row was refused when planned.</summary>
    Failed,

    /// <summary>Not started: the time limit ran out or the work was stopped first. Nothing was sent for the person.</summary>
    NotStarted,
}
