using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Strategy.Generated.Generators.Clients;
using Strategy.Generated.Generators.Common;
using Strategy.Generated.Generators.Spec;

namespace Strategy.Generated.Generators.Workflows;

/// <summary>
/// What a kind resolves a declaration with: the operation that declares it and its client method,
/// the checks every kind makes (a response field, an item field, a parameter, values against a
/// schema, the wait it names), reporting at a line of the spec, and where its helpers go. A check
/// that fails reports and answers <see langword="false"/> (or <see langword="null"/>).
/// </summary>
internal sealed class ResolveContext
{
    private const string CancellationTokenName = "cancellationToken";

    private readonly OperationBindings _bindings;
    private readonly List<DiagnosticInfo> _diagnostics;
    private readonly Dictionary<string, List<(int Order, Helper Helper)>> _byClass;
    // Every wait declared, by its operation: resolved, or null when its own mistakes were reported.
    private readonly Dictionary<string, WaitTarget?> _waits = new(System.StringComparer.Ordinal);
    private int _order;

    internal ResolveContext(OperationBindings bindings, List<DiagnosticInfo> diagnostics, Dictionary<string, List<(int Order, Helper Helper)>> byClass)
    {
        _bindings = bindings;
        _diagnostics = diagnostics;
        _byClass = byClass;
        Bound = bindings.Operations.Count > 0 ? bindings.Operations[0] : null!;
    }

    /// <summary>The operation and client method of the declaration being resolved.</summary>
    public BoundOperation Bound { get; private set; }

    /// <summary>The key of the declaration being resolved, for messages.</summary>
    public string Extension { get; private set; } = string.Empty;

    public SpecOperation Operation => Bound.Operation;

    public ClientMethod Method => Bound.Method;

    public ClientModel Client => Bound.Client;

    /// <summary>Every operation of the spec.</summary>
    public EquatableArray<SpecOperation> Operations => _bindings.Spec.Operations;

    /// <summary>Sets the declaration the next calls concern (the builder does, before each one).</summary>
    internal void Begin(BoundOperation bound, string extension, int kindOrder)
    {
        Bound = bound;
        Extension = extension;
        _order = kindOrder;
    }

    /// <summary>Adds a helper to the client of the declaration being resolved, in its kind's place.</summary>
    public void Add(Helper helper)
    {
        if (!_byClass.TryGetValue(Client.Name, out var helpers))
        {
            helpers = [];
            _byClass.Add(Client.Name, helpers);
        }

        helpers.Add((_order, helper));
    }

    /// <summary>Reports a mistake of the declaration at <paramref name="location"/>; the message starts with the key and the operation. Always <see langword="false"/>.</summary>
    public bool Report(DiagnosticDescriptor descriptor, SpecLocation location, params string[] arguments)
    {
        _diagnostics.Add(DiagnosticInfo.Create(descriptor, location, [Extension, Operation.OperationId, .. arguments]));
        return false;
    }

    // Waits

    /// <summary>Notes that the declaring operation has a wait, before it is resolved: one that fails is then not also "not a wait" to those naming it.</summary>
    public void DeclareWait() => _waits[Operation.OperationId] = null;

    /// <summary>Makes a resolved wait known to the kinds that wait with it.</summary>
    public void ProvideWait(WaitTarget wait) => _waits[wait.OperationId] = wait;

    /// <summary>
    /// The wait <paramref name="operationId"/> declares: in the same client, or in the client of
    /// <paramref name="waitTag"/> when the declaration names the wait's tag (a start may be waited on
    /// by another client's status call). Reported when there is none, or it is in another client.
    /// </summary>
    public WaitTarget? Wait(string operationId, SpecLocation location, string? waitTag = null, SpecLocation? tagLocation = null)
    {
        if (Find(operationId, location) is not { } target)
        {
            return null;
        }

        if (waitTag is null && target.ClientClassName != Client.Name)
        {
            Report(Diagnostics.OperationInAnotherClient, location, operationId, "it is not in " + Client.Name + " (give it the same tag, or name its tag with waitTag: " + target.Tag + ")");
            return null;
        }

        if (waitTag is not null && target.Tag != waitTag)
        {
            Report(Diagnostics.OperationInAnotherClient, tagLocation ?? location, operationId, "its tag is " + target.Tag + ", not " + waitTag);
            return null;
        }

        if (!_waits.TryGetValue(target.OperationId, out var wait))
        {
            Report(Diagnostics.NotAWait, location, operationId);
            return null;
        }

        // null: the wait's own mistakes were reported where they are.
        return wait;
    }

