using System.Collections.Generic;
using System.Linq;
using Strategy.Generated.Generators.Common;
using Strategy.Generated.Generators.Spec;
using YamlDotNet.RepresentationModel;

namespace Strategy.Generated.Generators.Workflows;

/// <summary>
/// One declaration's mapping as a kind reads it: the typed values it asks for (required, optional,
/// identifiers, numbers, lists, pairs, nested mappings), each recorded with where it is written, and
/// every mistake reported at its line. Keys the kind never asked for are reported once it is read.
/// </summary>
internal sealed class DeclarationEntry(SpecReader spec, string operationId, string extension, YamlMappingNode mapping, SpecLocation location)
{
    private readonly List<SpecPlace> _places = [];

    // Every key the kind asked for, present or not, and the entries nested in this one: what is left is a key no kind takes.
    private readonly HashSet<string> _asked = [];
    private readonly List<DeclarationEntry> _nested = [];

    public SpecLocation Location { get; } = location;

    public bool Failed { get; private set; }

    /// <summary>The operation that declares it.</summary>
    public string OperationId => operationId;

    /// <summary>The spec it is read from, to report a value that is read but wrong.</summary>
    public SpecReader Spec => spec;

    /// <summary>Every key the kind has asked for so far, here and in the entries nested in this one (for the test that each is documented).</summary>
    public IEnumerable<string> AskedKeys => _asked.Concat(_nested.SelectMany(n => n.AskedKeys));

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
            _places.Add(new SpecPlace(key, spec.Locate(node)));
        }

        return string.IsNullOrEmpty(value) ? null : value;
    }

    public YamlMappingNode? Mapping(string key)
    {
        _asked.Add(key);
        return SpecReader.Child(mapping, key) as YamlMappingNode;
    }

    /// <summary>A nested mapping, read as an entry of its own (its values report at their own lines).</summary>
    public DeclarationEntry? Nested(string key)
    {
        var node = Mapping(key);
        return node is null ? null : Child(new DeclarationEntry(spec, operationId, extension + "." + key, node, KeyLocation(key)));
    }

    /// <summary>A nested list of mappings, each read as an entry of its own.</summary>
    public IReadOnlyList<DeclarationEntry> NestedList(string key)
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
            spec.Report(DiagnosticInfo.Create(Diagnostics.EmptyValues, spec.Locate(node), extension, operationId, key));
            Failed = true;
        }

        return items.Select(item => Child(new DeclarationEntry(spec, operationId, extension + "." + key, item, spec.Locate(item)))).ToList();
    }

    /// <summary>Where a key of this mapping is written, so a report points at the line a reader looks for.</summary>
    public SpecLocation KeyLocation(string key) =>
        mapping.Children.Keys.FirstOrDefault(k => SpecReader.Scalar(k) == key) is { } node ? spec.Locate(node) : Location;

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

        _places.Add(new SpecPlace(key, spec.Locate(node)));
        var items = (node as YamlSequenceNode)?.Children ?? (IList<YamlNode>)[];
        var values = new List<string>();
        foreach (var item in items)
        {
            if (SpecReader.Scalar(item) is { } value)
            {
                _places.Add(new SpecPlace(key + "[" + values.Count.ToString(System.Globalization.CultureInfo.InvariantCulture) + "]", spec.Locate(item)));
                values.Add(value);
            }
        }

        if (values.Count == 0)
        {
            spec.Report(DiagnosticInfo.Create(Diagnostics.EmptyValues, spec.Locate(node), extension, operationId, key));
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
            _places.Add(new SpecPlace(key + "." + name, spec.Locate(pair.Value)));
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
                spec.Report(DiagnosticInfo.Create(Diagnostics.UnknownKey, spec.Locate(key), extension, operationId, name, Naming.DidYouMean(name, _asked)));
                Failed = true;
            }
        }

        foreach (var nested in _nested)
        {
            nested.ReportUnknownKeys();
        }
    }

    private DeclarationEntry Child(DeclarationEntry nested)
    {
        _nested.Add(nested);
        return nested;
    }

    /// <summary>Reports a value that cannot be used, at its line.</summary>
    public void Invalid(string key, string value, string expected)
    {
        spec.Report(DiagnosticInfo.Create(Diagnostics.InvalidValue, KeyLocation(key), extension, operationId, key, value, expected));
        Failed = true;
    }

    /// <summary>Whether the mapping has <paramref name="key"/>, without asking for it.</summary>
    public bool Has(string key) => mapping.Children.Keys.Any(k => SpecReader.Scalar(k) == key);

    /// <summary>Reports a key that cannot be given together with <paramref name="other"/>, at its line.</summary>
    public void Conflict(string key, string other)
    {
        spec.Report(DiagnosticInfo.Create(Diagnostics.ConflictingKeys, KeyLocation(key), extension, operationId, key, other));
        Failed = true;
    }

    /// <summary>Reports a required key that is missing (at the declaration's own key).</summary>
    public void Missing(string key)
    {
        spec.Report(DiagnosticInfo.Create(Diagnostics.MissingKey, Location, extension, operationId, key));
        Failed = true;
    }
}
