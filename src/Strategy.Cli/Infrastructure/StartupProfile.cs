using System.Runtime;

namespace Strategy.Cli.Infrastructure;

/// <summary>
/// Multi-core JIT for one-shot calls. ReadyToRun cannot precompile generic code across assemblies
/// (every async method's state machine box), so each run compiles hundreds of methods before its
/// first call. The methods a command compiled on its last run are recorded in a profile, one per
/// command, and the next run compiles them on another core while it starts. The profile lives in
/// the user's cache folder; <c>STRATEGY_STARTUP_PROFILE=off</c> turns it off, and a folder that
/// cannot be written only means no profile.
/// </summary>
internal static class StartupProfile
{
    /// <summary>The environment variable that turns the profile off (<c>off</c>).</summary>
    public const string Variable = "STRATEGY_STARTUP_PROFILE";

    /// <summary>
    /// The profile names of every command (its words joined by <c>-</c>). Read before the command
    /// line is parsed, so a mistyped command writes nothing; <c>StartupProfileTests</c> checks the
    /// list against the command tree.
    /// </summary>
    private static readonly HashSet<string> HandWritten = new HashSet<string>(StringComparer.Ordinal)
    {
        "demo", "schema-reload", "tasks-get", "datamodels-tables", "datamodels-publish", "datamodels-subscriptions",
        "subscriptions-list", "subscriptions-get", "subscriptions-create", "subscriptions-update", "subscriptions-delete",
        "subscriptions-run", "subscriptions-status", "schedules-list", "events-list", "events-trigger", "cubes-list",
        "cubes-status", "cubes-refresh", "cubes-load", "cubes-unload", "jobs-list", "jobs-cancel", "projects-load", "projects-unload", "projects-idle", "maintenance-begin", "maintenance-end", "users-apply", "roles-grant", "roles-revoke", "acl-grant", "acl-revoke", "reports-list",
        "reports-export", "dashboards-list", "dashboards-export", "wait", "operations",
    };

    /// <summary>Every command's profile name: the hand-written ones, and those made from the spec's operations (read only when a name is not hand-written).</summary>
    internal static IReadOnlySet<string> Commands => field ??= new HashSet<string>(HandWritten.Concat(OperationCommands.Generated.Select(o => o.Command!.Replace(' ', '-'))), StringComparer.Ordinal);

    /// <summary>Starts recording, and using, the profile of the command named by <paramref name="args"/>.</summary>
    public static void Start(string[] args)
    {
        if (Folder(Environment.GetEnvironmentVariable) is not { } folder || Name(args) is not { } name)
        {
            return;
        }

        try
        {
            Directory.CreateDirectory(folder);
            ProfileOptimization.SetProfileRoot(folder);
            ProfileOptimization.StartProfile(name + ".jitprofile");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            // No profile: the command runs as it would without one.
        }
    }

    /// <summary>Where the profiles are kept: the cache folder (<c>$XDG_CACHE_HOME</c> or <c>~/.cache</c>; <c>%LOCALAPPDATA%</c> on Windows), or <see langword="null"/> when turned off or there is none.</summary>
    internal static string? Folder(Func<string, string?> environment)
    {
        if (string.Equals(environment(Variable), "off", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        string? cache;
        if (OperatingSystem.IsWindows())
        {
            cache = Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData);
        }
        else
        {
            // The XDG rule: a relative XDG_CACHE_HOME is ignored.
            cache = environment("XDG_CACHE_HOME") is { Length: > 0 } xdg && Path.IsPathRooted(xdg) ? xdg
                : environment("HOME") is { Length: > 0 } home ? Path.Combine(home, ".cache")
                : null;
        }

        return string.IsNullOrEmpty(cache) || !Path.IsPathRooted(cache) ? null : Path.Combine(cache, "strategy", "startup");
    }

    /// <summary>
    /// The command's words (<c>schedules-list</c>): at most two leading arguments of lowercase letters
    /// that name a command, so that ids, tokens and mistyped names never make a profile of their own;
    /// <c>strategy</c> for none, and <see langword="null"/> (no profile) for words that name no command.
    /// </summary>
    internal static string? Name(string[] args)
    {
        var words = args.Take(2).TakeWhile(a => a.Length is > 0 and <= 20 && a.All(char.IsAsciiLetterLower)).ToList();
        if (words.Count == 0)
        {
            return "strategy";
        }

        var both = string.Join("-", words);
        return HandWritten.Contains(both) || Commands.Contains(both) ? both
            : HandWritten.Contains(words[0]) || Commands.Contains(words[0]) ? words[0]
            : null;
    }
}
