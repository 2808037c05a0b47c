using System.Management.Automation;

namespace Strategy.PowerShell;

/// <summary>
/// What the Get cmdlets share: with ids, each item by id, an id the server does not have being a
/// non-terminating error so the others go on; without, the whole list streamed onto the pipeline,
/// filtered by <c>-Name</c>. Each cmdlet declares its own <c>-Id</c> (with its alias).
/// </summary>
/// <typeparam name="T">The item.</typeparam>
public abstract class StrategyGetCmdlet<T> : StrategyCmdlet
    where T : class
{
    /// <summary>The parameter set of the list.</summary>
    protected const string AllSet = "All";

    /// <summary>The parameter set of the ids.</summary>
    protected const string IdSet = "Id";

    /// <summary>Only those whose name matches (wildcards allowed, any case).</summary>
    [Parameter(ParameterSetName = AllSet)]
    [SupportsWildcards]
    public string? Name { get; set; }

    /// <summary>The ids given with <c>-Id</c> or from the pipeline.</summary>
    protected abstract IEnumerable<string> Ids { get; }

    /// <summary>Reads one item.</summary>
    protected abstract Task<T> GetAsync(StrategyServerConnection server, string id, CancellationToken cancellationToken);

    /// <summary>Reads the list, a page at a time where the server pages.</summary>
    protected abstract IAsyncEnumerable<T> ListAsync(StrategyServerConnection server, CancellationToken cancellationToken);

    /// <summary>An item's name, for <c>-Name</c>.</summary>
    protected abstract string? NameOf(T item);

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        // Read here, on the pipeline's thread: a missing connection is a terminating error record.
        var server = Server;
        if (ParameterSetName != IdSet)
        {
            var wildcard = Name is null ? null : WildcardPattern.Get(Name, WildcardOptions.IgnoreCase);
            RunEach(token => ListAsync(server, token), item => wildcard is null || wildcard.IsMatch(NameOf(item) ?? string.Empty));
            return;
        }

        foreach (var id in Ids)
        {
            if (RunForItem(id, token => GetAsync(server, id, token)) is { } item)
            {
                WriteObject(item);
            }
        }
    }

    /// <summary>The items of a list the server answers whole (it may leave it empty), as a stream.</summary>
    protected static async IAsyncEnumerable<T> Whole(Func<Task<IEnumerable<T?>?>> list)
    {
        foreach (var item in await list().ConfigureAwait(false) ?? [])
        {
            if (item is not null)
            {
                yield return item;
            }
        }
    }
}
