namespace Strategy.Generated;

/// <summary>Builds the subscription request that schedules a data model refresh, as the workflow documents describe it.</summary>
public static class DataModelRefreshSubscription
{
    /// <summary>A subscription that refreshes <paramref name="tables"/> of a data model on the given schedules, delivered to the history list.</summary>
    /// <param name="name">The subscription's name.</param>
    /// <param name="dataModelId">The data model.</param>
    /// <param name="tables">The tables to refresh and how.</param>
    /// <param name="scheduleIds">The schedules it runs on (see <c>ListSchedulesAsync</c>).</param>
    /// <param name="filter">Which rows to refresh, or <see langword="null"/> for all (see <see cref="AttributeFormFilter"/>).</param>
    /// <param name="sendNow">Whether to also run it once right away.</param>
    /// <returns>The request for <c>CreateSubscriptionAsync</c> or <c>UpdateSubscriptionAsync</c>.</returns>
    /// <exception cref="ArgumentException">The name, the data model, the tables or the schedules are missing.</exception>
    public static SubscriptionRequest Create(
        string name,
        string dataModelId,
        IEnumerable<TableRefresh> tables,
        IEnumerable<string> scheduleIds,
        RefreshFilter? filter = null,
        bool sendNow = false)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(dataModelId);
        var tableList = tables?.ToList() ?? throw new ArgumentNullException(nameof(tables));
        var schedules = scheduleIds?.ToList() ?? throw new ArgumentNullException(nameof(scheduleIds));
        if (tableList.Count == 0)
        {
            throw new ArgumentException("Choose at least one table to refresh.", nameof(tables));
        }

        if (schedules.Count == 0 || schedules.Any(string.IsNullOrWhiteSpace))
        {
            throw new ArgumentException("Give at least one schedule id, none empty.", nameof(scheduleIds));
        }

        return new SubscriptionRequest
        {
            Name = name,
            AllowDeliveryChanges = false,
            AllowPersonalizationChanges = false,
            AllowUnsubscribe = false,
            SendNow = sendNow,
            Schedules = schedules.Select(id => new SubscriptionSchedule { Id = id }).ToList(),
            Contents =
            [
                new SubscriptionContent
                {
                    Id = dataModelId,
                    Type = ContentType.DataModel,
                    RefreshCondition = new RefreshCondition { Tables = tableList, Filters = filter is null ? null : [filter] },
                },
            ],
            Delivery = new Delivery { Mode = DeliveryMode.HistoryList },
        };
    }

    /// <summary>A filter that refreshes only the rows whose attribute form compares to <paramref name="value"/>.</summary>
    /// <param name="attributeId">The attribute.</param>
    /// <param name="formId">The attribute form.</param>
    /// <param name="value">The value to compare with.</param>
    /// <param name="function">The comparison, such as <c>equals</c>.</param>
    /// <returns>The filter.</returns>
    public static RefreshFilter AttributeFormFilter(string attributeId, string formId, string value, string function = "equals")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(attributeId);
        ArgumentException.ThrowIfNullOrWhiteSpace(formId);
        ArgumentNullException.ThrowIfNull(value);
        ArgumentException.ThrowIfNullOrWhiteSpace(function);
        return new RefreshFilter
        {
            Type = FilterType.Refresh,
            Qualification = new Qualification
            {
                Tree = new QualificationTree
                {
                    Type = "predicate_form_qualification",
                    PredicateTree = new PredicateTree
                    {
                        Function = function,
                        Parameters = [new PredicateParameter { ParameterType = "constant", Constant = new PredicateConstant { Type = "string", Value = value } }],
                        Attribute = new TypedObjectReference { ObjectId = attributeId, SubType = "attribute" },
                        Form = new TypedObjectReference { ObjectId = formId, SubType = "attribute_form_system" },
                        DataLocale = "en-US",
                    },
                },
            },
        };
    }
}
