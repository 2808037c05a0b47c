using System.Text;

namespace Strategy.PowerShell.Tests;

/// <summary>docs/reference/cmdlets.md, written from the operation catalog: every operation of the spec and the cmdlet that calls it.</summary>
internal static class CmdletReference
{
    /// <summary>One operation as the module's catalog has it.</summary>
    internal sealed record Row(string Cmdlet, bool HandWritten, string OperationId, string Method, string Path, string? Summary);

    /// <summary>The module's catalog, read inside PowerShell (this process never loads the library's own asset).</summary>
    public static IReadOnlyList<Row> Catalog(PowerShellSession session) =>
        session.Run("[Strategy.Generated.StrategyOperations]::All").Succeeded().Output
            .Select(o => new Row(
                (string)o.Properties["Cmdlet"].Value,
                (bool)o.Properties["CmdletIsHandWritten"].Value,
                (string)o.Properties["OperationId"].Value,
                (string)o.Properties["Method"].Value,
                (string)o.Properties["PathTemplate"].Value,
                o.Properties["Summary"].Value as string))
            .ToList();

    public static string Write(IReadOnlyList<Row> catalog)
    {
        var page = new StringBuilder();
        page.Append("""
            # Cmdlet reference

            Every operation of the spec and the PowerShell cmdlet that calls it, written from the spec
            (`STRATEGY_UPDATE_DOCS=1` when running the module's `DocumentationTests` writes it again; the test fails
            when it is out of date). A cmdlet marked *workflow* is written by hand ([the cmdlets](../powershell.md));
            every other is made from the operation: path parameters are positional and the first binds `Id` from
            the pipeline, query and header parameters are named, the spec's values are a `ValidateSet`, a body
            is `-Body` (a hashtable, with a secret's value as a SecureString, or JSON text), and a call that changes
            something takes `-WhatIf` and `-Confirm` (asked by default for a deletion). `Get-Help` shows the spec's words.


            """);
        page.Append("| Cmdlet | Operation | Does |\n| --- | --- | --- |\n");
        foreach (var operation in catalog.OrderBy(o => o.Cmdlet, StringComparer.Ordinal).ThenBy(o => o.OperationId, StringComparer.Ordinal))
        {
            page.Append("| `").Append(operation.Cmdlet).Append("` | ")
                .Append(operation.OperationId).Append(" (`").Append(operation.Method).Append(' ').Append(operation.Path).Append("`) | ")
                .Append(operation.HandWritten ? "*workflow* " : string.Empty)
                .Append((operation.Summary ?? string.Empty).Replace("|", "\\|", StringComparison.Ordinal)).Append(" |\n");
        }

        return page.ToString();
    }
}
