using System.Collections;
using System.Globalization;

namespace Strategy.Generated;

/// <summary>Matches the user's answers (by prompt name, key or id) to a report's prompts, and says what is missing before anything is sent.</summary>
internal static class ReportPromptAnswers
{
    /// <exception cref="StrategyPromptsException">A required prompt has no answer, or an answer names no prompt.</exception>
    public static PromptAnswers Match(string reportId, IList<ReportPrompt> prompts, IReadOnlyDictionary<string, object> given)
    {
        var known = prompts.Where(p => p is not null).ToList();
        var unknown = given.Keys.Where(name => !known.Any(p => Names(p, name))).ToList();
        var answers = new List<PromptAnswer>();
        var missing = new List<string>();
        foreach (var prompt in known)
        {
            var answer = given.FirstOrDefault(g => Names(prompt, g.Key));
            if (answer.Key is null)
            {
                if (prompt.Required == true)
                {
                    missing.Add(prompt.Name ?? prompt.Key ?? prompt.Id ?? "?");
                }
                else
                {
                    answers.Add(new PromptAnswer { Key = prompt.Key, Id = prompt.Id, Type = prompt.Type, UseDefault = true });
                }

                continue;
            }

            answers.Add(new PromptAnswer { Key = prompt.Key, Id = prompt.Id, Type = prompt.Type, Answers = Wire(prompt, answer.Value) });
        }

        if (missing.Count > 0 || unknown.Count > 0)
        {
            throw new StrategyPromptsException(reportId, missing, unknown, [.. known.Select(p => p.Name ?? p.Key ?? p.Id ?? "?")]);
        }

        return new PromptAnswers { Prompts = answers };
    }

    /// <summary>
    /// One round of nested prompts: the prompts still open (not <c>closed</c>) answered from what was
    /// given; an answer that names none of this round's prompts may be for a later round, so it is kept
    /// for then (<paramref name="used"/> records those that were used, for the check after the last round).
    /// </summary>
    /// <exception cref="StrategyPromptsException">A required prompt of this round has no answer.</exception>
    public static PromptAnswers MatchRound(string reportId, IList<ReportPrompt> prompts, IReadOnlyDictionary<string, object> given, ISet<string> used)
    {
        var listed = prompts.Where(p => p is not null).ToList();
        var open = listed.Where(p => p.Closed != true).ToList();
        var round = open.Count > 0 ? open : listed;
        var forThisRound = given.Where(g => round.Any(p => Names(p, g.Key))).ToDictionary(g => g.Key, g => g.Value, StringComparer.OrdinalIgnoreCase);
        used.UnionWith(forThisRound.Keys);
        return Match(reportId, round, forThisRound);
    }

    private static bool Names(ReportPrompt prompt, string name) =>
        string.Equals(prompt.Name, name, StringComparison.OrdinalIgnoreCase)
        || string.Equals(prompt.Key, name, StringComparison.OrdinalIgnoreCase)
        || string.Equals(prompt.Id, name, StringComparison.OrdinalIgnoreCase);

    /// <summary>An answer as the server takes it: a text for a value prompt, a list of <c>{id}</c> for an elements prompt.</summary>
    private static object? Wire(ReportPrompt prompt, object value)
    {
        var texts = value is string or not IEnumerable ? [Text(value)] : ((IEnumerable)value).Cast<object>().Select(Text).ToList();
        return prompt.Type == PromptType.Elements
            ? texts.Select(id => new Dictionary<string, string> { ["id"] = id }).ToList()
            : texts.Count == 1 ? texts[0] : texts;
    }

    private static string Text(object value) => value is IFormattable formattable ? formattable.ToString(null, CultureInfo.InvariantCulture) : value.ToString() ?? string.Empty;
}
