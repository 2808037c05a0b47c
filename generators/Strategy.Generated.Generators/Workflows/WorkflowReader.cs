using System.Collections.Generic;
using System.Linq;
using Strategy.Generated.Generators.Common;
using Strategy.Generated.Generators.Spec;
using YamlDotNet.RepresentationModel;

namespace Strategy.Generated.Generators.Workflows;

/// <summary>
/// Reads the <c>x-strategy-*</c> declarations of one operation. A missing key or an empty
/// value list is reported where it is in the spec, and the declaration is left out.
/// </summary>
internal sealed partial class WorkflowReader
{
    private readonly SpecReader spec;
    private readonly string operationId;

    public WorkflowReader(SpecReader spec, string operationId)
    {
        this.spec = spec;
        this.operationId = operationId;
    }

    private SpecReader Spec => spec;

    private string OperationId => operationId;

    public const string Wait = "x-strategy-wait";
    public const string Start = "x-strategy-start";
    public const string Scope = "x-strategy-scope";
    public const string Pages = "x-strategy-pages";

    public WorkflowDeclarations Read(YamlMappingNode operation) => new(
        Declaration(operation, Wait, ReadWait),
        Declaration(operation, Start, ReadStart),
        Declaration(operation, Scope, ReadScope),
        Declaration(operation, Pages, ReadPages));

    private T? Declaration<T>(YamlMappingNode operation, string extension, System.Func<Entry, T?> read)
        where T : class
    {
        var key = operation.Children.Keys.FirstOrDefault(k => SpecReader.Scalar(k) == extension);
        if (key is null)
        {
            return null;
        }

        if (operation.Children[key] is not YamlMappingNode mapping)
        {
            spec.Report(DiagnosticInfo.Create(Diagnostics.MissingKey, spec.Locate(key), extension, operationId, "a mapping of settings"));
            return null;
        }

        var entry = new Entry(this, extension, mapping, spec.Locate(key));
        var declaration = read(entry);
        return entry.Failed ? null : declaration;
    }

    /// <summary>One declaration's mapping, with reporting.</summary>
    private sealed class Entry(WorkflowReader owner, string extension, YamlMappingNode mapping, SpecLocation location)
    {
        public SpecLocation Location { get; } = location;

        public bool Failed { get; private set; }

        public string Required(string key)
        {
            var value = Optional(key);
            if (value is null)
            {
                Missing(key);
            }

            return value ?? string.Empty;
        }

        /// <summary>A required value that becomes a C# name (a helper's name): reported at its line when it is not an identifier.</summary>
        public string Identifier(string key)
        {
            var value = Required(key);
            if (value.Length > 0 && !Literals.IsIdentifier(value))
            {
                Invalid(key, value, "a C# identifier (letters, digits and underscores, not a keyword)");
            }

            return value;
        }

        /// <summary>An optional value that becomes a C# number: reported at its line when it is not a whole number.</summary>
        public string? Integer(string key)
        {
            var value = Optional(key);
            if (value is not null && !Literals.IsInteger(value))
            {
                Invalid(key, value, "a whole number");
            }

            return value;
        }

        public string? Optional(string key)
        {
            var value = SpecReader.Scalar(SpecReader.Child(mapping, key));
            return string.IsNullOrEmpty(value) ? null : value;
        }

        public YamlMappingNode? Mapping(string key) => SpecReader.Child(mapping, key) as YamlMappingNode;

        /// <summary>Where a key of this mapping is written, so a report points at the line a reader looks for.</summary>
        public SpecLocation KeyLocation(string key) =>
            mapping.Children.Keys.FirstOrDefault(k => SpecReader.Scalar(k) == key) is { } node ? owner.Spec.Locate(node) : Location;

        public EquatableArray<string> List(string key, bool required)
        {
            var node = SpecReader.Child(mapping, key);
            if (node is null)
            {
                if (required)
                {
                    Missing(key);
                }

                return EquatableArray<string>.Empty;
            }

            var values = (node as YamlSequenceNode)?.Children.Select(SpecReader.Scalar).OfType<string>().ToList() ?? [];
            if (values.Count == 0)
            {
                owner.Spec.Report(DiagnosticInfo.Create(Diagnostics.EmptyValues, owner.Spec.Locate(node), extension, owner.OperationId, key));
                Failed = true;
            }

            return values.ToEquatableArray();
        }

        public EquatableArray<NamedValue> Pairs(string key) =>
            (Mapping(key)?.Children ?? Enumerable.Empty<KeyValuePair<YamlNode, YamlNode>>())
                .Select(p => new NamedValue(SpecReader.Scalar(p.Key) ?? string.Empty, SpecReader.Scalar(p.Value) ?? string.Empty))
                .ToEquatableArray();

        private void Invalid(string key, string value, string expected)
        {
            owner.Spec.Report(DiagnosticInfo.Create(Diagnostics.InvalidValue, KeyLocation(key), extension, owner.OperationId, key, value, expected));
            Failed = true;
        }

        public void Missing(string key)
        {
            owner.Spec.Report(DiagnosticInfo.Create(Diagnostics.MissingKey, Location, extension, owner.OperationId, key));
            Failed = true;
        }
    }
}
