using Strategy.Generated;

namespace Strategy.Shared;

/// <summary>
/// Work that runs on the server, named for people: what it is and which one (<c>the cube publish job
/// 478:RU5W…</c>), never the operation id a resume token carries (<c>PublishCube</c>). The same words
/// from the <c>strategy</c> command and the PowerShell module.
/// </summary>
internal static class WorkWords
{
    /// <summary>The kind of work in words, for progress lines: <c>cube publish</c>.</summary>
    public static string Kind(string kind) => kind switch
    {
        StrategyWorkKinds.PublishCube => "cube publish",
        StrategyWorkKinds.PublishDataModel => "data model publish",
        StrategyWorkKinds.SendSubscription => "subscription run",
        StrategyWorkKinds.TriggerEvent => "event's runs",
        StrategyWorkKinds.ReloadSchema => "schema reload",
        StrategyWorkKinds.UpdateCubeCache => "cube cache change",

        // A kind this list does not know yet: its words, split at the capitals.
        _ => Split(kind),
    };

    /// <summary>An identifier's words in lower case, split at its capitals: <c>PublishCube</c> and <c>publishCube</c> read <c>publish cube</c>.</summary>
    public static string Split(string identifier) =>
        string.Concat(identifier.Select((c, i) => i > 0 && char.IsUpper(c) ? " " + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));

    /// <summary>The work as the subject of a sentence: <c>the cube publish job 478:RU5W…</c>, <c>the publish of data model 9F47… (instance 3C9F…)</c>.</summary>
    public static string Subject(StrategyWork work)
    {
        var description = work.Description;
        if (description.StartsWith("the ", StringComparison.Ordinal))
        {
            return description;
        }

        // A description that names only an id (job 478:…) says what the job does first.
        return description.StartsWith("job ", StringComparison.Ordinal) || description.StartsWith("manipulation ", StringComparison.Ordinal)
            ? "the " + Kind(work.Kind) + " " + description
            : "the " + description;
    }

    /// <summary>How the work ended, in words: <c>succeeded</c>, <c>failed</c>, <c>skipped</c>, <c>still running</c>.</summary>
    public static string Outcome(StrategyOutcome outcome) => outcome switch
    {
        StrategyOutcome.Succeeded => "succeeded",
        StrategyOutcome.Failed => "failed",
        StrategyOutcome.Skipped => "was skipped (the server had nothing to do)",
        StrategyOutcome.Running => "is still running",
        _ => outcome.ToString().ToLowerInvariant(),
    };
}
