using System.Globalization;

namespace Strategy.Generated.Http;

/// <summary>Tells "this object does not exist" from "this server is too old for the operation".</summary>
internal static class ServerSupport
{
    /// <summary>
    /// For a 404 ERR004 on an operation declared with a minimum server version: asks the server
    /// its version and answers <see cref="StrategyNotSupportedException"/> when it is older, else
    /// the original error (also when the version cannot be read).
    /// </summary>
    public static async Task<Exception> ExplainNotFoundAsync(HttpClient client, string operationId, string minimumServerVersion, StrategyApiException notFound, CancellationToken cancellationToken)
    {
        ServerStatus status;
        try
        {
            status = await new ServerClient(client).GetServerStatusAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is StrategyException or HttpRequestException)
        {
            return notFound;
        }

        var reported = status.IServerVersion ?? status.WebVersion;
        return IsOlder(reported, minimumServerVersion)
            ? new StrategyNotSupportedException(operationId, minimumServerVersion, status.IServerVersion, status.WebVersion, notFound)
            : notFound;
    }

    /// <summary>Whether <paramref name="version"/> (such as <c>11.4.1200.0045</c>) comes before <paramref name="minimum"/>; compares major.minor.release.</summary>
    public static bool IsOlder(string? version, string minimum) =>
        Parse(version) is { } reported && Parse(minimum) is { } required && reported < required;

    private static Version? Parse(string? text)
    {
        var parts = text?.Split('.');
        if (parts is null || parts.Length < 3)
        {
            return null;
        }

        var numbers = new int[3];
        for (var i = 0; i < 3; i++)
        {
            if (!int.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out numbers[i]))
            {
                return null;
            }
        }

        return new Version(numbers[0], numbers[1], numbers[2]);
    }
}
