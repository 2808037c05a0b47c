namespace Strategy.Generated;

/// <summary>Adds table selection to the generated <c>PublishAndWaitAsync</c>.</summary>
public partial interface IDataModelsClient
{
    /// <summary>
    /// Publishes the chosen tables of a data model and waits until they are loaded; see
    /// <c>PublishAndWaitAsync(string, PublishRequest, ...)</c> for what happens to the instance in
    /// every outcome.
    /// </summary>
    /// <param name="dataModelId">The data model.</param>
    /// <param name="tables">Which tables, and how to refresh each.</param>
    /// <param name="options">How to wait; <see cref="StrategyWaitOptions.Default"/> when <see langword="null"/>.</param>
    /// <param name="progress">Receives every publish status observed.</param>
    /// <param name="cancellationToken">Cancels the workflow (the instance is still deleted).</param>
    /// <returns>The final publish status.</returns>
    /// <exception cref="ArgumentException">A table name matches no table, or there is nothing to publish.</exception>
    Task<PublishStatus> PublishAndWaitAsync(
        string dataModelId,
        TableSelection tables,
        StrategyWaitOptions? options = null,
        IProgress<StrategyWaitProgress<PublishStatus>>? progress = null,
        CancellationToken cancellationToken = default);

    /// <summary>Publishes every table of a data model with one refresh policy and waits until they are loaded.</summary>
    /// <param name="dataModelId">The data model.</param>
    /// <param name="policy">The refresh policy for every table.</param>
    /// <param name="options">How to wait; <see cref="StrategyWaitOptions.Default"/> when <see langword="null"/>.</param>
    /// <param name="progress">Receives every publish status observed.</param>
    /// <param name="cancellationToken">Cancels the workflow (the instance is still deleted).</param>
    /// <returns>The final publish status.</returns>
    Task<PublishStatus> PublishAndWaitAsync(
        string dataModelId,
        RefreshPolicy policy = RefreshPolicy.Replace,
        StrategyWaitOptions? options = null,
        IProgress<StrategyWaitProgress<PublishStatus>>? progress = null,
        CancellationToken cancellationToken = default);

    /// <summary>
    /// Starts publishing the chosen tables of a data model and answers the publish as an operation,
    /// without waiting; see <c>StartPublishAsync(string, PublishRequest, ...)</c> for the instance.
    /// </summary>
    /// <param name="dataModelId">The data model.</param>
    /// <param name="tables">Which tables, and how to refresh each.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>The publish, started.</returns>
    /// <exception cref="ArgumentException">A table name matches no table, or there is nothing to publish.</exception>
    Task<StrategyWork<PublishStatus>> StartPublishTablesAsync(string dataModelId, TableSelection tables, CancellationToken cancellationToken = default);
}

/// <summary>Adds table selection to the generated <c>PublishAndWaitAsync</c>.</summary>
public partial class DataModelsClient
{
    /// <inheritdoc/>
    public virtual async Task<StrategyWork<PublishStatus>> StartPublishTablesAsync(string dataModelId, TableSelection tables, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dataModelId);
        ArgumentNullException.ThrowIfNull(tables);
        var body = await tables.ResolveAsync(this, dataModelId, cancellationToken).ConfigureAwait(false);
        return await StartPublishAsync(dataModelId, body, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public virtual async Task<PublishStatus> PublishAndWaitAsync(
        string dataModelId,
        TableSelection tables,
        StrategyWaitOptions? options = null,
        IProgress<StrategyWaitProgress<PublishStatus>>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dataModelId);
        ArgumentNullException.ThrowIfNull(tables);
        (options ?? StrategyWaitOptions.Default).Validate(); // before the tables are listed
        var body = await tables.ResolveAsync(this, dataModelId, cancellationToken).ConfigureAwait(false);
        return await PublishAndWaitAsync(dataModelId, body, options, progress, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public virtual Task<PublishStatus> PublishAndWaitAsync(
        string dataModelId,
        RefreshPolicy policy = RefreshPolicy.Replace,
        StrategyWaitOptions? options = null,
        IProgress<StrategyWaitProgress<PublishStatus>>? progress = null,
        CancellationToken cancellationToken = default) =>
        PublishAndWaitAsync(dataModelId, TableSelection.All(policy), options, progress, cancellationToken);
}
