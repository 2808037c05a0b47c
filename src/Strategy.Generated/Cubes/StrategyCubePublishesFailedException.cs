namespace Strategy.Generated;

/// <summary>
/// Some of the Intelligent Cubes published together failed: <see cref="Outcomes"/> has one
/// outcome per cube (the successes too), <see cref="Failed"/> the ones that failed, with why.
/// </summary>
public sealed class StrategyCubePublishesFailedException : StrategyException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="outcomes">One outcome per cube.</param>
    public StrategyCubePublishesFailedException(IReadOnlyList<CubePublishOutcome> outcomes)
        : base(Describe(outcomes), outcomes.FirstOrDefault(o => !o.Succeeded)?.Error)
    {
        Outcomes = outcomes;
    }

    /// <summary>One outcome per cube, in the order the cubes were given.</summary>
    public IReadOnlyList<CubePublishOutcome> Outcomes { get; }

    /// <summary>The cubes that failed.</summary>
    public IReadOnlyList<CubePublishOutcome> Failed => Outcomes.Where(o => !o.Succeeded).ToList();

    private static string Describe(IReadOnlyList<CubePublishOutcome> outcomes)
    {
        var failed = outcomes.Where(o => !o.Succeeded).ToList();
        // One failure is shown whole, with the server's words; of many, the start of each.
        var each = failed.Count == 1 ? 1000 : 200;
        var shown = failed.Take(10).Select(o => o.CubeId + ": " + (ServerText.Clean(o.Error?.Message, each) ?? "failed").TrimEnd('.'));
        var text = $"{failed.Count} of {outcomes.Count} cube publishes failed: {string.Join("; ", shown)}{(failed.Count > 10 ? "; …" : string.Empty)}";

        // A message cut short ends with its ellipsis, not "…." as well.
        return text.EndsWith('…') ? text : text + ".";
    }
}
