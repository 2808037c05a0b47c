namespace Strategy.PowerShell.ModuleWriter;

/// <summary>
/// Writes the module manifest from its template: the version is the product's, and the cmdlets to
/// export are those the compiled module holds, so neither is written by hand a second time.
/// </summary>
internal static class ManifestWriter
{
    private const string VersionToken = "@@ModuleVersion@@";
    private const string CmdletsToken = "@@CmdletsToExport@@";

    public static string Write(string template, string version, IReadOnlyList<CmdletInfo> cmdlets, List<string> problems)
    {
        foreach (var token in new[] { VersionToken, CmdletsToken })
        {
            if (!template.Contains(token, StringComparison.Ordinal))
            {
                problems.Add($"the manifest template has no {token}.");
            }
        }

        var names = cmdlets.Select(c => $"        '{c.Name}'").OrderBy(n => n, StringComparer.Ordinal);
        return template
            .Replace(VersionToken, version, StringComparison.Ordinal)
            .Replace(CmdletsToken, "@(\n" + string.Join(",\n", names) + "\n    )", StringComparison.Ordinal);
    }
}
