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
    // One SARIF result per match: its rule, then (within the result) the symbol it names.
    private static readonly Regex Result = new Regex(@"""ruleId"": ""(RS0016|RS0017)""(.*?)(?=""ruleId"": |\z)", RegexOptions.Singleline);
    private static readonly Regex ApiName = new Regex(@"""APIName"": ""((?:[^""\\]|\\.)*)""");

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
            foreach (Match result in Result.Matches(File.ReadAllText(log.ItemSpec)))
            {
                // RS0016: a public symbol not declared (added); RS0017: a declared symbol gone. Both name it as APIName.
                var name = ApiName.Match(result.Groups[2].Value);
                if (name.Success)
                {
                    (result.Groups[1].Value == "RS0016" ? added : gone).Add(Regex.Unescape(name.Groups[1].Value));
                }
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
