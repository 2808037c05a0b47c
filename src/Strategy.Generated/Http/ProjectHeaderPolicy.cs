namespace Strategy.Generated.Http;

/// <summary>
/// The project header (<c>X-MSTR-ProjectID</c>) as each operation's declaration says
/// (<see cref="StrategyOperation.ProjectHeader"/>): a client with a project adds it to every request;
/// <see cref="Apply"/> takes it off where the server wants none (the official client leaves it out on
/// those calls), and <see cref="Check"/> refuses an operation that works in a project without one,
/// before anything is sent (the server would answer ERR006 after the login).
/// </summary>
internal static class ProjectHeaderPolicy
{
    private static readonly Lazy<Dictionary<string, StrategyOperation>> ById = new(
        () => StrategyOperations.All.ToDictionary(o => o.OperationId, StringComparer.Ordinal));

    /// <summary>Takes the project header off <paramref name="request"/> when its operation leaves it out for this request.</summary>
    public static void Apply(HttpRequestMessage request, string operationId)
    {
        if (ById.Value.TryGetValue(operationId, out var operation) && !Wants(operation, request))
        {
            request.Headers.Remove(StrategyHeaders.ProjectId);
        }
    }

    /// <summary>Throws when <paramref name="request"/>'s operation needs a project and it carries none.</summary>
    /// <exception cref="ArgumentException">No project was given; the message names the settings that give one.</exception>
    public static void Check(HttpRequestMessage request)
    {
        if (StrategyRequestOptions.OperationId(request) is { } operationId
            && ById.Value.TryGetValue(operationId, out var operation)
            && Needs(operation, request, out var because)
            && !request.Headers.Contains(StrategyHeaders.ProjectId))
        {
            // The missing value is the connection's projectId, not a parameter of this check: the name the caller gave it.
#pragma warning disable CA2208
            throw new ArgumentException(
                $"{operationId}{because} works in a project, and none was given: pass projectId to StrategyConnection.Create, set ProjectId in StrategyClientOptions (the Strategy:ProjectId setting), or set ProjectId on the client. Nothing was sent.",
                "projectId");
#pragma warning restore CA2208
        }
    }

    private static bool Wants(StrategyOperation operation, HttpRequestMessage request) => operation.ProjectHeader switch
    {
        StrategyProjectHeaderUse.Never => false,
        StrategyProjectHeaderUse.ForValues => HasDecidingValue(operation, request),
        _ => true,
    };

    private static bool Needs(StrategyOperation operation, HttpRequestMessage request, out string because)
    {
        because = string.Empty;
        switch (operation.ProjectHeader)
        {
            case StrategyProjectHeaderUse.Required:
                return true;
            case StrategyProjectHeaderUse.ForValues when HasDecidingValue(operation, request):
                because = $" for {operation.ProjectHeaderParameter} {QueryValue(request.RequestUri, operation.ProjectHeaderParameter!)}";
                return true;
            default:
                return false;
        }
    }

    private static bool HasDecidingValue(StrategyOperation operation, HttpRequestMessage request) =>
        QueryValue(request.RequestUri, operation.ProjectHeaderParameter!) is { } value
        && operation.ProjectHeaderValues.Contains(value, StringComparer.OrdinalIgnoreCase);

    /// <summary>The first value of query parameter <paramref name="name"/> in <paramref name="uri"/> (relative or absolute), unescaped.</summary>
    private static string? QueryValue(Uri? uri, string name)
    {
        var text = uri?.OriginalString;
        var start = text?.IndexOf('?') ?? -1;
        if (text is null || start < 0)
        {
            return null;
        }

        foreach (var pair in text.Substring(start + 1).Split('&'))
        {
            var equals = pair.IndexOf('=');
            var key = Uri.UnescapeDataString(equals < 0 ? pair : pair.Substring(0, equals));
            if (string.Equals(key, name, StringComparison.Ordinal))
            {
                return equals < 0 ? string.Empty : Uri.UnescapeDataString(pair.Substring(equals + 1).Replace('+', ' '));
            }
        }

        return null;
    }
}
