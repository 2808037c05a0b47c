namespace Strategy.Generated;

/// <summary>Finding a cube's caches, and loading or unloading one through the manipulation wait.</summary>
public partial class CubeCachesClient
{
    /// <summary>The caches of a cube on every node of the project (a cube has one per node it was published on).</summary>
    /// <param name="cubeId">The cube.</param>
    /// <param name="cancellationToken">Cancels the calls.</param>
    /// <returns>The caches, possibly none.</returns>
    /// <exception cref="StrategyApiException">The server answered an error (503 when a node is not connected).</exception>
    public virtual async Task<IReadOnlyList<CubeCache>> FindCubeCachesAsync(string cubeId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(cubeId);
        var found = new List<CubeCache>();
        foreach (var node in await ProjectNodesAsync(cancellationToken).ConfigureAwait(false))
        {
            await foreach (var cache in EnumerateCubeCachesAsync(node, ProjectId, cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                if (string.Equals(cache.Source?.Id, cubeId, StringComparison.OrdinalIgnoreCase))
                {
                    found.Add(cache);
                }
            }
        }

        return found;
    }

    /// <summary>The names of the cluster's nodes the project is on.</summary>
    internal async Task<IReadOnlyList<string>> ProjectNodesAsync(CancellationToken cancellationToken) =>
        ((await new MonitorsClient(_httpClient).ListClusterNodesAsync(ProjectId, null, cancellationToken).ConfigureAwait(false)).Nodes ?? [])
            .Select(n => n?.Name).OfType<string>().ToList();

    /// <summary>Loads a cube cache into memory and waits until it is loaded (it must be active).</summary>
    /// <param name="cacheId">The cache.</param>
    /// <param name="options">How to wait; <see cref="StrategyWaitOptions.Default"/> when <see langword="null"/>.</param>
    /// <param name="progress">Receives every status observed while waiting.</param>
    /// <param name="cancellationToken">Cancels the wait; the change goes on on the server.</param>
    /// <returns>The change's final status.</returns>
    /// <exception cref="StrategyOperationFailedException">The server could not load it (an inactive cache, for example).</exception>
    public virtual Task<CubeCacheManipulationState> LoadCubeCacheAsync(string cacheId, StrategyWaitOptions? options = null, IProgress<StrategyWaitProgress<CubeCacheManipulationState>>? progress = null, CancellationToken cancellationToken = default) =>
        UpdateCubeCacheAndWaitAsync(cacheId, new CubeCacheChange { State = new() { LoadedState = CubeCacheLoadedState.Loaded } }, options, progress, cancellationToken);

    /// <summary>Unloads a cube cache from memory and waits until it is unloaded.</summary>
    /// <param name="cacheId">The cache.</param>
    /// <param name="options">How to wait; <see cref="StrategyWaitOptions.Default"/> when <see langword="null"/>.</param>
    /// <param name="progress">Receives every status observed while waiting.</param>
    /// <param name="cancellationToken">Cancels the wait; the change goes on on the server.</param>
    /// <returns>The change's final status.</returns>
    /// <exception cref="StrategyOperationFailedException">The server could not unload it.</exception>
    public virtual Task<CubeCacheManipulationState> UnloadCubeCacheAsync(string cacheId, StrategyWaitOptions? options = null, IProgress<StrategyWaitProgress<CubeCacheManipulationState>>? progress = null, CancellationToken cancellationToken = default) =>
        UpdateCubeCacheAndWaitAsync(cacheId, new CubeCacheChange { State = new() { LoadedState = CubeCacheLoadedState.Unloaded } }, options, progress, cancellationToken);
}
