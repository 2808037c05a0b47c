using System.Globalization;
using System.Xml.Linq;

namespace Strategy.PowerShell.ModuleWriter;

/// <summary>
/// Writes cmdlet help in MAML, the format <c>Get-Help</c> reads from a binary module's
/// <c>&lt;assembly&gt;-Help.xml</c>: the synopsis from the class's summary, the description from
/// its remarks, examples from its example elements, each parameter from its property's summary.
/// </summary>
internal static class MamlWriter
{
    private static readonly XNamespace Msh = "http://msh";
    private static readonly XNamespace Maml = "http://schemas.microsoft.com/maml/2004/10";
    private static readonly XNamespace Command = "http://schemas.microsoft.com/maml/dev/command/2004/10";
    private static readonly XNamespace Dev = "http://schemas.microsoft.com/maml/dev/2004/10";

    /// <summary>The help of every cmdlet; what a cmdlet or parameter leaves undocumented is added to <paramref name="problems"/>.</summary>
    public static XDocument Write(IReadOnlyList<CmdletInfo> cmdlets, DocComments docs, List<string> problems) =>
        new(
            new XDeclaration("1.0", "utf-8", null),
            new XElement(
                Msh + "helpItems",
                new XAttribute("schema", "maml"),
                cmdlets.Select(c => Cmdlet(c, docs, problems))));

    private static XElement Cmdlet(CmdletInfo cmdlet, DocComments docs, List<string> problems)
    {
        var doc = docs.Of(cmdlet.Type);
        var synopsis = DocComments.Paragraphs(doc?.Element("summary"));
        var description = DocComments.Paragraphs(doc?.Element("remarks"));
        var examples = doc?.Elements("example").ToList() ?? [];
        Require(synopsis.Count > 0, $"{cmdlet.Name} ({cmdlet.Type.Name}) has no <summary>: it is the synopsis Get-Help shows.", problems);
        Require(description.Count > 0, $"{cmdlet.Name} ({cmdlet.Type.Name}) has no <remarks>: it is the description Get-Help shows.", problems);
        Require(examples.Count > 0 && examples.All(e => e.Element("code") is not null), $"{cmdlet.Name} ({cmdlet.Type.Name}) needs at least one <example> with <code>.", problems);

        var parameters = cmdlet.Parameters.Select(p => (parameter: p, text: Describe(p, docs, cmdlet, problems))).ToList();
        var common = cmdlet.SupportsShouldProcess
            ? new[]
            {
                CommonSwitch("WhatIf", "Shows what the cmdlet would change on the server, and changes nothing."),
                CommonSwitch("Confirm", "Asks for confirmation before each change on the server."),
            }
            : [];

        return new XElement(
            Command + "command",
            new XAttribute(XNamespace.Xmlns + "maml", Maml),
            new XAttribute(XNamespace.Xmlns + "command", Command),
            new XAttribute(XNamespace.Xmlns + "dev", Dev),
            new XElement(
                Command + "details",
                new XElement(Command + "name", cmdlet.Name),
                new XElement(Command + "verb", cmdlet.Verb),
                new XElement(Command + "noun", cmdlet.Noun),
                Paras(Maml + "description", synopsis)),
            Paras(Maml + "description", description),
            new XElement(Command + "syntax", SetNames(cmdlet).Select(set => new XElement(
                Command + "syntaxItem",
                new XElement(Maml + "name", cmdlet.Name),
                parameters.Where(p => Use(p.parameter, set) is not null).Select(p => Parameter(p.parameter, Use(p.parameter, set)!, p.text)),
                common))),
            new XElement(
                Command + "parameters",
                parameters.Select(p => Parameter(p.parameter, Strongest(p.parameter), p.text)),
                common),
            new XElement(Command + "inputTypes", Inputs(cmdlet)),
            new XElement(Command + "returnValues", cmdlet.OutputTypes.Select(type => new XElement(
                Command + "returnValue",
                new XElement(Dev + "type", new XElement(Maml + "name", type))))),
            new XElement(Command + "examples", examples.Select((example, index) => new XElement(
                Command + "example",
                new XElement(Maml + "title", string.Create(CultureInfo.InvariantCulture, $"-------------------------- Example {index + 1} --------------------------")),
                new XElement(Dev + "code", example.Element("code") is { } code ? DocComments.Code(code) : string.Empty),
                Paras(Dev + "remarks", DocComments.Paragraphs(new XElement("remarks", example.Elements("para"))))))));
    }

    private static List<string> Describe(ParameterInfo parameter, DocComments docs, CmdletInfo cmdlet, List<string> problems)
    {
        var text = DocComments.Paragraphs(docs.Of(parameter.Property)?.Element("summary")).ToList();
        Require(text.Count > 0, $"-{parameter.Name} of {cmdlet.Name} ({parameter.Property.DeclaringType!.Name}.{parameter.Name}) has no <summary>: it is the parameter's help.", problems);
        if (parameter.ValidValues.Count > 0)
        {
            text.Add("Accepted values: " + string.Join(", ", parameter.ValidValues) + ".");
        }

        return text;
    }

