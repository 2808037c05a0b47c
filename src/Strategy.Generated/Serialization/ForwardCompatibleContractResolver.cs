using System.Reflection;
using Newtonsoft.Json;
using Newtonsoft.Json.Converters;
using Newtonsoft.Json.Serialization;

namespace Strategy.Generated.Serialization;

/// <summary>
/// Replaces the strict string-enum converter NSwag puts on enum properties with one that
/// tolerates values added by newer servers, and keeps those values with the object.
/// </summary>
internal sealed class ForwardCompatibleContractResolver : DefaultContractResolver
{
    public static readonly ForwardCompatibleContractResolver Instance = new();

    protected override JsonProperty CreateProperty(MemberInfo member, MemberSerialization memberSerialization)
    {
        var property = base.CreateProperty(member, memberSerialization);
        if (property.Converter is StringEnumConverter
            && property.PropertyType is { } type
            && property.ValueProvider is { } inner
            && property.PropertyName is { } name)
        {
            var isNullable = Nullable.GetUnderlyingType(type) is not null;
            var enumType = Nullable.GetUnderlyingType(type) ?? type;
            property.Converter = ForwardCompatibleEnumConverter.Instance;
            property.ValueProvider = new UnrecognizedValueProvider(inner, name, isNullable ? null : Activator.CreateInstance(enumType));
        }

        return property;
    }
}
