namespace Strategy.Generated.Http;

/// <summary>What the generated client records on a request for the handlers and errors further on.</summary>
internal static class StrategyRequestOptions
{
    private static readonly HttpRequestOptionsKey<string> OperationIdKey = new("Strategy.OperationId");
    private static readonly HttpRequestOptionsKey<string> MinimumServerVersionKey = new("Strategy.MinimumServerVersion");
    private static readonly HttpRequestOptionsKey<string> PathTemplateKey = new("Strategy.PathTemplate");
    private static readonly HttpRequestOptionsKey<int> AttemptKey = new("Strategy.Attempt");

    public static void SetOperation(HttpRequestMessage request, string operationId, string? pathTemplate, string? minimumServerVersion)
    {
        request.Options.Set(OperationIdKey, operationId);
        if (pathTemplate is not null)
        {
            request.Options.Set(PathTemplateKey, pathTemplate);
        }

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

    /// <summary>The operation's path as the spec writes it (<c>api/subscriptions/{subscriptionId}</c>): low-cardinality, for span names.</summary>
    public static string? PathTemplate(HttpRequestMessage? request) =>
        request is not null && request.Options.TryGetValue(PathTemplateKey, out var template) ? template : null;

    /// <summary>How many times the retry handler already sent this request (0 for the first attempt).</summary>
    public static int Attempt(HttpRequestMessage request) => request.Options.TryGetValue(AttemptKey, out var attempt) ? attempt : 0;

    /// <summary>Counts one more attempt and answers how many came before it.</summary>
    public static int NextAttempt(HttpRequestMessage request)
    {
        var before = request.Options.TryGetValue(AttemptKey, out var count) ? count + 1 : 0;
        request.Options.Set(AttemptKey, before);
        return before;
    }
}
