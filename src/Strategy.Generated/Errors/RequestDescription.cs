using Strategy.Generated.Http;

namespace Strategy.Generated;

/// <summary>A request, a base address and a redirect as messages name them.</summary>
internal static class RequestDescription
{
    /// <summary>The login operation: every Strategy Library answers its path.</summary>
    public const string LoginOperationId = "Login";

    /// <summary>A request as messages name it: <c>GetSubscription (GET MicroStrategyLibrary/api/subscriptions/0730…)</c>, or its method and path alone.</summary>
    public static string Describe(HttpRequestMessage request) => Of(request) switch
    {
        ({ } id, { } sent) => $"{id} ({sent})",
        ({ } id, null) => id,
        (null, { } sent) => sent,
        _ => "a request",
    };

    /// <summary>The operation a request is, and its method and path.</summary>
    public static (string? Id, string? Request) Of(HttpRequestMessage? request) =>
        (StrategyRequestOptions.OperationId(request),
         request?.RequestUri is null ? null : FormattableString.Invariant($"{request.Method} {PathOf(request.RequestUri)}"));

    private static string PathOf(Uri uri) => uri.IsAbsoluteUri ? uri.AbsolutePath.TrimStart('/') : uri.OriginalString.Split('?')[0];

    /// <summary>The address a request was sent under, without the operation's path: the server's base address as far as can be told.</summary>
    public static string BaseOf(HttpRequestMessage? request)
    {
        if (request?.RequestUri is not { IsAbsoluteUri: true } uri)
        {
            return "this address";
        }

        var path = uri.AbsolutePath;
        var api = path.IndexOf("/api/", StringComparison.Ordinal);
        return uri.GetLeftPart(UriPartial.Authority) + (api >= 0 ? path[..(api + 1)] : "/");
    }

    /// <summary>Where a redirect pointed, in words; the query is left out (a sign-in page's carries its own state).</summary>
    public static string Redirected(HttpResponseMessage response)
    {
        var location = response.Headers.Location;
        if (location is null)
        {
            return "the server redirected it without saying where: the address does not lead to the Strategy REST API";
        }

        var target = location.IsAbsoluteUri ? location : new Uri(response.RequestMessage?.RequestUri ?? new Uri("http://localhost/"), location);
        var shown = ServerText.Clean(target.GetLeftPart(UriPartial.Path), 200);
        var request = response.RequestMessage?.RequestUri;
        return request is { IsAbsoluteUri: true } && target.Scheme == Uri.UriSchemeHttps && request.Scheme == Uri.UriSchemeHttp
               && string.Equals(target.Host, request.Host, StringComparison.OrdinalIgnoreCase)
            ? $"the server redirected it to {shown}: use the https:// address"
            : $"the server redirected it to {shown}, a sign-in page rather than the Strategy REST API (single sign-on in front of the server?)";
    }
}