    /// <summary>Another operation of the same client, with its method; reported when the spec lacks it or it is in another client.</summary>
    public BoundOperation? SameClientOperation(string operationId, SpecLocation location)
    {
        if (Find(operationId, location) is not { } target)
        {
            return null;
        }

        if (target.ClientClassName != Client.Name)
        {
            Report(Diagnostics.OperationInAnotherClient, location, operationId, "it is not in " + Client.Name + " (give it the same tag)");
            return null;
        }

        return _bindings.Of(target.OperationId);
    }

    private SpecOperation? Find(string operationId, SpecLocation location)
    {
        var target = Operations.FirstOrDefault(o => o.OperationId == operationId);
        if (target is null || _bindings.Of(operationId) is null)
        {
            Report(Diagnostics.UnknownOperation, location, operationId, Naming.DidYouMean(operationId, Operations.Select(o => o.OperationId)));
            return null;
        }

        return target;
    }

    /// <summary>Every declaration of type <typeparamref name="T"/> in the spec, with its operation (to know, say, how many waits read one status model).</summary>
    public IEnumerable<(BoundOperation Bound, T Declaration)> Declarations<T>()
        where T : Declaration =>
        _bindings.Operations.SelectMany(o => o.Operation.Declarations.OfType<T>().Select(d => (o, d)));

    /// <summary>The client method of another operation, when it is bound.</summary>
    public ClientMethod? MethodOf(string operationId) => _bindings.Of(operationId)?.Method;

    // The response

    /// <summary>Requires a response body (a model) of <paramref name="method"/>, the declaring operation's by default.</summary>
    public bool RequireResult(SpecLocation location, ClientMethod? method = null) =>
        (method ?? Method).ResultType is not null
        || Report(Diagnostics.NoResponseBody, location, (method ?? Method).Name, string.Empty);

    /// <summary>Requires a field of the declaring operation's response, in the spec and on the client's model.</summary>
    public bool RequireField(string field, SpecLocation location) =>
        (Operation.ResponseProperties.Any(p => p.Name == field) && Method.Property(Naming.Pascal(field)) is not null)
        || Report(Diagnostics.UnknownResponseField, location, field, Operation.OperationId, Naming.DidYouMean(field, Operation.ResponseProperties.Select(p => p.Name)));

    /// <summary>Requires fields of the items of a response list.</summary>
    public bool RequireItemFields(string list, SpecLocation location, params string[] fields)
    {
        var items = Operation.ResponseProperties.FirstOrDefault(p => p.Name == list)?.ItemProperties ?? EquatableArray<string>.Empty;
        var ok = true;
        foreach (var field in fields.Where(f => !items.Contains(f)))
        {
            ok = Report(Diagnostics.UnknownItemField, location, field, list, Naming.DidYouMean(field, items));
        }

        return ok;
    }

    /// <summary>The schema of a response field, or <see cref="SpecSchema.Unknown"/>.</summary>
    public SpecSchema ResponseSchema(string field) => Operation.ResponseProperties.FirstOrDefault(p => p.Name == field)?.Schema ?? SpecSchema.Unknown;

    /// <summary>
    /// The declared values as the runtime reads the field: each must be one the field's schema
    /// allows (an enum value, or for an integer enum one of its <c>x-enumNames</c>, which becomes
    /// its number; a number for an integer), or it is reported at its line: such a value could
    /// never match, and a wait on it would time out.
    /// </summary>
    /// <param name="field">The field, for the message (<c>tables[].status</c>).</param>
    /// <param name="schema">Its schema.</param>
    /// <param name="values">The values declared.</param>
    /// <param name="places">Where they are written.</param>
    /// <param name="key">The key they are written under: each value at <c>key[i]</c>, or at <c>key</c> itself with <paramref name="keyIsPlace"/>.</param>
    /// <param name="ok">Set to <see langword="false"/> when one is reported.</param>
    /// <param name="keyIsPlace">Whether <paramref name="key"/> names the one value's place.</param>
    public EquatableArray<string> CheckValues(string field, SpecSchema schema, EquatableArray<string> values, SpecPlaces places, string key, ref bool ok, bool keyIsPlace = false)
    {
        var checkedValues = new List<string>();
        for (var i = 0; i < values.Count; i++)
        {
            var value = values[i];
            var index = schema.Values.AsImmutableArray().IndexOf(value);
            if (index < 0 && schema.ValueNames.Count == schema.Values.Count)
            {
                index = IndexIgnoringCase(schema.ValueNames, value);
            }

            if (index >= 0)
            {
                checkedValues.Add(schema.Values[index]);
            }
            else if (schema.Values.Count > 0 || (schema.Type == "integer" && !Literals.IsInteger(value)) || (schema.Type == "boolean" && value is not ("true" or "false")))
            {
                ok = Report(Diagnostics.ImpossibleValue, places.At(keyIsPlace ? key : key + "[" + i.ToString(System.Globalization.CultureInfo.InvariantCulture) + "]"), value, field, Allowed(schema));
            }
            else
            {
                checkedValues.Add(value);
            }
        }

        return checkedValues.ToEquatableArray();
    }

