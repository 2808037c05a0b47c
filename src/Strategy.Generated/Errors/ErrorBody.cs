using Newtonsoft.Json;

namespace Strategy.Generated;

/// <summary>
/// What an error answer's body says, read leniently: the documented JSON error, an
/// <c>errors</c> array, an HTML page, plain text or nothing at all.
/// </summary>
internal sealed record ErrorBody(
    string? Code,
    string? Message,
    long? IServerCode,
    string? TicketId,
    IReadOnlyList<ErrorDetail> Errors,
    string? Description)
{
    private const int MaxDescriptionLength = 200;

    public static ErrorBody Parse(string? text, string? contentType)
    {
        // The null test is for .NET Standard 2.0, whose IsNullOrWhiteSpace does not tell the compiler.
        if (text is null || string.IsNullOrWhiteSpace(text))
        {
            return Empty("the answer had no body");
        }

        var trimmed = text.Trim();
        if (trimmed == "null")
        {
            return Empty("the answer was the JSON literal null");
        }

        if (trimmed.StartsWith('{'))
        {
            try
            {
                var error = JsonConvert.DeserializeObject<ErrorResponse>(trimmed, StrategyJson.Settings);
                if (error is not null)
                {
                    var errors = error.Errors?.Where(e => e is not null).ToArray() ?? [];
                    var first = errors.FirstOrDefault();
                    return new ErrorBody(
                        error.Code ?? first?.Code,
                        error.Message ?? first?.Message,
                        error.IServerCode ?? first?.IServerCode,
                        error.TicketId ?? first?.TicketId,
                        errors,
                        Description: null);
                }
            }
            catch (JsonException)
            {
                return Empty($"the answer was malformed JSON: {Excerpt(trimmed)}");
            }
        }

        if (IsHtml(trimmed, contentType))
        {
            var title = TextPatterns.HtmlTitle().Match(trimmed);
            return Empty(title.Success
                ? $"the answer was an HTML page titled '{Excerpt(title.Groups[1].Value)}'"
                : "the answer was an HTML page");
        }

        return Empty($"the answer was not JSON: {Excerpt(trimmed)}");
    }

    /// <summary>Nothing to report from the body (it was not an error body).</summary>
    public static readonly ErrorBody None = new(null, null, null, null, [], Description: null);

    private static ErrorBody Empty(string description) => new(null, null, null, null, [], description);

    private static bool IsHtml(string text, string? contentType) =>
        string.Equals(contentType, "text/html", StringComparison.OrdinalIgnoreCase)
        || text.StartsWith("<!DOCTYPE html", StringComparison.OrdinalIgnoreCase)
        || text.StartsWith("<html", StringComparison.OrdinalIgnoreCase);

    private static string Excerpt(string text)
    {
        var oneLine = TextPatterns.Whitespace().Replace(text, " ").Trim();
        return oneLine.Length <= MaxDescriptionLength ? oneLine : oneLine[..MaxDescriptionLength] + "…";
    }
}
