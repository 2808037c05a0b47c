namespace Strategy.Generated.Http;

/// <summary>What the client records on a request for the handlers and errors further on: the operation it performs.</summary>
internal static class StrategyRequestOptions
{
    private static readonly HttpRequestOptionsKey<string> OperationIdKey = new("Strategy.OperationId");

    public static void SetOperationId(HttpRequestMessage request, string operationId) =>
        request.Options.Set(OperationIdKey, operationId);

    /// <summary>The operationId the generated client recorded, or <see langword="null"/> for a request made another way.</summary>
    public static string? OperationId(HttpRequestMessage? request) =>
        request is not null && request.Options.TryGetValue(OperationIdKey, out var operationId) ? operationId : null;
}
