namespace Strategy.Generated;

/// <summary>
/// Which tables of a data model to publish, and how: all of them with one refresh policy, or
/// chosen ones by name or by id, each with its own policy. Names are looked up when the
/// selection is resolved; everything else is checked when it is made.
/// </summary>
public sealed class TableSelection
{
    private readonly RefreshPolicy? _policyForAll;
    private readonly IReadOnlyList<(string Key, RefreshPolicy Policy)> _tables;
    private readonly bool _byName;

    private TableSelection(RefreshPolicy? policyForAll, IReadOnlyList<(string Key, RefreshPolicy Policy)> tables, bool byName)
    {
        _policyForAll = policyForAll;
        _tables = tables;
        _byName = byName;
    }

    /// <summary>Every table of the data model, with one policy.</summary>
    /// <param name="policy">The refresh policy for all tables.</param>
    /// <returns>The selection.</returns>
    public static TableSelection All(RefreshPolicy policy) => new(CheckPolicy(policy), [], byName: false);

    /// <summary>Tables chosen by name, each with its policy.</summary>
    /// <param name="tables">Table names and their policies.</param>
    /// <returns>The selection.</returns>
    /// <exception cref="ArgumentException">No table, an empty or repeated name, or an undefined policy.</exception>
    public static TableSelection ByName(IEnumerable<KeyValuePair<string, RefreshPolicy>> tables) => new(null, Check(tables, byName: true), byName: true);

    /// <summary>Tables chosen by name, all with one policy.</summary>
    /// <param name="policy">The refresh policy.</param>
    /// <param name="names">The table names.</param>
    /// <returns>The selection.</returns>
    public static TableSelection ByName(RefreshPolicy policy, params string[] names) =>
        ByName(names.Select(n => KeyValuePair.Create(n, policy)));

    /// <summary>Tables chosen by object id, each with its policy.</summary>
    /// <param name="tables">Table ids and their policies.</param>
    /// <returns>The selection.</returns>
    /// <exception cref="ArgumentException">No table, a malformed or repeated id, or an undefined policy.</exception>
    public static TableSelection ById(IEnumerable<KeyValuePair<string, RefreshPolicy>> tables) => new(null, Check(tables, byName: false), byName: false);

    /// <summary>Tables chosen by object id, all with one policy.</summary>
    /// <param name="policy">The refresh policy.</param>
    /// <param name="ids">The table ids.</param>
    /// <returns>The selection.</returns>
    public static TableSelection ById(RefreshPolicy policy, params string[] ids) =>
        ById(ids.Select(id => KeyValuePair.Create(id, policy)));

    /// <summary>
    /// Tables chosen by id when every key is a 32-character hexadecimal id, else by name; each with its policy.
    /// </summary>
    /// <param name="tables">Table ids or names and their policies.</param>
    /// <returns>The selection.</returns>
    /// <exception cref="ArgumentException">Ids and names are mixed, or the selection is otherwise invalid.</exception>
    public static TableSelection ByIdOrName(IEnumerable<KeyValuePair<string, RefreshPolicy>> tables)
    {
        ArgumentNullException.ThrowIfNull(tables);
        var list = tables.ToList();
        var ids = list.Count(t => TextPatterns.ObjectId().IsMatch(t.Key ?? string.Empty));
        return ids == list.Count ? ById(list)
            : ids == 0 ? ByName(list)
            : throw new ArgumentException("Choose tables either all by name or all by id, not both.", nameof(tables));
    }

    /// <summary>Turns the selection into a publish request, listing the data model's tables when names or all tables are asked for.</summary>
    /// <param name="client">The client to list tables with.</param>
    /// <param name="dataModelId">The data model.</param>
    /// <param name="cancellationToken">Cancels the listing.</param>
    /// <returns>The publish request.</returns>
    /// <exception cref="ArgumentException">A name matches no table, or the data model has no table.</exception>
    public async Task<PublishRequest> ResolveAsync(IDataModelsClient client, string dataModelId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentException.ThrowIfNullOrWhiteSpace(dataModelId);
        if (!_byName && _policyForAll is null)
        {
            return Request(_tables.Select(t => (t.Key, t.Policy)));
        }

        var available = new List<ObjectInformation>();
        await foreach (var table in client.EnumerateDataModelTablesAsync(dataModelId, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            // Answers are read leniently: a table the server sent without its id cannot be published.
            if (table.Information is { ObjectId: not null } information)
            {
                available.Add(information);
            }
        }

        if (_policyForAll is { } policy)
        {
            if (available.Count == 0)
            {
                throw new ArgumentException($"The data model {dataModelId} has no tables to publish.", nameof(dataModelId));
            }

            return Request(available.Select(t => (t.ObjectId, policy)));
        }

        return Request(_tables.Select(t => (FindByName(available, t.Key, dataModelId).ObjectId, t.Policy)));
    }

    /// <inheritdoc />
    public override string ToString() => _policyForAll is { } policy
        ? $"all tables ({StrategyEnums.ToWireName(policy)})"
        : string.Join(", ", _tables.Select(t => $"{t.Key} ({StrategyEnums.ToWireName(t.Policy)})"));

    private static ObjectInformation FindByName(List<ObjectInformation> available, string name, string dataModelId)
    {
        var exact = available.Where(t => t.Name == name).ToList();
        var matches = exact.Count > 0 ? exact : available.Where(t => string.Equals(t.Name, name, StringComparison.OrdinalIgnoreCase)).ToList();
        return matches.Count switch
        {
            1 => matches[0],
            0 => throw new ArgumentException(
                $"The data model {dataModelId} has no table named '{name}'; its tables are: {string.Join(", ", available.Select(t => t.Name))}."),
            _ => throw new ArgumentException($"The data model {dataModelId} has {matches.Count} tables named '{name}'; choose them by id."),
        };
    }

    private static PublishRequest Request(IEnumerable<(string Id, RefreshPolicy Policy)> tables) =>
        new() { Tables = tables.Select(t => new TableRefresh { Id = t.Id, RefreshPolicy = t.Policy }).ToList() };

    private static List<(string Key, RefreshPolicy Policy)> Check(IEnumerable<KeyValuePair<string, RefreshPolicy>> tables, bool byName)
    {
        ArgumentNullException.ThrowIfNull(tables);
        var checkedTables = new List<(string Key, RefreshPolicy Policy)>();
        foreach (var (key, policy) in tables)
        {
            if (string.IsNullOrWhiteSpace(key))
            {
                throw new ArgumentException(byName ? "A table name is empty." : "A table id is empty.", nameof(tables));
            }

            if (!byName && !TextPatterns.ObjectId().IsMatch(key))
            {
                throw new ArgumentException($"'{key}' is not a table id: ids are 32 hexadecimal characters.", nameof(tables));
            }

            if (checkedTables.Any(t => string.Equals(t.Key, key, byName ? StringComparison.Ordinal : StringComparison.OrdinalIgnoreCase)))
            {
                throw new ArgumentException($"The table '{key}' is chosen twice.", nameof(tables));
            }

            checkedTables.Add((key, CheckPolicy(policy)));
        }

        if (checkedTables.Count == 0)
        {
            throw new ArgumentException("Choose at least one table to publish.", nameof(tables));
        }

        return checkedTables;
    }

    private static RefreshPolicy CheckPolicy(RefreshPolicy policy) =>
        Enum.IsDefined(policy) ? policy : throw new ArgumentOutOfRangeException(nameof(policy), policy, "Not a refresh policy.");
}
