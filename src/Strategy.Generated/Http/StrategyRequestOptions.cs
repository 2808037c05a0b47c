namespace Strategy.Generated.Http;

/// <summary>What the generated client records on a request for the handlers and errors further on.</summary>
internal static class StrategyRequestOptions
{
    private static readonly HttpRequestOptionsKey<string> OperationIdKey = new("Strategy.OperationId");
    private static readonly HttpRequestOptionsKey<string> MinimumServerVersionKey = new("Strategy.MinimumServerVersion");

    public static void SetOperation(HttpRequestMessage request, string operationId, string? minimumServerVersion)
    {
        request.Options.Set(OperationIdKey, operationId);
        if (minimumServerVersion is not null)
        {
            request.Options.Set(MinimumServerVersionKey, minimumServerVersion);
        }
    }

    /// <summary>The operationId the generated client recorded, or <see langword="null"/> for a request made another way.</summary>
    public static string? OperationId(HttpRequestMessage? request) =>
        request is not null && request.Options.TryGetValue(OperationIdKey, out var operationId) ? operationId : null;

    /// <summary>The first server version that has the operation, when the spec declares one (<c>x-strategy-since</c>).</summary>
    public static string? MinimumServerVersion(HttpRequestMessage? request) =>
        request is not null && request.Options.TryGetValue(MinimumServerVersionKey, out var version) ? version : null;
}
