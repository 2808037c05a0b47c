using System.Collections.Generic;
using System.Linq;
using Strategy.Generated.Generators.Common;
using Strategy.Generated.Generators.Spec;

namespace Strategy.Generated.Generators.Workflows;

/// <summary>
/// Where a helper is written, and what every emitter writes the same way: the client's file, the
/// members its interface declares, the signature and argument lists, parameter checks, the
/// workflow's span tags, documentation lines. Emitters are the only code that writes C#.
/// </summary>
internal sealed class EmitContext(SourceWriter writer, ClientWorkflows client)
{
    private readonly List<InterfaceMember> _members = [];

    /// <summary>The client's file.</summary>
    public SourceWriter Writer { get; } = writer;

    /// <summary>The client the helper is written on.</summary>
    public ClientWorkflows Client { get; } = client;

    /// <summary>The members the client's interface declares, in the order they were written.</summary>
    public IReadOnlyList<InterfaceMember> Members => _members;

    /// <summary>Declares a helper on the interface (with its documentation) and opens its body on the class, which inherits the documentation.</summary>
    public void Member(SourceWriter docs, string modifiers, string signature)
    {
        _members.Add(new InterfaceMember(docs.ToString(), signature));
        Writer.Line("/// <inheritdoc/>");
        Writer.Open(modifiers + signature);
    }

    /// <summary>Declares a member on the interface that the helper writes itself.</summary>
    public void Declare(string docs, string signature) => _members.Add(new InterfaceMember(docs, signature));

    /// <summary>An argument as C#.</summary>
    public static string Render(Argument argument) => argument switch
    {
        Argument.Named named => named.Name,
        Argument.Constant constant => constant.Type.TrimEnd('?') is "string" or "global::System.String"
            ? Literals.String(constant.Value)
            : Runtime.Enums + ".Parse<" + constant.Type.TrimEnd('?') + ">(" + Literals.String(constant.Value) + ")",
        Argument.AnswerField field => "started." + field.Property,
        _ => "null",
    };

    /// <summary>The parameters' names as arguments, then <paramref name="trailing"/> as written.</summary>
    public static string Names(EquatableArray<HelperParameter> parameters, params string[] trailing) => string.Join(", ", parameters.Select(p => p.Name).Concat(trailing));

    /// <summary>An argument list: the arguments, then <paramref name="trailing"/> as written.</summary>
    public static string Arguments(IEnumerable<Argument> arguments, params string[] trailing) => string.Join(", ", arguments.Select(Render).Concat(trailing));

    /// <summary>
    /// The workflow's name and span tags as the runtime takes them: the helper's name, and each of
    /// its string parameters (the ids the spec declares) as <c>strategy.&lt;name_in_snake_case&gt;</c>.
    /// </summary>
    public static string Workflow(string helper, EquatableArray<HelperParameter> parameters, IEnumerable<string>? extraTags = null)
    {
        var tags = parameters
            .Where(p => p.Type.TrimEnd('?') is "string" or "global::System.String")
            .Select(p => Runtime.Workflow + ".Tag(" + Quote("strategy." + SnakeCase(p.Name)) + ", " + p.Name + ")")
            .Concat(extraTags ?? [])
            .ToList();
        return Runtime.Workflow + ".Named(" + Quote(helper) + (tags.Count == 0 ? string.Empty : ", " + string.Join(", ", tags)) + ")";
    }

