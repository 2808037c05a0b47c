namespace Strategy.Generated;

/// <summary>What kind of failure an answer is, from its HTTP status and the server's error code.</summary>
internal static class StrategyErrorClassifier
{
    /// <summary>The kind of an answer with this status and error code; the one place that decides it.</summary>
    internal static StrategyErrorKind Classify(int statusCode, string? code, bool unreadableSuccess = false)
    {
        if (unreadableSuccess)
        {
            return StrategyErrorKind.InvalidResponse;
        }

        switch (code?.ToUpperInvariant())
        {
            case "ERR009": return StrategyErrorKind.SessionExpired;
            case "ERR003": return StrategyErrorKind.Authentication;
            case "ERR004": return StrategyErrorKind.NotFound;
            case "ERR005" or "ERR006" or "ERR007": return StrategyErrorKind.InvalidInput;
            case "ERR0014" or "ERR0017" or "ERR014" or "ERR017": return StrategyErrorKind.Forbidden;
        }

        return statusCode switch
        {
            401 => StrategyErrorKind.SessionExpired,
            403 => StrategyErrorKind.Forbidden,
            404 => StrategyErrorKind.NotFound,
            400 or 422 => StrategyErrorKind.InvalidInput,
            408 or 429 => StrategyErrorKind.Throttled,
            >= 500 and < 600 => StrategyErrorKind.ServerError,
            _ => StrategyErrorKind.Unknown,
        };
    }
}
