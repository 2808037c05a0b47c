using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis.Text;
using Strategy.Generated.Generators.Common;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Strategy.Generated.Generators.Spec;

/// <summary>
/// Reads the OpenAPI document into a <see cref="SpecDocument"/>, following local <c>$ref</c>s
/// and keeping the position of every node it reports on. Never throws: what it cannot read
/// becomes a diagnostic.
/// </summary>
internal sealed class SpecReader
{
    private static readonly string[] HttpMethods = ["get", "put", "post", "delete", "patch", "head", "options"];

    private readonly string _path;
    private readonly SourceText _text;
    private readonly SpecExtensionReader? _extensions;
    private readonly List<DiagnosticInfo> _diagnostics = [];
    private YamlMappingNode _root = new();

    private SpecReader(string path, SourceText text, SpecExtensionReader? extensions)
    {
        _path = path;
        _text = text;
        _extensions = extensions;
    }

    /// <summary>Reads the document; <paramref name="extensions"/> reads each operation's <c>x-strategy-*</c> declarations.</summary>
    public static SpecDocument Read(string path, SourceText? text, SpecExtensionReader? extensions = null)
    {
        var reader = new SpecReader(path, text ?? SourceText.From(string.Empty), extensions);
        return reader.Read();
    }

    private SpecDocument Read()
    {
        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(_text.ToString()));
            if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
            {
                return Failed("the document is empty or not a mapping");
            }

