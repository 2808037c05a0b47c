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

    private WorkflowReader(SpecReader spec, string operationId)
    {
        this.spec = spec;
        this.operationId = operationId;
    }

    private SpecReader Spec => spec;

    private string OperationId => operationId;

    /// <summary>
    /// The extensions that are not workflow declarations: read elsewhere (<c>x-strategy-since</c> by
    /// the spec reader, <c>x-strategy-header</c> by the NSwag template), and known so they are not
    /// taken for misspelled kinds.
    /// </summary>
    private static readonly string[] OtherExtensions = ["x-strategy-since", "x-strategy-header"];

    /// <summary>Reads every <c>x-strategy-*</c> declaration of an operation, each with its registered kind; an unknown extension is reported with the nearest known one.</summary>
    public static EquatableArray<SpecDeclaration> ReadAll(SpecReader spec, string operationId, YamlMappingNode operation)
    {
        var reader = new WorkflowReader(spec, operationId);
        var kinds = DeclarationKinds.All;
        foreach (var key in operation.Children.Keys)
        {
            var name = SpecReader.Scalar(key) ?? string.Empty;
            if (name.StartsWith("x-strategy-", System.StringComparison.Ordinal) && !kinds.Any(k => k.Extension == name) && !OtherExtensions.Contains(name))
            {
                var known = kinds.Select(k => k.Extension).Concat(OtherExtensions);
                spec.Report(DiagnosticInfo.Create(Diagnostics.UnknownKey, spec.Locate(key), "operation", operationId, name, Naming.DidYouMean(name, known)));
            }
        }

        return kinds
            .Select(kind => reader.Declaration(operation, kind.Extension, entry => kind.Read(reader, entry)) is { } value ? new SpecDeclaration(kind.Extension, value) : null)
            .OfType<SpecDeclaration>()
            .ToEquatableArray();
    }

    private object? Declaration(YamlMappingNode operation, string extension, System.Func<Entry, object?> read)
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
        entry.ReportUnknownKeys();
        return entry.Failed ? null : declaration;
    }

    /// <summary>One declaration's mapping, with reporting; it records where each value it reads is written.</summary>
    internal sealed class Entry(WorkflowReader owner, string extension, YamlMappingNode mapping, SpecLocation location)
    {
        private readonly List<SpecPlace> _places = [];

        // Every key the kind asked for, present or not, and the entries nested in this one: what is left is a key no kind takes.
        private readonly HashSet<string> _asked = [];
        private readonly List<Entry> _nested = [];

        public SpecLocation Location { get; } = location;

        public bool Failed { get; private set; }

        /// <summary>Where every value read so far is written.</summary>
        public SpecPlaces Places => new(Location, _places.ToEquatableArray());

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

        /// <summary>An optional value that becomes a C# name.</summary>
        public string? OptionalIdentifier(string key)
        {
            var value = Optional(key);
            if (value is not null && !Literals.IsIdentifier(value))
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
            _asked.Add(key);
            var node = SpecReader.Child(mapping, key);
            var value = SpecReader.Scalar(node);
            if (node is not null)
            {
                _places.Add(new SpecPlace(key, owner.Spec.Locate(node)));
            }

            return string.IsNullOrEmpty(value) ? null : value;
        }

        public YamlMappingNode? Mapping(string key)
        {
            _asked.Add(key);
            return SpecReader.Child(mapping, key) as YamlMappingNode;
        }

        /// <summary>A nested mapping, read as an entry of its own (its values report at their own lines).</summary>
        public Entry? Nested(string key)
        {
            var node = Mapping(key);
            return node is null ? null : Child(new Entry(owner, extension + "." + key, node, KeyLocation(key)));
        }

        /// <summary>A nested list of mappings, each read as an entry of its own.</summary>
        public IReadOnlyList<Entry> NestedList(string key)
        {
            _asked.Add(key);
            var node = SpecReader.Child(mapping, key);
            if (node is null)
            {
                return [];
            }

            var items = (node as YamlSequenceNode)?.Children.OfType<YamlMappingNode>().ToList() ?? [];
            if (items.Count == 0)
            {
                owner.Spec.Report(DiagnosticInfo.Create(Diagnostics.EmptyValues, owner.Spec.Locate(node), extension, owner.OperationId, key));
                Failed = true;
            }

            return items.Select(item => Child(new Entry(owner, extension + "." + key, item, owner.Spec.Locate(item)))).ToList();
        }

        /// <summary>Where a key of this mapping is written, so a report points at the line a reader looks for.</summary>
        public SpecLocation KeyLocation(string key) =>
            mapping.Children.Keys.FirstOrDefault(k => SpecReader.Scalar(k) == key) is { } node ? owner.Spec.Locate(node) : Location;

        public EquatableArray<string> List(string key, bool required)
        {
            _asked.Add(key);
            var node = SpecReader.Child(mapping, key);
            if (node is null)
            {
                if (required)
                {
                    Missing(key);
                }

                return EquatableArray<string>.Empty;
            }

            _places.Add(new SpecPlace(key, owner.Spec.Locate(node)));
            var items = (node as YamlSequenceNode)?.Children ?? (IList<YamlNode>)[];
            var values = new List<string>();
            foreach (var item in items)
            {
                if (SpecReader.Scalar(item) is { } value)
                {
                    _places.Add(new SpecPlace(key + "[" + values.Count.ToString(System.Globalization.CultureInfo.InvariantCulture) + "]", owner.Spec.Locate(item)));
                    values.Add(value);
                }
            }

            if (values.Count == 0)
            {
                owner.Spec.Report(DiagnosticInfo.Create(Diagnostics.EmptyValues, owner.Spec.Locate(node), extension, owner.OperationId, key));
                Failed = true;
            }

            return values.ToEquatableArray();
        }

        public EquatableArray<NamedValue> Pairs(string key)
        {
            _asked.Add(key);
            var pairs = new List<NamedValue>();
            foreach (var pair in Mapping(key)?.Children ?? Enumerable.Empty<KeyValuePair<YamlNode, YamlNode>>())
            {
                var name = SpecReader.Scalar(pair.Key) ?? string.Empty;
                _places.Add(new SpecPlace(key + "." + name, owner.Spec.Locate(pair.Value)));
                pairs.Add(new NamedValue(name, SpecReader.Scalar(pair.Value) ?? string.Empty));
            }

            return pairs.ToEquatableArray();
        }

        /// <summary>
        /// Reports each key of this mapping (and of those nested in it) that the kind never asked
        /// for: a misspelled setting is an error at its line, with the nearest key the kind takes.
        /// </summary>
        public void ReportUnknownKeys()
        {
            foreach (var key in mapping.Children.Keys)
            {
                var name = SpecReader.Scalar(key) ?? string.Empty;
                if (!_asked.Contains(name))
                {
                    owner.Spec.Report(DiagnosticInfo.Create(Diagnostics.UnknownKey, owner.Spec.Locate(key), extension, owner.OperationId, name, Naming.DidYouMean(name, _asked)));
                    Failed = true;
                }
            }

            foreach (var nested in _nested)
            {
                nested.ReportUnknownKeys();
            }
        }

        private Entry Child(Entry nested)
        {
            _nested.Add(nested);
            return nested;
        }

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
