using Strategy.Generated.Http;

namespace Strategy.Generated;

/// <summary>The error answer the spec says means "no status yet" (<c>x-strategy-wait.noStatus</c>): an HTTP status, an error code and words of the message.</summary>
/// <param name="Status">The HTTP status, such as 500.</param>
/// <param name="Code">The error code, such as <c>ERR002</c>.</param>
/// <param name="Message">Words the message contains, such as <c>No status for the subscription</c>.</param>
/// <param name="Unavailable">Other words of the same answer that say the server reports no status at all (<c>This endpoint is disabled</c>), if declared.</param>
internal sealed record NoStatusAnswer(int Status, string Code, string Message, string? Unavailable = null)
{
    /// <summary>Whether an answer with this status, code and message is this one (in either of its wordings).</summary>
    public bool Matches(int status, string? code, string? message) =>
        status == Status
        && string.Equals(code, Code, StringComparison.OrdinalIgnoreCase)
        && ((message ?? string.Empty).Contains(Message, StringComparison.OrdinalIgnoreCase)
            || (Unavailable is not null && (message ?? string.Empty).Contains(Unavailable, StringComparison.OrdinalIgnoreCase)));
}

/// <summary>Recognizes an error answer the spec gives a meaning, such as "no status yet" (<c>x-strategy-wait.noStatus</c>).</summary>
internal static class StrategyAnswers
{
    /// <summary>Whether <paramref name="error"/> is the answer with this HTTP status, error code and words in its message.</summary>
    public static bool Means(StrategyApiException error, int status, string code, string message) =>
        new NoStatusAnswer(status, code, message).Matches(error.StatusCode, error.ErrorCode, error.ServerMessage);

    /// <summary>
    /// Whether a response is the "no status yet" answer its operation declares: a deliberate answer,
    /// not a passing failure, so it is not worth sending the request again.
    /// </summary>
    public static async Task<bool> IsNoStatusAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (StrategyRequestOptions.NoStatus(response.RequestMessage) is not { } answer || (int)response.StatusCode != answer.Status)
        {
            return false;
        }

        var body = (await ErrorAnswer.ReadAsync(response, cancellationToken).ConfigureAwait(false)).Body;
        return answer.Matches((int)response.StatusCode, body.Code, body.Message);
    }
}
