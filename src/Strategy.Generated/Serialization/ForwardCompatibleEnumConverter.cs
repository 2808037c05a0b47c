using System.Collections.Concurrent;
using System.Globalization;
using System.Reflection;
using System.Runtime.Serialization;
using Newtonsoft.Json;

namespace Strategy.Generated;

/// <summary>
/// Reads enum values by their wire names (<see cref="EnumMemberAttribute"/>); a name this
/// client does not know becomes an <see cref="UnrecognizedEnumValue"/> instead of an error.
/// </summary>
/// <remarks>
/// Two kinds of enum come from the spec: string enums, whose members carry their wire names
/// (<c>upsert</c>), and integer enums (<c>enum: [0, 1, 2]</c> with <c>x-enumNames</c>), whose
/// members carry no wire name and travel as numbers. Both read numbers and names, as servers
/// send either; each is written in its own form.
/// </remarks>
internal sealed class ForwardCompatibleEnumConverter : JsonConverter
{
    public static readonly ForwardCompatibleEnumConverter Instance = new();

    private static readonly ConcurrentDictionary<Type, EnumNames> NamesByType = new();

    public override bool CanConvert(Type objectType) =>
        (Nullable.GetUnderlyingType(objectType) ?? objectType).IsEnum;

    public override object? ReadJson(JsonReader reader, Type objectType, object? existingValue, JsonSerializer serializer)
    {
        var enumType = Nullable.GetUnderlyingType(objectType) ?? objectType;
        switch (reader.TokenType)
        {
            case JsonToken.Null when enumType != objectType:
                return null;
            case JsonToken.String:
                var text = (string)reader.Value!;
                return NamesOf(enumType).TryParse(text, out var value) ? value : new UnrecognizedEnumValue(text);
            case JsonToken.Integer:
                return Enum.ToObject(enumType, Convert.ToInt64(reader.Value, CultureInfo.InvariantCulture));
            default:
                throw new JsonSerializationException(
                    $"Expected a string for {enumType.Name} at '{reader.Path}', found {reader.TokenType}.");
        }
    }

    public override void WriteJson(JsonWriter writer, object? value, JsonSerializer serializer)
    {
        switch (value)
        {
            case null:
                writer.WriteNull();
                break;
            case UnrecognizedEnumValue unrecognized:
                writer.WriteValue(unrecognized.Value);
                break;
            case Enum member when NamesOf(member.GetType()).IsNumeric:
                writer.WriteValue(Convert.ToInt64(member, CultureInfo.InvariantCulture));
                break;
            default:
                writer.WriteValue(NamesOf(value.GetType()).NameOf(value));
                break;
        }
    }

    /// <summary>The wire name of an enum value: its <see cref="EnumMemberAttribute"/> value, or its number for an integer enum.</summary>
    public static string WireName(Enum value) => NamesOf(value.GetType()).NameOf(value);

    /// <summary>Whether <paramref name="enumType"/> is an integer enum of the spec (its members carry no wire names): it travels as numbers.</summary>
    public static bool IsNumeric(Type enumType) => NamesOf(enumType).IsNumeric;

    /// <summary>The member of <typeparamref name="T"/> whose wire name is <paramref name="wireName"/>.</summary>
    public static T ParseWireName<T>(string wireName)
        where T : struct, Enum =>
        NamesOf(typeof(T)).TryParse(wireName, out var value)
            ? (T)value
            : throw new ArgumentException($"'{wireName}' is not a {typeof(T).Name} value.", nameof(wireName));

    private static EnumNames NamesOf(Type enumType) => NamesByType.GetOrAdd(enumType, static t => new EnumNames(t));

    private sealed class EnumNames
    {
        private readonly Dictionary<string, object> _byName = new(StringComparer.Ordinal);
        private readonly Dictionary<string, object> _byNameIgnoringCase = new(StringComparer.OrdinalIgnoreCase);
        private readonly Dictionary<object, string> _names = [];

        private readonly Type _enumType;

        public EnumNames(Type enumType)
        {
            _enumType = enumType;
            var fields = enumType.GetFields(BindingFlags.Public | BindingFlags.Static);
            IsNumeric = fields.Length > 0 && fields.All(f => f.GetCustomAttribute<EnumMemberAttribute>() is null);
            foreach (var field in fields)
            {
                var value = field.GetValue(null)!;
                var name = field.GetCustomAttribute<EnumMemberAttribute>()?.Value ?? field.Name;
                _byName[name] = value;
                _byNameIgnoringCase.TryAdd(name, value);
                _names[value] = IsNumeric ? Number(value) : name;
            }
        }

        /// <summary>Whether the members carry no wire names: an integer enum, sent as numbers.</summary>
        public bool IsNumeric { get; }

        /// <summary>A member by its name (exact, then ignoring case), or for an integer enum by a number written as text.</summary>
        public bool TryParse(string text, out object value)
        {
            if (_byName.TryGetValue(text, out value!) || _byNameIgnoringCase.TryGetValue(text, out value!))
            {
                return true;
            }

            if (IsNumeric && long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number))
            {
                value = Enum.ToObject(_enumType, number);
                return true;
            }

            return false;
        }

        public string NameOf(object value) =>
            _names.TryGetValue(value, out var name) ? name : Number(value);

        private static string Number(object value) => Convert.ToInt64(value, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture);
    }
}

/// <summary>An enum value read from the wire that no member of the enum stands for.</summary>
/// <param name="Value">The value as sent.</param>
internal sealed record UnrecognizedEnumValue(string Value);