            _root = root;
        }
        catch (YamlException ex)
        {
            _diagnostics.Add(DiagnosticInfo.Create(Diagnostics.SpecUnreadable, Locate(ex.Start, ex.End), ex.Message));
            return Failed(null);
        }

        var info = Child(_root, "info") as YamlMappingNode;
        var operations = new List<SpecOperation>();
        if (Child(_root, "paths") is YamlMappingNode paths)
        {
            foreach (var pathEntry in paths.Children)
            {
                if (pathEntry.Value is not YamlMappingNode pathItem)
                {
                    continue;
                }

                var shared = ReadParameters(Child(pathItem, "parameters"));
                foreach (var method in HttpMethods)
                {
                    if (Child(pathItem, method) is YamlMappingNode operation)
                    {
                        var own = ReadParameters(Child(operation, "parameters"));

                        // An operation's own parameter replaces a path-level one of the same name and place.
                        var parameters = own.Concat(shared.Where(p => !own.Any(o => o.Name == p.Name && o.In == p.In))).ToEquatableArray();
                        var read = ReadOperation(Scalar(pathEntry.Key) ?? string.Empty, method, operation, pathEntry.Key);
                        operations.Add(read with
                        {
                            Since = Scalar(Child(operation, "x-strategy-since")),
                            HasRequestBody = Child(operation, "requestBody") is not null,
                            Parameters = parameters,
                            ProjectHeader = ReadProjectHeader(read.OperationId, operation, parameters),
                            Summary = Scalar(Child(operation, "summary")),
                            BodyRequired = Scalar(Child(Resolve(Child(operation, "requestBody")) as YamlMappingNode, "required")) == "true",
                            Names = SpecCommandNames.Read(this, read.OperationId, operation),
                            Columns = ReadColumns(read, operation),
                            AnswerItemSchema = ReadAnswerItemSchema(Resolve(Child(operation, "responses")) as YamlMappingNode),
                            AnswersJson = (Resolve(Child(operation, "responses")) as YamlMappingNode)?.Children.Any(r => (Scalar(r.Key) ?? string.Empty).StartsWith("2", System.StringComparison.Ordinal) && BodySchema(r.Value) is not null) == true,
                            RequestRequired = ReadSchema(JsonSchema(Resolve(Child(operation, "requestBody")) as YamlMappingNode), 0).Required,
                            ErrorStatusesWithResult = ReadErrorStatusesWithResult(operation),
                        });
                    }
                }
            }
        }

        return new SpecDocument(
            _path,
            Scalar(Child(info, "title")) ?? string.Empty,
            Scalar(Child(info, "version")) ?? string.Empty,
            SpecCommandNames.Complete(operations, _diagnostics.Add).ToEquatableArray(),
            _diagnostics.ToEquatableArray());
    }

    /// <summary>
    /// The columns a table of the operation's list shows (<c>x-strategy-columns</c>): fields of the items
    /// of its answer's one list, each reported at its line when the items do not have it.
    /// </summary>
    private EquatableArray<string> ReadColumns(SpecOperation read, YamlMappingNode operation)
    {
        if (Child(operation, ColumnsExtension) is not YamlSequenceNode columns)
        {
            return EquatableArray<string>.Empty;
        }

        // The answer is the list itself (a JSON array of objects), or an object with one list.
        var lists = read.ResponseProperties.Where(p => p.Schema.Items is not null).ToList();
        var arrayItems = AnswerArrayItemFields(Resolve(Child(operation, "responses")) as YamlMappingNode);
        if (arrayItems is null && lists.Count != 1)
        {
            _diagnostics.Add(DiagnosticInfo.Create(Diagnostics.UnknownList, Locate(columns), ColumnsExtension, read.OperationId, "of its items", "an answer of " + read.OperationId + " with one list (it has " + lists.Count + ")"));
            return EquatableArray<string>.Empty;
        }

        IReadOnlyCollection<string> fields = arrayItems ?? (IReadOnlyCollection<string>)lists[0].ItemProperties.ToList();
        var listName = arrayItems is null ? lists[0].Name : "of its answer";
        var names = new List<string>();
        foreach (var column in columns.Children)
        {
            var name = Scalar(column) ?? string.Empty;
            if (!fields.Contains(name))
            {
                _diagnostics.Add(DiagnosticInfo.Create(Diagnostics.UnknownItemField, Locate(column), ColumnsExtension, read.OperationId, name, listName, Naming.DidYouMean(name, fields)));
                continue;
            }

            names.Add(name);
        }

        return names.ToEquatableArray();
    }

    /// <summary>The extension that names the columns of a list's table.</summary>
    internal const string ColumnsExtension = "x-strategy-columns";

    private SpecDocument Failed(string? reason)
    {
        if (reason is not null)
        {
            _diagnostics.Add(DiagnosticInfo.Create(Diagnostics.SpecUnreadable, null, reason));
        }

        return new SpecDocument(_path, string.Empty, string.Empty, EquatableArray<SpecOperation>.Empty, _diagnostics.ToEquatableArray());
    }

    private SpecOperation ReadOperation(string path, string method, YamlMappingNode operation, YamlNode keyNode)
    {
        var operationIdNode = Child(operation, "operationId");
        var tags = Child(operation, "tags") as YamlSequenceNode;
        var headers = new List<SpecHeader>();
        if (Resolve(Child(operation, "responses")) is YamlMappingNode responses)
        {
            foreach (var response in responses.Children)
            {
                var status = Scalar(response.Key) ?? string.Empty;
                if (!status.StartsWith("2", System.StringComparison.Ordinal)
                    || Resolve(response.Value) is not YamlMappingNode responseNode
                    || Child(responseNode, "headers") is not YamlMappingNode headerMap)
                {
                    continue;
                }

                foreach (var header in headerMap.Children)
                {
                    if (Resolve(header.Value) is YamlMappingNode headerNode)
                    {
                        var schemaNode = Child(headerNode, "schema");
                        var schema = Resolve(schemaNode) as YamlMappingNode;
                        var reference = Scalar(Child(schemaNode as YamlMappingNode, "$ref"));
                        headers.Add(new SpecHeader(
                            Scalar(header.Key) ?? string.Empty,
                            Scalar(Child(schema, "type")) ?? "string",
                            Scalar(Child(schema, "format")),
                            Scalar(Child(headerNode, "description")),
                            Locate(header.Key))
                        {
                            Schema = ReadSchema(schemaNode, 0),
                            SchemaName = reference?.Substring(reference.LastIndexOf('/') + 1),
                        });
                    }
                }
            }
        }

        var operationId = Scalar(operationIdNode) ?? string.Empty;
        var successStatuses = (Resolve(Child(operation, "responses")) as YamlMappingNode)?.Children.Keys
            .Select(Scalar)
            .OfType<string>()
            .Where(status => status.StartsWith("2", System.StringComparison.Ordinal))
            .ToEquatableArray() ?? EquatableArray<string>.Empty;
        return new SpecOperation(
            operationId,
            tags?.Children.Select(Scalar).FirstOrDefault(t => t is not null) ?? "Default",
            method.ToUpperInvariant(),
            path,
            headers.ToEquatableArray(),
            ReadResponseProperties(Resolve(Child(operation, "responses")) as YamlMappingNode),
            ReadProperties(JsonSchema(Resolve(Child(operation, "requestBody")) as YamlMappingNode)),
            successStatuses,
            _extensions?.Invoke(this, operationId, operation) ?? EquatableArray<SpecDeclaration>.Empty,
            Locate(operationIdNode ?? keyNode));
    }

    /// <summary>
    /// How the operation uses the project header: its <c>x-strategy-project</c> (<c>never</c>, or one
    /// query parameter with the values that need it), else its header parameter. A mistake is
    /// reported at its line and the operation keeps what its parameters say.
    /// </summary>
    private SpecProjectHeader ReadProjectHeader(string operationId, YamlMappingNode operation, EquatableArray<SpecParameter> parameters)
    {
        var header = parameters.FirstOrDefault(p => p.In == "header" && string.Equals(p.Name, SpecProjectHeader.HeaderName, System.StringComparison.OrdinalIgnoreCase));
        var declared = header is null ? SpecProjectHeader.WhenSet : header.Required ? SpecProjectHeader.Required : SpecProjectHeader.WhenSet;
        var key = operation.Children.Keys.FirstOrDefault(k => Scalar(k) == SpecProjectHeader.Extension);
        if (key is null)
        {
            return declared;
        }

        const string Extension = SpecProjectHeader.Extension;
        var node = operation.Children[key];
        if (node is YamlScalarNode scalar)
        {
            if (scalar.Value != "never")
            {
                _diagnostics.Add(DiagnosticInfo.Create(Diagnostics.InvalidValue, Locate(node), Extension, operationId, "value", scalar.Value ?? string.Empty, "'never' or a mapping of one query parameter to the values that need the project"));
                return declared;
            }

            if (header is not null)
            {
                _diagnostics.Add(DiagnosticInfo.Create(Diagnostics.ConflictingKeys, Locate(node), Extension, operationId, "never", "an " + SpecProjectHeader.HeaderName + " header parameter"));
                return declared;
            }

            return SpecProjectHeader.Never;
        }

        if (node is not YamlMappingNode { Children.Count: 1 } mapping)
        {
            _diagnostics.Add(DiagnosticInfo.Create(Diagnostics.MissingKey, Locate(key), Extension, operationId, "'never', or one query parameter with the values that need the project"));
            return declared;
        }

        var entry = mapping.Children.First();
        var name = Scalar(entry.Key) ?? string.Empty;
        var parameter = parameters.FirstOrDefault(p => p.In == "query" && p.Name == name);
        if (parameter is null)
        {
            var queryNames = parameters.Where(p => p.In == "query").Select(p => p.Name);
            _diagnostics.Add(DiagnosticInfo.Create(Diagnostics.UnknownParameter, Locate(entry.Key), Extension, operationId, name, operationId + " (as a query parameter)", Naming.DidYouMean(name, queryNames)));
            return declared;
        }

        if (header is null || header.Required)
        {
            var problem = header is null ? "no " : "a required ";
            _diagnostics.Add(DiagnosticInfo.Create(Diagnostics.ConflictingKeys, Locate(entry.Key), Extension, operationId, name, problem + SpecProjectHeader.HeaderName + " header parameter (declare it, not required)"));
            return declared;
        }

        var values = (entry.Value as YamlSequenceNode)?.Children.Select(Scalar).OfType<string>().ToEquatableArray() ?? EquatableArray<string>.Empty;
        if (values.Count == 0)
        {
            _diagnostics.Add(DiagnosticInfo.Create(Diagnostics.EmptyValues, Locate(entry.Key), Extension, operationId, name));
            return declared;
        }

        var unknown = parameter.Values.Count == 0 ? null : values.FirstOrDefault(v => !parameter.Values.Contains(v));
        if (unknown is not null)
        {
            _diagnostics.Add(DiagnosticInfo.Create(Diagnostics.InvalidValue, Locate(entry.Value), Extension, operationId, "value", unknown, "one of " + name + "'s values (" + string.Join(", ", parameter.Values) + ")"));
            return declared;
        }

        return new SpecProjectHeader("ForValues", name, values);
    }

    /// <summary>The parameters of a <c>parameters</c> list, references followed.</summary>
    private List<SpecParameter> ReadParameters(YamlNode? list) =>
        (list as YamlSequenceNode)?.Children
            .Select(Resolve)
            .OfType<YamlMappingNode>()
            .Select(parameter =>
            {
                var schema = ReadSchema(Child(parameter, "schema"), 0);
                return new SpecParameter(
                    Scalar(Child(parameter, "name")) ?? string.Empty,
                    Scalar(Child(parameter, "in")) ?? "query",
                    Scalar(Child(parameter, "required")) == "true",
                    schema.Type,
                    schema.Values)
                {
                    Description = Scalar(Child(parameter, "description")),
                };
            })
            .ToList() ?? [];

    /// <summary>
    /// The error statuses whose answer still carries the operation's result (the same schema as a success
    /// answer's), such as a bulk call's 403 with every item's status: read, never dropped.
    /// </summary>
    private EquatableArray<string> ReadErrorStatusesWithResult(YamlMappingNode operation)
    {
        if (Resolve(Child(operation, "responses")) is not YamlMappingNode responses)
        {
            return EquatableArray<string>.Empty;
        }

        string? Reference(YamlNode response) => SchemaName(BodySchema(response));
        var results = responses.Children.Where(r => (Scalar(r.Key) ?? string.Empty).StartsWith("2", System.StringComparison.Ordinal)).Select(r => Reference(r.Value)).OfType<string>().ToList();
        return responses.Children
            .Where(r => (Scalar(r.Key) ?? string.Empty) is { Length: > 0 } code && code[0] is '4' or '5' && Reference(r.Value) is { } schema && results.Contains(schema))
            .Select(r => Scalar(r.Key)!)
            .ToEquatableArray();
    }

    /// <summary>
    /// The component schema of each object a command or cmdlet writes of the first success answer with a JSON
    /// body: a list's items, the items of an answer's one list of objects (a page), else the answer itself.
    /// <see langword="null"/> when that is no component schema (a free-form answer).
    /// </summary>
    private string? ReadAnswerItemSchema(YamlMappingNode? responses)
    {
        var answer = responses?.Children
            .Where(r => (Scalar(r.Key) ?? string.Empty).StartsWith("2", System.StringComparison.Ordinal))
            .Select(r => BodySchema(r.Value))
            .FirstOrDefault(s => s is not null);
        var schema = ResolveSchema(answer) as YamlMappingNode;
        if (Scalar(Child(schema, "type")) == "array")
        {
            return SchemaName(Child(schema, "items"));
        }

        var lists = PropertiesOf(schema)
            .Select(p => ResolveSchema(p.Value) as YamlMappingNode)
            .Where(p => Scalar(Child(p, "type")) == "array")
            .ToList();
        return lists.Count == 1 && ResolveSchema(Child(lists[0], "items")) is YamlMappingNode items && Scalar(Child(items, "type")) is null or "object"
            ? SchemaName(Child(lists[0], "items"))
            : SchemaName(answer);
    }

    /// <summary>The fields of the items when the success answer is a JSON array of objects; <see langword="null"/> otherwise.</summary>
    private List<string>? AnswerArrayItemFields(YamlMappingNode? responses)
    {
        var answer = responses?.Children
            .Where(r => (Scalar(r.Key) ?? string.Empty).StartsWith("2", System.StringComparison.Ordinal))
            .Select(r => BodySchema(r.Value))
            .FirstOrDefault(s => s is not null);
        var schema = ResolveSchema(answer) as YamlMappingNode;
        return Scalar(Child(schema, "type")) == "array" && ResolveSchema(Child(schema, "items")) is YamlMappingNode items
            ? PropertiesOf(items).Select(p => Scalar(p.Key) ?? string.Empty).ToList()
            : null;
    }

    /// <summary>The name of the component schema a node references (through a single-entry <c>allOf</c>), if it references one.</summary>
    private static string? SchemaName(YamlNode? node)
    {
        var mapping = node as YamlMappingNode;
        if (Child(mapping, "allOf") is YamlSequenceNode { Children.Count: 1 } allOf)
        {
            mapping = allOf.Children[0] as YamlMappingNode;
        }

        return Scalar(Child(mapping, "$ref")) is { } reference && reference.StartsWith("#/components/schemas/", System.StringComparison.Ordinal)
            ? reference.Substring("#/components/schemas/".Length)
            : null;
    }

    /// <summary>The properties of the first success response that has a JSON body.</summary>
    private EquatableArray<SpecProperty> ReadResponseProperties(YamlMappingNode? responses)
    {
        var schema = responses?.Children
            .Where(r => (Scalar(r.Key) ?? string.Empty).StartsWith("2", System.StringComparison.Ordinal))
            .Select(r => Resolve(r.Value) as YamlMappingNode)
            .Select(JsonSchema)
            .FirstOrDefault(s => s is not null);

        return ReadProperties(schema);
    }

    /// <summary>The JSON schema of a response or request body, if it has one.</summary>
    private YamlNode? JsonSchema(YamlMappingNode? body) => Resolve(BodySchema(body));

    /// <summary>The schema of a response's or request body's JSON as written (a <c>$ref</c> not followed), if it has one.</summary>
    private YamlNode? BodySchema(YamlNode? body) =>
        Child(Child(Child(Resolve(body) as YamlMappingNode, "content") as YamlMappingNode, "application/json") as YamlMappingNode, "schema");

    /// <summary>A schema's properties, each with its own schema (nested as deep as declarations look).</summary>
    private EquatableArray<SpecProperty> ReadProperties(YamlNode? schema) => ReadSchema(schema, 0).Properties;

    /// <summary>How deep schemas are read: a status's items' error object is three levels down; references may loop.</summary>
    private const int SchemaDepth = 5;

    private SpecSchema ReadSchema(YamlNode? node, int depth)
    {
        if (depth > SchemaDepth || ResolveSchema(node) is not YamlMappingNode schema)
        {
            return SpecSchema.Unknown;
        }

        var values = (Child(schema, "enum") as YamlSequenceNode)?.Children.Select(Scalar).OfType<string>().ToEquatableArray() ?? EquatableArray<string>.Empty;
        var names = (Child(schema, "x-enumNames") as YamlSequenceNode)?.Children.Select(Scalar).OfType<string>().ToEquatableArray() ?? EquatableArray<string>.Empty;
        var properties = PropertiesOf(schema)
            .Select(p =>
            {
                var propertySchema = ResolveSchema(p.Value) as YamlMappingNode;
                var minItems = int.TryParse(Scalar(Child(propertySchema, "minItems")), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var least) ? least : 0;
                return new SpecProperty(Scalar(p.Key) ?? string.Empty, ReadSchema(p.Value, depth + 1), minItems);
            })
            .ToEquatableArray();
        var type = Scalar(Child(schema, "type"));
        return new SpecSchema(type, values, names, properties, type == "array" ? ReadSchema(Child(schema, "items"), depth + 1) : null)
        {
            Flags = Scalar(Child(schema, "x-enumFlags")) == "true",
            Required = (Child(schema, "required") as YamlSequenceNode)?.Children.Select(Scalar).OfType<string>().ToEquatableArray() ?? EquatableArray<string>.Empty,
            Format = Scalar(Child(schema, "format")),

            // A property's own description, or its reference's (a $ref's siblings are not read).
            Description = Scalar(Child(node as YamlMappingNode, "description")) ?? Scalar(Child(schema, "description")),
        };
    }

    private IEnumerable<KeyValuePair<YamlNode, YamlNode>> PropertiesOf(YamlNode? schema) =>
        (Child(ResolveSchema(schema) as YamlMappingNode, "properties") as YamlMappingNode)?.Children
        ?? Enumerable.Empty<KeyValuePair<YamlNode, YamlNode>>();

    /// <summary>Resolves a schema, seeing through a single-entry <c>allOf</c> (how a nullable reference is written).</summary>
    private YamlNode? ResolveSchema(YamlNode? schema)
    {
        var resolved = Resolve(schema);
        if (resolved is YamlMappingNode mapping && Child(mapping, "allOf") is YamlSequenceNode { Children.Count: 1 } allOf)
        {
            return Resolve(allOf.Children[0]);
        }

        return resolved;
    }

    /// <summary>Follows a local <c>$ref</c> (<c>#/a/b/c</c>); other nodes are returned as they are.</summary>
    private YamlNode? Resolve(YamlNode? node)
    {
        for (var depth = 0; depth < 16 && node is YamlMappingNode mapping && Scalar(Child(mapping, "$ref")) is { } reference; depth++)
        {
            if (!reference.StartsWith("#/", System.StringComparison.Ordinal))
            {
                return null;
            }

            YamlNode? target = _root;
            foreach (var segment in reference.Substring(2).Split('/'))
            {
                target = Child(target as YamlMappingNode, segment.Replace("~1", "/").Replace("~0", "~"));
            }

            node = target;
        }

        return node;
    }

    internal void Report(DiagnosticInfo diagnostic) => _diagnostics.Add(diagnostic);

    internal static YamlNode? Child(YamlMappingNode? mapping, string key)
    {
        if (mapping is null)
        {
            return null;
        }

        return mapping.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;
    }

    internal static string? Scalar(YamlNode? node) => (node as YamlScalarNode)?.Value;

    internal SpecLocation Locate(YamlNode node) => Locate(node.Start, node.End);

    private SpecLocation Locate(Mark start, Mark end)
    {
        // YamlDotNet counts lines and columns from 1; Roslyn from 0.
        var startIndex = (int)System.Math.Min(start.Index, _text.Length);
        var endIndex = (int)System.Math.Min(System.Math.Max(end.Index, start.Index), _text.Length);
        return new SpecLocation(
            _path,
            startIndex,
            endIndex - startIndex,
            (int)System.Math.Max(start.Line - 1, 0),
            (int)System.Math.Max(start.Column - 1, 0),
            (int)System.Math.Max(end.Line - 1, 0),
            (int)System.Math.Max(end.Column - 1, 0));
    }
}
