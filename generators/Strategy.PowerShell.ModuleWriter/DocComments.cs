using System.Reflection;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Strategy.PowerShell.ModuleWriter;

/// <summary>The compiler's XML documentation file, read as plain text for help: <c>&lt;c&gt;</c> and <c>&lt;see&gt;</c> become their words.</summary>
internal sealed partial class DocComments(IReadOnlyDictionary<string, XElement> members)
{
    public static DocComments Load(string path) =>
        new(XDocument.Load(path).Descendants("member")
            .Where(m => m.Attribute("name") is not null)
            .ToDictionary(m => m.Attribute("name")!.Value, m => m, StringComparer.Ordinal));

    /// <summary>The member's documentation, or <see langword="null"/> when it has none.</summary>
    public XElement? Of(Type type) => members.GetValueOrDefault("T:" + type.FullName);

    /// <summary>The property's documentation, from the type that declares it.</summary>
    public XElement? Of(PropertyInfo property)
    {
        // A property of a generic base is documented on the definition: P:Namespace.Base`1.Name.
        var declaring = property.DeclaringType!;
        var type = declaring.IsConstructedGenericType ? declaring.GetGenericTypeDefinition() : declaring;
        return members.GetValueOrDefault($"P:{type.FullName}.{property.Name}");
    }

    /// <summary>The element's text as paragraphs: one per <c>&lt;para&gt;</c>, or one for the whole text.</summary>
    public static IReadOnlyList<string> Paragraphs(XElement? element)
    {
        if (element is null)
        {
            return [];
        }

        var paras = element.Elements("para").ToList();
        var texts = paras.Count > 0 ? paras.Select(Text) : [Text(element)];
        return texts.Where(t => t.Length > 0).ToList();
    }

    /// <summary>The element's text on one line: code as written, references by their last name.</summary>
    public static string Text(XElement element)
    {
        var parts = element.Nodes().Select(node => node switch
        {
            XText text => text.Value,
            XElement { Name.LocalName: "see" or "seealso" } see => see.Attribute("langword")?.Value
                ?? see.Attribute("cref")?.Value.Split('.', ':').Last()
                ?? see.Value,
            XElement { Name.LocalName: "paramref" or "typeparamref" } reference => reference.Attribute("name")?.Value ?? string.Empty,
            XElement inner => Text(inner),
            _ => string.Empty,
        });
        return Spaces().Replace(string.Concat(parts), " ").Trim();
    }

    /// <summary>The example's code as written, each line without the indentation the comment gave it.</summary>
    public static string Code(XElement code)
    {
        var lines = code.Value.Replace("\r", string.Empty).Split('\n').Select(l => l.TrimEnd()).ToList();
        while (lines.Count > 0 && lines[0].Length == 0)
        {
            lines.RemoveAt(0);
        }

        while (lines.Count > 0 && lines[^1].Length == 0)
        {
            lines.RemoveAt(lines.Count - 1);
        }

        var indent = lines.Where(l => l.Length > 0).Select(l => l.Length - l.TrimStart().Length).DefaultIfEmpty(0).Min();
        return string.Join("\n", lines.Select(l => l.Length >= indent ? l[indent..] : l));
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
