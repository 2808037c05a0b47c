namespace Strategy.Generated;

/// <summary>Recognizes an error answer the spec gives a meaning, such as "no status yet" (<c>x-strategy-wait.noStatus</c>).</summary>
internal static class StrategyAnswers
{
    /// <summary>Whether <paramref name="error"/> is the answer with this HTTP status, error code and words in its message.</summary>
    public static bool Means(StrategyApiException error, int status, string code, string message) =>
        error.StatusCode == status
        && string.Equals(error.ErrorCode, code, StringComparison.OrdinalIgnoreCase)
        && (error.ServerMessage ?? string.Empty).IndexOf(message, StringComparison.OrdinalIgnoreCase) >= 0;
}
