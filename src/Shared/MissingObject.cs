using Strategy.Generated;

namespace Strategy.Shared;

/// <summary>
/// What a 404 says is missing, in the user's terms: the object the failed operation names last in its
/// path (<c>{cubeId}</c> of <c>HEAD /api/cubes/{cubeId}</c> is a cube), with the id the user gave. Read
/// from the operation catalog, so every operation of the spec says "no such …" in the same form. Only
/// when the server said nothing, or said something that names that id: a 404 about the project is not
/// one about the cube.
/// </summary>
/// <param name="Kind">The kind of object, in words (<c>cube</c>, <c>data model</c>).</param>
/// <param name="Id">The id the request named.</param>
internal sealed record MissingObject(string Kind, string Id)
{
    /// <summary>The object a 404 of <paramref name="error"/> is about, or <see langword="null"/> when its operation names none.</summary>
    public static MissingObject? Of(StrategyApiException error)
    {
        if (error.OperationId is not { } operationId || error.Operation is not { } request
            || StrategyOperations.All.FirstOrDefault(o => o.OperationId == operationId) is not { } operation)
        {
            return null;
        }

        // "GET MicroStrategyLibrary/api/cubes/8D67…": the path after the method, without its query.
        var path = request[(request.IndexOf(' ') + 1)..].Split('?')[0];
        var sent = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var template = operation.PathTemplate.Split('/', StringSplitOptions.RemoveEmptyEntries);
        for (var fromEnd = 1; fromEnd <= template.Length && fromEnd <= sent.Length; fromEnd++)
        {
            var segment = template[^fromEnd];
            if (segment.StartsWith('{') && segment.EndsWith('}'))
            {
                // A 404 may be about something else the request named (the project in its header): the
                // server's words, when it said any, must name this id for the object to be the missing one.
                var id = Uri.UnescapeDataString(sent[^fromEnd]);
                return error.ServerMessage is { Length: > 0 } said && !said.Contains(id, StringComparison.OrdinalIgnoreCase)
                    ? null
                    : new MissingObject(Words(segment[1..^1]), ServerText.Clean(id, 120)!);
            }
        }

        return null;
    }

    /// <summary>
    /// The message: <c>No such subscription: 0730… (GetSubscription answered HTTP 404, ERR004).</c>; an
    /// answer without a reason (a HEAD) may be about the project as well, and says so.
    /// </summary>
    public string Message(StrategyApiException error) =>
        $"No such {Kind}: {Id} ({error.OperationId} answered HTTP {error.StatusCode}"
        + (error.ErrorCode is { } code ? ", " + code + ")." : error.ServerMessage is { Length: > 0 } ? ")." : " without a reason: check the project too).");

    /// <summary><c>dataModelId</c> reads as <c>data model</c>.</summary>
    private static string Words(string parameter)
    {
        var name = parameter.EndsWith("Id", StringComparison.Ordinal) && parameter.Length > 2 ? parameter[..^2] : parameter;
        return WorkWords.Split(name);
    }
}