    /// <summary>An integer enum's values with the names <c>x-enumNames</c> gives them (the name in lower case), for messages.</summary>
    public static EquatableArray<NamedValue> ValueNames(SpecSchema schema) =>
        schema.ValueNames.Count == schema.Values.Count
            ? schema.Values.Select((value, i) => new NamedValue(schema.ValueNames[i].ToLowerInvariant(), value)).ToEquatableArray()
            : EquatableArray<NamedValue>.Empty;

    private static int IndexIgnoringCase(EquatableArray<string> names, string value)
    {
        for (var i = 0; i < names.Count; i++)
        {
            if (string.Equals(names[i], value, System.StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        return -1;
    }

    private static string Allowed(SpecSchema schema) =>
        schema.Values.Count == 0
            ? "is not " + (schema.Type == "integer" ? "a whole number" : "true or false")
            : "is not one of " + string.Join(", ", schema.Values)
              + (schema.ValueNames.Count == schema.Values.Count ? " (" + string.Join(", ", schema.ValueNames) + ")" : string.Empty);

    // Parameters

    /// <summary>The parameters of <paramref name="method"/> a helper offers: all but the token and <paramref name="skip"/>.</summary>
    public static EquatableArray<HelperParameter> Parameters(ClientMethod method, IEnumerable<string> skip)
    {
        var skipped = new HashSet<string>(skip);
        return WithoutToken(method.Parameters)
            .Where(p => !skipped.Contains(p.Name))
            .Select(p => new HelperParameter(p.Name, p.Type))
            .ToEquatableArray();
    }

    /// <summary>
    /// The parameters of the declaring operation a declaration fixes (<c>set</c>), as constants by the
    /// method's parameter name; one the method does not take is reported at its line.
    /// </summary>
    public Dictionary<string, Argument> SetArguments(EquatableArray<NamedValue> set, SpecPlaces places, ref bool ok)
    {
        var arguments = new Dictionary<string, Argument>();
        foreach (var pair in set)
        {
            if (FindParameter(Method, pair.Name) is { } parameter)
            {
                arguments[parameter.Name] = new Argument.Constant(parameter.Type, pair.Value);
            }
            else
            {
                ok = Report(Diagnostics.UnknownParameter, places.At("set." + pair.Name), pair.Name, Method.Name, string.Empty);
            }
        }

        return arguments;
    }

    /// <summary>The parameters without the cancellation token.</summary>
    public static IEnumerable<ClientParameter> WithoutToken(EquatableArray<ClientParameter> parameters) =>
        parameters.Where(p => p.Name != CancellationTokenName);

    /// <summary>The parameter of <paramref name="method"/> the spec names <paramref name="name"/>, as NSwag named it.</summary>
    public static ClientParameter? FindParameter(ClientMethod method, string name) =>
        WithoutToken(method.Parameters).FirstOrDefault(p => SameName(p.Name, name));

    /// <summary>NSwag turns <c>Prefer</c> into <c>prefer</c> and <c>X-MSTR-Foo</c> into <c>x_MSTR_Foo</c>: compare letters and digits only.</summary>
    public static bool SameName(string left, string right) =>
        string.Equals(Normalize(left), Normalize(right), System.StringComparison.OrdinalIgnoreCase);

    private static string Normalize(string name) => new(name.Where(char.IsLetterOrDigit).ToArray());
}
