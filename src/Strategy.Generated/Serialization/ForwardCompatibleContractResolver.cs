using System.Reflection;
using Newtonsoft.Json;
using Newtonsoft.Json.Converters;
using Newtonsoft.Json.Serialization;

namespace Strategy.Generated;

/// <summary>
/// Replaces the strict string-enum converter NSwag puts on enum properties (and the default
/// handling of integer enums) with one that tolerates values added by newer servers, and keeps
/// those values with the object.
/// An unrecognized value reads as <see langword="null"/> for an optional property and as
/// <see cref="UnrecognizedRequiredValue"/> (a value no member has) for a required one, so it
/// is never mistaken for a known member.
/// </summary>
/// <remarks>
/// Two instances: <see cref="Instance"/> enforces the spec's required properties (what the client
/// sends), <see cref="Reading"/> does not (what a server sends): one object another client left on
/// the server without a field the spec calls required must not fail a whole list.
/// </remarks>
internal sealed class ForwardCompatibleContractResolver : DefaultContractResolver
{
    public static readonly ForwardCompatibleContractResolver Instance = new(enforceRequired: true);

    public static readonly ForwardCompatibleContractResolver Reading = new(enforceRequired: false);

    private readonly bool _enforceRequired;

    private ForwardCompatibleContractResolver(bool enforceRequired) => _enforceRequired = enforceRequired;

    /// <summary>The numeric value a required enum property holds when the server sent an unknown name.</summary>
    public const int UnrecognizedRequiredValue = -1;

    /// <summary>
    /// When reading, a required reference property starts out <see langword="null"/> instead of the
    /// empty instance the generated constructor puts there, so a property the server left out stays
    /// out (and is not written back as an empty object).
    /// </summary>
    protected override JsonObjectContract CreateObjectContract(Type objectType)
    {
        var contract = base.CreateObjectContract(objectType);
        if (_enforceRequired || contract.DefaultCreator is not { } create)
        {
            return contract;
        }

        var required = contract.Properties
            .Where(p => p is { Writable: true, ValueProvider: not null, PropertyType.IsValueType: false }
                        && p.AttributeProvider?.GetAttributes(typeof(JsonPropertyAttribute), inherit: true)
                            .OfType<JsonPropertyAttribute>()
                            .Any(a => a.Required is Required.Always or Required.AllowNull) == true)
            .ToArray();
        if (required.Length > 0)
        {
            contract.DefaultCreator = () =>
            {
                var model = create();
                foreach (var property in required)
                {
                    property.ValueProvider!.SetValue(model, null);
                }

                return model;
            };
        }

        return contract;
    }

    protected override JsonProperty CreateProperty(MemberInfo member, MemberSerialization memberSerialization)
    {
        var property = base.CreateProperty(member, memberSerialization);
        if (!_enforceRequired)
        {
            property.Required = Required.Default;
        }

        if (property.PropertyType is { } type
            && (Nullable.GetUnderlyingType(type) ?? type) is { IsEnum: true } enumType
            && (property.Converter is StringEnumConverter || (property.Converter is null && ForwardCompatibleEnumConverter.IsNumeric(enumType)))
            && property.ValueProvider is { } inner
            && property.PropertyName is { } name)
        {
            // String enums (NSwag's StringEnumConverter) and integer enums (no converter) alike.
            var isNullable = Nullable.GetUnderlyingType(type) is not null;
            property.Converter = ForwardCompatibleEnumConverter.Instance;
            property.ValueProvider = new UnrecognizedValueProvider(inner, name, isNullable ? null : Enum.ToObject(enumType, UnrecognizedRequiredValue));
        }

        return property;
    }
}
