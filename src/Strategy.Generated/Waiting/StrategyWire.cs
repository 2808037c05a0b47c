using Strategy.Generated.Serialization;

namespace Strategy.Generated.Waiting;

/// <summary>A model property's value as the server sent it, for comparing against the spec's declared values.</summary>
internal static class StrategyWire
{
    /// <summary>The enum member whose wire name is <paramref name="wireName"/>.</summary>
    public static T Parse<T>(string wireName)
        where T : struct, Enum => ForwardCompatibleEnumConverter.ParseWireName<T>(wireName);

    /// <summary>A value as invariant text, for error reports.</summary>
    public static string? Text(object? value) => value switch
    {
        null => null,
        IFormattable f => f.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };

    public static string ValueOf(object model, string jsonName, object? value)
    {
        if (StrategyJson.TryGetUnrecognizedValue(model, jsonName, out var raw))
        {
            return raw;
        }

        return value switch
        {
            null => string.Empty,
            Enum e => ForwardCompatibleEnumConverter.WireName(e),
            IFormattable f => f.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
            _ => value.ToString() ?? string.Empty,
        };
    }
}
