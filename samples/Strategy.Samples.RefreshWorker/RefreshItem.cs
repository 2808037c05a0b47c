namespace Strategy.Samples.RefreshWorker;

/// <summary>One thing the job refreshes: an Intelligent Cube (<c>cube:ID</c>) or a data model (<c>datamodel:ID</c>, every table replaced).</summary>
/// <param name="Kind">cube or datamodel.</param>
/// <param name="Id">Its id.</param>
public sealed record RefreshItem(string Kind, string Id)
{
    /// <summary>Reads <c>cube:ID,datamodel:ID</c>.</summary>
    public static IReadOnlyList<RefreshItem> ParseList(string? text) =>
        (text ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(entry => entry.Split(':', 2) is [var kind, var id] && kind is "cube" or "datamodel" && id.Length > 0
                ? new RefreshItem(kind, id)
                : throw new ArgumentException($"'{entry}' is not cube:ID or datamodel:ID."))
            .ToList();

    /// <inheritdoc />
    public override string ToString() => Kind + ":" + Id;
}
