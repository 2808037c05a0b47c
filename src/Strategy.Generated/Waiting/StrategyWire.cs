namespace Strategy.Generated;

/// <summary>
/// A model property's value as the server sent it: the wire name of a known enum member, the
/// raw text of one this client does not know, or a number as invariant text. The generated
/// helpers compare these against the values the spec declares.
/// </summary>
internal static class StrategyWire
{
    /// <summary>
    /// What tells one run of the work from the next: the declared field (its start time) as sent,
    /// or, when the server left it out, the whole status, so two answers about one run still match.
    /// </summary>
    /// <param name="model">The status.</param>
    /// <param name="jsonName">The field's JSON name.</param>
    /// <param name="value">The field's typed value.</param>
    /// <returns>The run's identity.</returns>
    public static string RunOf(object model, string jsonName, object? value) =>
        ValueOf(model, jsonName, value) is { Length: > 0 } identity
            ? identity
            : Newtonsoft.Json.JsonConvert.SerializeObject(model, StrategyJson.ReadingSettings);

    /// <summary>A value as invariant text, for error reports.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The text, or <see langword="null"/> for <see langword="null"/>.</returns>
    public static string? Text(object? value) => value switch
    {
        null => null,
        IFormattable f => f.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };

    /// <summary>The value of a property as the server sent it.</summary>
    /// <param name="model">The deserialized model.</param>
    /// <param name="jsonName">The property's JSON name, such as <c>status</c>.</param>
    /// <param name="value">The property's typed value.</param>
    /// <returns>The value as sent, or an empty string for none.</returns>
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
            // To the tick: two runs a second apart must not read as one.
            DateTimeOffset date => date.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
            IFormattable f => f.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
            _ => value.ToString() ?? string.Empty,
        };
    }

    /// <summary>A shallow copy of <paramref name="model"/>, to mark without changing the status already reported.</summary>
    public static TModel Copy<TModel>(TModel model)
        where TModel : class =>
        (TModel)ShallowCopy(model);

    /// <summary>A status value as sent (<paramref name="wire"/>), for a status property that is text.</summary>
    /// <param name="current">The property's current value (it only picks the property's type).</param>
    /// <param name="wire">The value as sent.</param>
    public static string Value(string? current, string wire) => wire;

    /// <summary>A status value as sent (<paramref name="wire"/>), for a status property that is an enum: the member whose wire value it is.</summary>
    /// <param name="current">The property's current value (it only picks the property's type).</param>
    /// <param name="wire">The value as sent.</param>
    public static TEnum? Value<TEnum>(TEnum? current, string wire)
        where TEnum : struct, Enum =>
        StrategyEnums.Parse<TEnum>(wire);

    // object.MemberwiseClone, once, as an open delegate: a copy of any model without serializing it.
    private static readonly Func<object, object> ShallowCopy = (Func<object, object>)Delegate.CreateDelegate(
        typeof(Func<object, object>),
        typeof(object).GetMethod("MemberwiseClone", System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.NonPublic)!);

    /// <summary>
    /// A status holding only <paramref name="field"/> as the server would send it: the run before a
    /// start, rebuilt from what a resume token keeps of it, read as the model reads an answer (a
    /// time in its wire form becomes the typed property).
    /// </summary>
    /// <param name="field">The field that tells one run from the next.</param>
    /// <param name="value">Its value as sent.</param>
    /// <returns>The status.</returns>
    public static TModel FromField<TModel>(string field, string value)
        where TModel : class =>
        new Newtonsoft.Json.Linq.JObject { [field] = value }.ToObject<TModel>(Newtonsoft.Json.JsonSerializer.Create(StrategyJson.ReadingSettings))!;
}