    private static XElement Parameter(ParameterInfo parameter, ParameterSetUse use, IReadOnlyList<string> text) =>
        new(
            Command + "parameter",
            new XAttribute("required", Lower(use.Mandatory)),
            new XAttribute("variableLength", Lower(parameter.TypeName.EndsWith("[]", StringComparison.Ordinal))),
            new XAttribute("globbing", Lower(parameter.Wildcards)),
            new XAttribute("pipelineInput", Pipeline(use)),
            new XAttribute("position", use.Position?.ToString(CultureInfo.InvariantCulture) ?? "named"),
            new XAttribute("aliases", parameter.Aliases.Count == 0 ? "none" : string.Join(", ", parameter.Aliases)),
            new XElement(Maml + "name", parameter.Name),
            Paras(Maml + "description", text),
            parameter.IsSwitch ? null : new XElement(Command + "parameterValue", new XAttribute("required", "true"), parameter.TypeName),
            new XElement(Dev + "type", new XElement(Maml + "name", parameter.TypeName)),
            new XElement(Dev + "defaultValue", "None"));

    private static XElement CommonSwitch(string name, string text) =>
        new(
            Command + "parameter",
            new XAttribute("required", "false"),
            new XAttribute("variableLength", "false"),
            new XAttribute("globbing", "false"),
            new XAttribute("pipelineInput", "False"),
            new XAttribute("position", "named"),
            new XAttribute("aliases", name == "WhatIf" ? "wi" : "cf"),
            new XElement(Maml + "name", name),
            Paras(Maml + "description", [text]),
            new XElement(Dev + "type", new XElement(Maml + "name", "SwitchParameter")),
            new XElement(Dev + "defaultValue", "False"));

    private static IEnumerable<XElement> Inputs(CmdletInfo cmdlet) =>
        cmdlet.Parameters
            .Where(p => p.Sets.Any(s => s.FromPipeline || s.FromPipelineByPropertyName))
            .Select(p => new XElement(
                Command + "inputType",
                new XElement(Dev + "type", new XElement(Maml + "name", p.TypeName)),
                Paras(Maml + "description", [p.Sets.Any(s => s.FromPipeline)
                    ? $"{p.TypeName} values bind to -{p.Name}; objects with a {p.Name} property{(p.Aliases.Count > 0 ? " (or " + string.Join(", ", p.Aliases) + ")" : string.Empty)} bind by that property."
                    : $"Objects with a {p.Name} property{(p.Aliases.Count > 0 ? " (or " + string.Join(", ", p.Aliases) + ")" : string.Empty)} bind to -{p.Name}."])));

    /// <summary>The parameter sets in the order Get-Help shows them: the default one first.</summary>
    private static IEnumerable<string> SetNames(CmdletInfo cmdlet)
    {
        var named = cmdlet.Parameters.SelectMany(p => p.Sets).Select(s => s.SetName).Where(n => n != CmdletReader.AllSets).Distinct().ToList();
        return named.Count == 0 ? [CmdletReader.AllSets] : named.OrderBy(n => n == cmdlet.DefaultParameterSet ? 0 : 1);
    }

    private static ParameterSetUse? Use(ParameterInfo parameter, string set) =>
        parameter.Sets.FirstOrDefault(s => s.SetName == set) ?? parameter.Sets.FirstOrDefault(s => s.SetName == CmdletReader.AllSets);

    /// <summary>For the parameter list: mandatory when it is in any set, the pipeline input of every set.</summary>
    private static ParameterSetUse Strongest(ParameterInfo parameter) => new(
        CmdletReader.AllSets,
        parameter.Sets.Any(s => s.Mandatory),
        parameter.Sets.Select(s => s.Position).FirstOrDefault(p => p is not null),
        parameter.Sets.Any(s => s.FromPipeline),
        parameter.Sets.Any(s => s.FromPipelineByPropertyName));

    private static string Pipeline(ParameterSetUse use) => (use.FromPipeline, use.FromPipelineByPropertyName) switch
    {
        (true, true) => "True (ByValue, ByPropertyName)",
        (true, false) => "True (ByValue)",
        (false, true) => "True (ByPropertyName)",
        _ => "False",
    };

    private static XElement Paras(XName name, IEnumerable<string> paragraphs) =>
        new(name, paragraphs.Select(p => new XElement(Maml + "para", p)));

    private static string Lower(bool value) => value ? "true" : "false";

    private static void Require(bool condition, string problem, List<string> problems)
    {
        if (!condition)
        {
            problems.Add(problem);
        }
    }
}
