using System.Globalization;

namespace Strategy.Generated;

/// <summary>How an error answer is said in an exception's message.</summary>
internal static class ApiErrorMessage
{
    /// <summary>The message of an exception over <paramref name="answer"/>: the operation, what the client says of it, the status, and the server's own words, cleaned and cut.</summary>
    public static string Compose(ApiAnswer answer, string? clientMessage, bool statusSaid)
    {
        var (statusCode, operation, body) = (answer.StatusCode, answer.Operation, answer.Body);
        var prefix = operation switch
        {
            ({ } id, { } request) => $"{id} ({request})",
            ({ } id, null) => id,
            (null, { } request) => request,
            _ => null,
        };
        var client = clientMessage is null ? null : ServerText.Clean(clientMessage.TrimEnd('.'), 600);
        var status = statusSaid ? string.Empty : FormattableString.Invariant($" (HTTP {statusCode})");
        var text = (prefix, client) switch
        {
            (not null, null) => FormattableString.Invariant($"{prefix} failed with HTTP {statusCode}"),
            (not null, not null) => $"{prefix}: {client}{status}",
            (null, not null) => $"{client}{status}",
            _ => FormattableString.Invariant($"The server answered HTTP {statusCode}"),
        };

        if (body.Code is not null || body.Message is not null)
        {
            text += body.Code is null ? $": {Short(body.Message)}" : $": {body.Code} {Short(body.Message)}".TrimEnd();
        }
        else if (body.Description is not null && !(client is not null && body.Description == ErrorBody.NoBody))
        {
            // An empty body says nothing when the message already says what happened (a redirect).
            text += $": {body.Description}";
        }

        var extra = new List<string>(2);
        if (body.IServerCode is { } iServerCode)
        {
            extra.Add(FormattableString.Invariant($"iServerCode {iServerCode}"));
        }

        if (body.TicketId is not null)
        {
            extra.Add($"ticket {body.TicketId}");
        }

        if (extra.Count > 0)
        {
            text += $" ({string.Join(", ", extra)})";
        }

        return text.EndsWith('.') ? text : text + ".";
    }

    // The message shows the server's words at a length a message carries; the property keeps more.
    private static string? Short(string? serverMessage) => ServerText.Clean(serverMessage, ServerText.DefaultLength);

    /// <summary>A JSON reader's reason without the "Path 'x', line 1, position 2." Newtonsoft appends (the path is reported on its own).</summary>
    public static string Reason(string message)
    {
        var cut = message.IndexOf(" Path '", StringComparison.Ordinal);
        return ServerText.Clean((cut > 0 ? message[..cut] : message).TrimEnd('.', ' ', ','))!;
    }
}
