using Newtonsoft.Json;

namespace Strategy.Generated;

/// <summary>
/// The JSON settings every generated client uses (wired through
/// <c>jsonSerializerSettingsTransformationMethod</c> in <c>spec/strategy.nswag</c>).
/// Use them to (de)serialize the models the same way the clients do.
/// </summary>
/// <remarks>
/// Two deliberate choices: enum values a newer server sends that this client does not know
/// are kept, not rejected (see <see cref="TryGetUnrecognizedValue"/>), and date strings are
/// left for the typed properties to parse, so offsets such as <c>+0000</c> are kept as sent.
/// </remarks>
public static class StrategyJson
{
    /// <summary>Shared settings, configured by <see cref="Configure"/>. Do not modify.</summary>
    public static JsonSerializerSettings Settings { get; } = Configure(new JsonSerializerSettings());

    /// <summary>
    /// Shared settings for reading what a server sent, as the clients read answers: like
    /// <see cref="Settings"/>, but a property the spec calls required may be missing (it reads as
    /// its default). Requests are still written with the required properties enforced. Do not modify.
    /// </summary>
    public static JsonSerializerSettings ReadingSettings { get; } = ForReading(Settings);

    /// <summary>Applies the client's JSON conventions to <paramref name="settings"/>.</summary>
    /// <param name="settings">The settings to configure.</param>
    /// <returns>The same settings, for chaining.</returns>
    public static JsonSerializerSettings Configure(JsonSerializerSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings.ContractResolver = ForwardCompatibleContractResolver.Instance;
        settings.DateParseHandling = DateParseHandling.None;
        settings.MissingMemberHandling = MissingMemberHandling.Ignore;
        return settings;
    }

    /// <summary>A copy of <paramref name="settings"/> that does not enforce required properties, when it uses the client's contract resolver.</summary>
    internal static JsonSerializerSettings ForReading(JsonSerializerSettings settings)
    {
        var reading = new JsonSerializerSettings(settings);
        if (reading.ContractResolver == ForwardCompatibleContractResolver.Instance)
        {
            reading.ContractResolver = ForwardCompatibleContractResolver.Reading;
        }

        return reading;
    }

    /// <summary>
    /// Gets the value a server sent for an enum property when the value was not one this
    /// client knows. The typed property then holds <see langword="null"/> (optional properties)
    /// or the undefined value <c>(TEnum)(-1)</c> (required ones), and the original value is
    /// written back unchanged if the model is sent again with that property untouched.
    /// </summary>
    /// <param name="model">A model deserialized with these settings.</param>
    /// <param name="jsonPropertyName">The property's JSON name, for example <c>status</c>.</param>
    /// <param name="value">The value as the server sent it.</param>
    /// <returns><see langword="true"/> when the property held an unrecognized value.</returns>
    public static bool TryGetUnrecognizedValue(object model, string jsonPropertyName, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? value)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(jsonPropertyName);
        return UnrecognizedValues.TryGet(model, jsonPropertyName, out value);
    }
}
