using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Strategy.Generated;

namespace Strategy.Emulator.Api;

/// <summary>
/// A server older than an operation does not have its route: it answers 404 ERR004 as for any unknown
/// route. The first version of each operation is the spec's <c>x-strategy-since</c>, read from the
/// operation catalog; the emulator's version is <see cref="StrategyEmulatorOptions.ServerVersion"/>.
/// </summary>
internal static class VersionGate
{
    private static readonly Lazy<IReadOnlyList<(string Method, Regex Path, Version Since)>> Gated = new(() =>
        StrategyOperations.All
            .Where(o => o.Since is not null)
            .Select(o => (o.Method, new Regex("^" + Regex.Replace(Regex.Escape(o.PathTemplate), @"\\\{[^}]+}", "[^/]+") + "/?$", RegexOptions.CultureInvariant), Parse(o.Since!)!))
            .Where(o => o.Item3 is not null)
            .ToList());

    /// <summary>Answers an operation newer than the emulator's version as an unknown route.</summary>
    public static Task InvokeAsync(HttpContext context, RequestDelegate next, StrategyEmulatorOptions options)
    {
        var path = context.Request.Path.Value ?? string.Empty;
        if (Parse(options.ServerVersion) is { } version
            && Gated.Value.FirstOrDefault(o => HttpMethods.Equals(o.Method, context.Request.Method) && o.Path.IsMatch(path)) is { Path: not null } gated
            && version < gated.Since)
        {
            return EmulatorApi.UnknownRoute(context).ExecuteAsync(context);
        }

        return next(context);
    }

    /// <summary>major.minor.release of a version such as <c>11.4.1200.0045</c>.</summary>
    internal static Version? Parse(string text)
    {
        var parts = text.Split('.');
        return parts.Length >= 3
               && int.TryParse(parts[0], out var major) && int.TryParse(parts[1], out var minor) && int.TryParse(parts[2], out var release)
            ? new Version(major, minor, release)
            : null;
    }
}