    /// <summary><c>dataModelId</c> as <c>data_model_id</c>, as OpenTelemetry attribute names are written.</summary>
    public static string SnakeCase(string name)
    {
        var builder = new System.Text.StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsUpper(c))
            {
                if (i > 0)
                {
                    builder.Append('_');
                }

                builder.Append(char.ToLowerInvariant(c));
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    public static string Quote(string text) => Literals.String(text);

    public static void ParameterDocs(SourceWriter writer, EquatableArray<HelperParameter> parameters, string text)
    {
        foreach (var parameter in parameters)
        {
            writer.Line("/// <param name=\"" + parameter.Name + "\">" + text + "</param>");
        }
    }

    public static void WaitDocs(SourceWriter writer, string returns)
    {
        writer.Line("/// <param name=\"options\">How to wait; <see cref=\"" + Runtime.WaitOptions + ".Default\"/> when <see langword=\"null\"/>.</param>");
        writer.Line("/// <param name=\"progress\">Receives every status observed while waiting.</param>");
        writer.Line("/// <param name=\"cancellationToken\">Cancels the wait, including a delay in progress.</param>");
        writer.Line("/// <returns>" + returns + "</returns>");
    }

    public static void ApiExceptionDoc(SourceWriter writer) =>
        writer.Line("/// <exception cref=\"" + Runtime.ApiException + "\">The server answered an error that retrying does not help.</exception>");

    /// <summary>Checks the helper's required parameters, as the client methods it calls do.</summary>
    public void Validate(EquatableArray<HelperParameter> parameters)
    {
        foreach (var parameter in parameters.Where(p => !p.Type.EndsWith("?", System.StringComparison.Ordinal)))
        {
            Writer.Line(parameter.Type is "string" or "global::System.String"
                ? "global::System.ArgumentException.ThrowIfNullOrWhiteSpace(" + parameter.Name + ");"
                : "global::System.ArgumentNullException.ThrowIfNull(" + parameter.Name + ");");
        }
    }

    /// <summary>
    /// The parameter list; the trailing run of nullable parameters defaults to <see langword="null"/>,
    /// as on the NSwag methods the helpers call (the trailing helper parameters all have defaults).
    /// </summary>
    public static string Signature(EquatableArray<HelperParameter> parameters, params string[] trailing)
    {
        var firstOptional = parameters.Count;
        while (firstOptional > 0 && parameters[firstOptional - 1].Type.EndsWith("?", System.StringComparison.Ordinal))
        {
            firstOptional--;
        }

        return string.Join(", ", parameters.Select((p, i) => p.Type + " " + p.Name + (i >= firstOptional ? " = null" : string.Empty)).Concat(trailing));
    }

    /// <summary>
    /// The parameter list with <paramref name="required"/> (parameters without a default, such as a
    /// destination) after the required parameters and before the trailing run of optional ones.
    /// </summary>
    public static string Signature(EquatableArray<HelperParameter> parameters, string[] required, params string[] trailing)
    {
        var firstOptional = parameters.Count;
        while (firstOptional > 0 && parameters[firstOptional - 1].Type.EndsWith("?", System.StringComparison.Ordinal))
        {
            firstOptional--;
        }

        return string.Join(", ", parameters.Take(firstOptional).Select(p => p.Type + " " + p.Name)
            .Concat(required)
            .Concat(parameters.Skip(firstOptional).Select(p => p.Type + " " + p.Name + " = null"))
            .Concat(trailing));
    }

    public static string Patterns(EquatableArray<string> values) => string.Join(" or ", values.Select(Literals.String));

    public static string Values(EquatableArray<string> values) => string.Join(" or ", values.Select(v => "<c>" + Literals.Xml(v) + "</c>"));

    /// <summary>Values with the names the spec gives them: <c>2</c> (fail) or <c>3</c> (canceled).</summary>
    public static string Values(EquatableArray<string> values, EquatableArray<NamedValue> names) =>
        string.Join(" or ", values.Select(v => "<c>" + Literals.Xml(v) + "</c>" + (names.FirstOrDefault(n => n.Value == v) is { } named ? " (" + Literals.Xml(named.Name) + ")" : string.Empty)));

    public static string Camel(string pascal) => pascal.Length == 0 ? pascal : char.ToLowerInvariant(pascal[0]) + pascal.Substring(1);

    /// <summary>A switch on <paramref name="subject"/> answering each value's name (<see cref="NamedValue.Value"/> is the value, <see cref="NamedValue.Name"/> its name), or <see langword="null"/>.</summary>
    public static string Switch(string subject, EquatableArray<NamedValue> names) =>
        subject + " switch { " + string.Join(", ", names.Select(n => Quote(n.Value) + " => " + Quote(n.Name))) + ", _ => (string?)null }";
}

/// <summary>A helper as the interface declares it: its documentation and its signature.</summary>
internal sealed record InterfaceMember(string Docs, string Signature);
