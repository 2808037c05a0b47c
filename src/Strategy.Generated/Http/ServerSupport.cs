using System.Globalization;
using System.Runtime.CompilerServices;
using Newtonsoft.Json.Linq;

namespace Strategy.Generated.Http;

/// <summary>
/// Tells "this object does not exist" from "this server is too old for the operation", and, once the
/// server's version is known on an <see cref="HttpClient"/>, refuses an operation it does not have
/// before the request is sent.
/// </summary>
internal static class ServerSupport
{
    /// <summary>The versions each client's server reported: learned from a status answer, never asked for on purpose.</summary>
    private static readonly ConditionalWeakTable<HttpClient, ServerVersions> Known = new();

    /// <summary>The operation that reports the server's versions (<c>GET /api/status</c>).</summary>
    public const string StatusOperationId = "GetServerStatus";

    /// <summary>
    /// Throws <see cref="StrategyNotSupportedException"/> before sending when the server of
    /// <paramref name="client"/> is known to be older than <paramref name="minimumServerVersion"/>;
    /// does nothing while its version is unknown (the 404 it may answer is explained then).
    /// </summary>
    /// <exception cref="StrategyNotSupportedException">The server's reported version comes before the operation's.</exception>
    public static void RefuseIfOlder(HttpClient client, string operationId, string minimumServerVersion)
    {
        if (Known.TryGetValue(client, out var versions) && IsOlder(versions.IServer ?? versions.Web, minimumServerVersion))
        {
            throw new StrategyNotSupportedException(operationId, minimumServerVersion, versions.IServer, versions.Web);
        }
    }

    /// <summary>Keeps the versions a successful <c>GET /api/status</c> answer reports, for <see cref="RefuseIfOlder"/>.</summary>
    public static async Task RememberAsync(HttpClient client, HttpResponseMessage response, CancellationToken cancellationToken)
    {
        await response.Content.BufferAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var body = JObject.Parse(await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false));
            Remember(client, (string?)body["iServerVersion"], (string?)body["webVersion"]);
        }
        catch (Newtonsoft.Json.JsonException)
        {
            // The reading of the answer reports it; an unreadable version is simply not known.
        }
    }

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

        Remember(client, status.IServerVersion, status.WebVersion);
        var reported = status.IServerVersion ?? status.WebVersion;
        return IsOlder(reported, minimumServerVersion)
            ? new StrategyNotSupportedException(operationId, minimumServerVersion, status.IServerVersion, status.WebVersion, notFound)
            : notFound;
    }

    /// <summary>Whether <paramref name="version"/> (such as <c>11.4.1200.0045</c>) comes before <paramref name="minimum"/>; compares major.minor.release.</summary>
    public static bool IsOlder(string? version, string minimum) =>
        Parse(version) is { } reported && Parse(minimum) is { } required && reported < required;

    private static void Remember(HttpClient client, string? iServer, string? web)
    {
        if (Parse(iServer ?? web) is not null)
        {
            lock (Known)
            {
                Known.Remove(client);
                Known.Add(client, new ServerVersions(iServer, web));
            }
        }
    }

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

    private sealed record ServerVersions(string? IServer, string? Web);
}
