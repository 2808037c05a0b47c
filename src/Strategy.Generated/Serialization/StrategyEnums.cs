namespace Strategy.Generated;

/// <summary>Converts the generated enums to and from the names the server uses on the wire (<c>upsert</c>, <c>HISTORY_LIST</c>).</summary>
public static class StrategyEnums
{
    /// <summary>The member whose wire name is <paramref name="wireName"/> (exact, or else ignoring case).</summary>
    /// <typeparam name="T">The enum.</typeparam>
    /// <param name="wireName">The name as the server spells it.</param>
    /// <returns>The member.</returns>
    /// <exception cref="ArgumentException">No member has that name; the message lists the names there are.</exception>
    public static T Parse<T>(string wireName)
        where T : struct, Enum
    {
        ArgumentNullException.ThrowIfNull(wireName);
        if (TryParse<T>(wireName, out var value))
        {
            return value;
        }

        var known = string.Join(", ", Enum.GetValues<T>().Select(v => ToWireName(v)));
        throw new ArgumentException($"'{wireName}' is not a {typeof(T).Name}; use one of: {known}.", nameof(wireName));
    }

    /// <summary>Finds the member whose wire name is <paramref name="wireName"/>.</summary>
    /// <typeparam name="T">The enum.</typeparam>
    /// <param name="wireName">The name as the server spells it.</param>
    /// <param name="value">The member, when found.</param>
    /// <returns>Whether a member has that name.</returns>
    public static bool TryParse<T>(string? wireName, out T value)
        where T : struct, Enum
    {
        value = default;
        if (wireName is null)
        {
            return false;
        }

        try
        {
            value = ForwardCompatibleEnumConverter.ParseWireName<T>(wireName);
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    /// <summary>
    /// What a model's enum property held on the wire: the member's wire name, or, when the server
    /// sent a value no member stands for, that value as sent.
    /// </summary>
    /// <typeparam name="T">The enum.</typeparam>
    /// <param name="model">A model read from the server.</param>
    /// <param name="jsonPropertyName">The property's JSON name, for example <c>status</c>.</param>
    /// <param name="value">The property's value.</param>
    /// <returns>The value as the server spells it; <see langword="null"/> when the property held none.</returns>
    public static string? ToWireName<T>(object model, string jsonPropertyName, T? value)
        where T : struct, Enum
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(jsonPropertyName);
        return StrategyWire.ValueOf(model, jsonPropertyName, value) is { Length: > 0 } wire ? wire : null;
    }

    /// <summary>The wire name of a member.</summary>
    /// <param name="value">The member.</param>
    /// <returns>Its name as the server spells it.</returns>
    public static string ToWireName(Enum value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return ForwardCompatibleEnumConverter.WireName(value);
    }
}
