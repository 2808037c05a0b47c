using Strategy.Generated.Http;

namespace Strategy.Generated;

/// <summary>
/// A generated client class, as <see cref="StrategyOperations.Clients"/> lists them: the class,
/// the interface it implements, and how to create one on an <see cref="HttpClient"/>.
/// </summary>
public sealed class StrategyClientType
{
    private readonly Func<HttpClient, StrategyClientBase> _create;

    /// <summary>Creates an entry of the catalog (the generated <see cref="StrategyOperations"/> does).</summary>
    /// <param name="clientType">The client class.</param>
    /// <param name="interfaceType">The interface it implements, or <see langword="null"/>.</param>
    /// <param name="create">Creates one on an <see cref="HttpClient"/>.</param>
    public StrategyClientType(Type clientType, Type? interfaceType, Func<HttpClient, StrategyClientBase> create)
    {
        ClientType = clientType;
        InterfaceType = interfaceType;
        _create = create;
    }

    /// <summary>The client class, such as <see cref="EventsClient"/>.</summary>
    public Type ClientType { get; }

    /// <summary>The interface it implements, such as <see cref="IEventsClient"/>, or <see langword="null"/>.</summary>
    public Type? InterfaceType { get; }

    /// <summary>Creates a client on <paramref name="httpClient"/>, in <paramref name="projectId"/>.</summary>
    /// <param name="httpClient">The HTTP client it sends through (a connection's or dependency injection's).</param>
    /// <param name="projectId">The project header it sends, or <see langword="null"/>.</param>
    /// <returns>A new client.</returns>
    public StrategyClientBase Create(HttpClient httpClient, string? projectId)
    {
        var client = _create(httpClient);
        client.ProjectId = projectId;
        return client;
    }

    /// <inheritdoc />
    public override string ToString() => ClientType.Name;
}
