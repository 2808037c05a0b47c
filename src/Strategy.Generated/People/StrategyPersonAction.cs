namespace Strategy.Generated;

/// <summary>What a plan does for one person.</summary>
public enum StrategyPersonAction
{
    /// <summary>The person is as the list says: nothing is sent.</summary>
    Unchanged,

    /// <summary>The person does not exist: created, with memberships (and an email address).</summary>
    Create,

    /// <summary>The person exists and differs: one change carries every field and membership (and an email address).</summary>
    Update,

    /// <summary>The person is missing from the list and in the managed group: disabled, never deleted.</summary>
    Disable,

    /// <summary>The person's row cannot be planned (a group that does not exist, a duplicate, the caller to disable): nothing is sent for it, and it counts as failed.</summary>
    Refused,
}
