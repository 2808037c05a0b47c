namespace Strategy.Generated.Http;

/// <summary>An answer body kept only in part: its start.</summary>
/// <param name="Kept">How many bytes of it were kept.</param>
/// <param name="AnnouncedLength">The body's length as the server announced it (<c>Content-Length</c>), when it did.</param>
internal sealed record AnswerCut(long Kept, long? AnnouncedLength);
