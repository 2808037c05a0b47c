namespace Strategy.Generated;

/// <summary>Which metric values an export writes.</summary>
public enum ReportValues
{
    /// <summary>The raw values, invariant (1137.25): for machines. The default.</summary>
    Raw,

    /// <summary>The values as the report formats them (1,137.25): for people.</summary>
    Formatted,
}
