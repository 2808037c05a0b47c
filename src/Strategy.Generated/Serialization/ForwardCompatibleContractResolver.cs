using System.Reflection;
using Newtonsoft.Json;
using Newtonsoft.Json.Converters;
using Newtonsoft.Json.Serialization;

namespace Strategy.Generated.Serialization;

/// <summary>
/// Replaces the strict string-enum converter NSwag puts on enum properties with one that
/// tolerates values added by newer servers, and keeps those values with the object.
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

    protected override JsonProperty CreateProperty(MemberInfo member, MemberSerialization memberSerialization)
    {
        var property = base.CreateProperty(member, memberSerialization);
        if (!_enforceRequired)
        {
            property.Required = Required.Default;
        }

        if (property.Converter is StringEnumConverter
            && property.PropertyType is { } type
            && property.ValueProvider is { } inner
            && property.PropertyName is { } name)
        {
            var isNullable = Nullable.GetUnderlyingType(type) is not null;
            var enumType = Nullable.GetUnderlyingType(type) ?? type;
            property.Converter = ForwardCompatibleEnumConverter.Instance;
            property.ValueProvider = new UnrecognizedValueProvider(inner, name, isNullable ? null : Enum.ToObject(enumType, UnrecognizedRequiredValue));
        }

        return property;
    }
}
