using Newtonsoft.Json;
using Strategy.Generated.Http;

namespace Strategy.Generated;

/// <summary>
/// What an error answer's body says, read leniently: the documented JSON error, an
/// <c>errors</c> array, an HTML page, plain text or nothing at all. What the server wrote is
/// cleaned of control characters and cut to a sane length here, before any message shows it.
/// </summary>
internal sealed record ErrorBody(
    string? Code,
    string? Message,
    long? IServerCode,
    string? TicketId,
    IReadOnlyList<ErrorDetail> Errors,
    string? Description,
    bool IsHtml = false,
    string? HtmlTitle = null)
{
    /// <summary>What an empty answer says.</summary>
    public const string NoBody = "the answer had no body";

    private const int MaxExcerptLength = 200;
    private const int MaxCodeLength = 64;
    private const int MaxMessageLength = 1000;

    public static ErrorBody Parse(string? text, string? contentType, AnswerCut? cut = null)
    {
        var body = ParseText(text, contentType);
        return cut is null || body.Description is null ? body : body with { Description = body.Description + Cut(cut) };
    }

    private static ErrorBody ParseText(string? text, string? contentType)
    {
        // The null test is for .NET Standard 2.0, whose IsNullOrWhiteSpace does not tell the compiler.
        if (text is null || string.IsNullOrWhiteSpace(text))
        {
            return Empty(NoBody);
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
                        ServerText.Clean(error.Code ?? first?.Code, MaxCodeLength),
                        ServerText.Clean(error.Message ?? first?.Message, MaxMessageLength),
                        error.IServerCode ?? first?.IServerCode,
                        ServerText.Clean(error.TicketId ?? first?.TicketId, MaxCodeLength),
                        errors,
                        Description: null);
                }
            }
            catch (JsonException)
            {
                return Empty($"the answer was malformed JSON: {Excerpt(trimmed)}");
            }
        }

        if (IsHtmlPage(trimmed, contentType))
        {
            var title = TextPatterns.HtmlTitle().Match(trimmed);
            var titleText = title.Success ? ServerText.Clean(title.Groups[1].Value, MaxExcerptLength) : null;
            return Empty(titleText is { Length: > 0 } ? $"the answer was an HTML page titled '{titleText}'" : "the answer was an HTML page") with { IsHtml = true, HtmlTitle = titleText };
        }

        return Empty($"the answer was not JSON: {Excerpt(trimmed)}");
    }

    /// <summary>Nothing to report from the body (it was not an error body).</summary>
    public static readonly ErrorBody None = new(null, null, null, null, [], Description: null);

    private static ErrorBody Empty(string description) => new(null, null, null, null, [], description);

    private static bool IsHtmlPage(string text, string? contentType) =>
        string.Equals(contentType, "text/html", StringComparison.OrdinalIgnoreCase)
        || text.StartsWith("<!DOCTYPE html", StringComparison.OrdinalIgnoreCase)
        || text.StartsWith("<html", StringComparison.OrdinalIgnoreCase);

    private static string Excerpt(string text) => ServerText.Clean(text, MaxExcerptLength)!;

    private static string Cut(AnswerCut cut) =>
        cut.AnnouncedLength is { } announced
            ? $" (only its first {ByteSize.Words(cut.Kept)} of {ByteSize.Words(announced)} were read)"
            : $" (only its first {ByteSize.Words(cut.Kept)} were read)";
}
