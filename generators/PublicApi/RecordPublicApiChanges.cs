using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

/// <summary>
/// Records in PublicAPI.Unshipped.txt what the public API analyzer reported in the builds' SARIF logs:
/// RS0016 carries the exact line of a member not yet recorded (APIName); RS0017 names a recorded
/// member that is gone. A gone member recorded only as unshipped loses its line; one that shipped
/// gets a *REMOVED* line, which the version test turns into "a major version is due".
/// Compiled by MSBuild's RoslynCodeTaskFactory for the RecordPublicApi target of Strategy.Generated.
/// </summary>
public class RecordPublicApiChanges : Task
{
    private static readonly Regex Added = new Regex(@"""APIName"": ""((?:[^""\\]|\\.)*)""");
    private static readonly Regex Gone = new Regex(@"""ruleId"": ""RS0017"",[^{]*?""message"": \{\s*""text"": ""Symbol '((?:[^'\\]|\\.)*)' is part of the declared API");

    [Required]
    public ITaskItem[] ErrorLogs { get; set; }

    [Required]
    public string UnshippedFile { get; set; }

    [Required]
    public string ShippedFile { get; set; }

    public override bool Execute()
    {
        var added = new SortedSet<string>(StringComparer.Ordinal);
        var gone = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var log in ErrorLogs)
        {
            var text = File.ReadAllText(log.ItemSpec);
            foreach (Match match in Added.Matches(text))
            {
                added.Add(Regex.Unescape(match.Groups[1].Value));
            }

            foreach (Match match in Gone.Matches(text))
            {
                gone.Add(Regex.Unescape(match.Groups[1].Value));
            }
        }

        var unshipped = File.ReadAllLines(UnshippedFile).Where(l => l.Length > 0).ToList();
        var shipped = new HashSet<string>(File.ReadAllLines(ShippedFile), StringComparer.Ordinal);
        var body = new SortedSet<string>(unshipped.Where(l => !l.StartsWith("#", StringComparison.Ordinal)), StringComparer.Ordinal);
        foreach (var line in gone)
        {
            if (!body.Remove(line) && shipped.Contains(line))
            {
                body.Add("*REMOVED*" + line);
            }
        }

        body.UnionWith(added);
        File.WriteAllLines(UnshippedFile, unshipped.Where(l => l.StartsWith("#", StringComparison.Ordinal)).Concat(body));
        Log.LogMessage(MessageImportance.High, $"Public API: {added.Count} added, {gone.Count} gone, recorded in {UnshippedFile}; review its diff.");
        return !Log.HasLoggedErrors;
    }
}
