using System.Xml.Linq;

namespace Strategy.PowerShell.ModuleWriter;

/// <summary>
/// Writes the format views of the cmdlets made from the spec (Strategy.PowerShell.Views.format.ps1xml): a
/// table of the columns the spec marks for each, selected by the type name its items carry first. The
/// hand-written views (Strategy.PowerShell.format.ps1xml) are the hand-written cmdlets'.
/// </summary>
internal static class ViewWriter
{
    /// <summary>The file the views are written to, beside the manifest that loads it.</summary>
    public const string FileName = "Strategy.PowerShell.Views.format.ps1xml";

    public static XDocument Write(IReadOnlyList<CmdletInfo> cmdlets, List<string> problems)
    {
        var views = new List<XElement>();
        foreach (var group in cmdlets.Where(c => c.View is not null).GroupBy(c => c.View!.TypeName, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            if (group.Select(c => string.Join(",", c.View!.Columns)).Distinct(StringComparer.Ordinal).Count() > 1)
            {
                problems.Add($"{string.Join(" and ", group.Select(c => c.Name))} give their items one type name ({group.Key}) with different columns.");
                continue;
            }

            var columns = group.First().View!.Columns;
            views.Add(new XElement(
                "View",
                new XElement("Name", group.Key),
                new XElement("ViewSelectedBy", new XElement("TypeName", group.Key)),
                new XElement(
                    "TableControl",
                    new XElement("AutoSize"),
                    new XElement("TableHeaders", columns.Select(c => new XElement("TableColumnHeader", new XElement("Label", c)))),
                    new XElement("TableRowEntries", new XElement("TableRowEntry", new XElement("TableColumnItems", columns.Select(c => new XElement("TableColumnItem", new XElement("PropertyName", c)))))))));
        }

        return new XDocument(
            new XDeclaration("1.0", "utf-8", null),
            new XComment(" Written by the module's build (generators/Strategy.PowerShell.ModuleWriter) from the columns the spec marks (x-strategy-columns); never edited by hand. "),
            new XElement("Configuration", new XElement("ViewDefinitions", views)));
    }
}
