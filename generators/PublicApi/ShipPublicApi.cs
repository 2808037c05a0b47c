using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

/// <summary>
/// At a release: moves what PublicAPI.Unshipped.txt records into PublicAPI.Shipped.txt (a *REMOVED*
/// line takes its member out) and empties the unshipped file. The caller then sets
/// StrategyApiShippedVersion to the version released. Compiled by MSBuild's RoslynCodeTaskFactory
/// for the ShipPublicApi target of Strategy.Generated.
/// </summary>
public class ShipPublicApi : Task
{
    private const string Removed = "*REMOVED*";

    [Required]
    public string UnshippedFile { get; set; }

    [Required]
    public string ShippedFile { get; set; }

    public override bool Execute()
    {
        var unshipped = File.ReadAllLines(UnshippedFile).Where(l => l.Length > 0).ToList();
        var shipped = File.ReadAllLines(ShippedFile).Where(l => l.Length > 0).ToList();
        var header = shipped.Where(IsHeader).ToList();
        var body = new SortedSet<string>(shipped.Where(l => !IsHeader(l)), StringComparer.Ordinal);
        foreach (var line in unshipped.Where(l => !IsHeader(l)))
        {
            if (line.StartsWith(Removed, StringComparison.Ordinal))
            {
                body.Remove(line.Substring(Removed.Length));
            }
            else
            {
                body.Add(line);
            }
        }

        File.WriteAllLines(ShippedFile, header.Concat(body));
        File.WriteAllLines(UnshippedFile, unshipped.Where(IsHeader));
        Log.LogMessage(MessageImportance.High, $"Public API: {unshipped.Count(l => !IsHeader(l))} unshipped lines moved into {ShippedFile}. Set StrategyApiShippedVersion to the version released.");
        return true;
    }

    private static bool IsHeader(string line) => line.StartsWith("#", StringComparison.Ordinal);
}
