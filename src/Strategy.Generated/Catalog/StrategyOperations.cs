namespace Strategy.Generated;

/// <summary>
/// The catalog of what the spec declares, generated with the clients: every operation
/// (<see cref="All"/>) and every client class (<see cref="Clients"/>). Dependency injection, the
/// <c>strategy operations</c> command and client creation read it instead of scanning the assembly.
/// </summary>
public static partial class StrategyOperations
{
    private static Dictionary<Type, StrategyClientType>? _byType;

    /// <summary>The client entry for <paramref name="clientType"/>, or <see langword="null"/> for a type that is not a generated client (a class derived from one, say).</summary>
    /// <param name="clientType">A client class.</param>
    /// <returns>Its entry, or <see langword="null"/>.</returns>
    public static StrategyClientType? Client(Type clientType)
    {
        var byType = _byType ??= Clients.ToDictionary(c => c.ClientType);
        return byType.TryGetValue(clientType, out var entry) ? entry : null;
    }
}
