using Strategy.Generated;

namespace Strategy.Shared;

/// <summary>
/// What a user asked to change in a data model refresh subscription, applied to the subscription
/// as stored: a PUT replaces the whole subscription, so everything not asked for (policies,
/// filters, delivery, and what this client does not know) is written back as it was read. Shared
/// by <c>strategy subscriptions update</c> and <c>Set-StrategySubscription</c>.
/// </summary>
internal sealed class RefreshSubscriptionChange
{
    /// <summary>A new name, or <see langword="null"/> to keep it.</summary>
    public string? Name { get; init; }

    /// <summary>The schedules it runs on instead, or <see langword="null"/> (or none) to keep them.</summary>
    public IReadOnlyList<string>? ScheduleIds { get; init; }

    /// <summary>The tables it refreshes instead, each with its policy, or <see langword="null"/> to keep them.</summary>
    public TableSelection? Tables { get; init; }

    /// <summary>Without <see cref="Tables"/>: the policy for every table it refreshes.</summary>
    public RefreshPolicy? Policy { get; init; }

    /// <summary>The rows to refresh from now on, or <see langword="null"/> to keep the filters.</summary>
    public RefreshFilter? Filter { get; init; }

    /// <summary>Remove the filters: refresh every row.</summary>
    public bool RemoveFilter { get; init; }

    /// <summary>How the front end names the table, policy and filter settings, for messages (<c>--table, --policy and the filter options</c>).</summary>
    public required string ContentSettingNames { get; init; }

    /// <summary>How the front end names "remove the filters", for messages (<c>--no-filter</c>).</summary>
    public required string RemoveFilterName { get; init; }

    /// <summary>Applies the changes to <paramref name="stored"/> (from <c>Subscription.ToRequest()</c>) and answers it.</summary>
    /// <exception cref="ArgumentException">The changes contradict each other, or the subscription refreshes no data model.</exception>
    public async Task<SubscriptionRequest> ApplyAsync(SubscriptionRequest stored, string subscriptionId, IDataModelsClient dataModels, CancellationToken cancellationToken)
    {
        if (Name is not null)
        {
            stored.Name = Name;
        }

        if (ScheduleIds is { Count: > 0 })
        {
            stored.Schedules = ScheduleIds.Select(id => new SubscriptionSchedule { Id = id }).ToList();
        }

        if (Tables is null && Policy is null && Filter is null && !RemoveFilter)
        {
            return stored;
        }

        if (Filter is not null && RemoveFilter)
        {
            throw new ArgumentException($"{RemoveFilterName} and a filter contradict each other; give one.");
        }

        var content = (stored.Contents ?? []).FirstOrDefault(c => c?.Type == ContentType.DataModel)
            ?? throw new ArgumentException($"Subscription {subscriptionId} refreshes no data model: {ContentSettingNames} apply to data model refreshes.");
        var condition = content.RefreshCondition ??= new RefreshCondition();
        if (Tables is not null)
        {
            condition.Tables = (await Tables.ResolveAsync(dataModels, content.Id, cancellationToken).ConfigureAwait(false)).Tables;
        }
        else if (Policy is { } every)
        {
            foreach (var table in condition.Tables ?? [])
            {
                table.RefreshPolicy = every;
            }

            if (condition.DatasetRefreshPolicy is not null || condition.Tables is not { Count: > 0 })
            {
                condition.DatasetRefreshPolicy = every;
            }
        }

        if (Filter is not null || RemoveFilter)
        {
            condition.Filters = Filter is null ? null : [Filter];
        }

        return stored;
    }
}
