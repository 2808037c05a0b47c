using System.Globalization;

namespace Strategy.Generated.Http;

/// <summary>
/// Reads typed values from response headers, ignoring the header name's case. Used by the
/// generated typed header properties of <see cref="StrategyResponse"/>.
/// </summary>
internal static class ResponseHeaderReader
{
    /// <summary>The first value of a header, or <see langword="null"/> when it is absent or empty.</summary>
    /// <param name="headers">The response headers.</param>
    /// <param name="name">The header name.</param>
    /// <returns>The value, or <see langword="null"/>.</returns>
    public static string? GetString(IReadOnlyDictionary<string, IEnumerable<string>>? headers, string name)
    {
        if (headers is null)
        {
            return null;
        }

        if (!headers.TryGetValue(name, out var values))
        {
            values = headers.FirstOrDefault(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Value;
        }

        var value = values?.FirstOrDefault()?.Trim();
        return string.IsNullOrEmpty(value) ? null : value;
    }

    /// <summary>A header as a 32-bit integer, or <see langword="null"/> when absent or not a number.</summary>
    /// <param name="headers">The response headers.</param>
    /// <param name="name">The header name.</param>
    /// <returns>The value, or <see langword="null"/>.</returns>
    public static int? GetInt32(IReadOnlyDictionary<string, IEnumerable<string>>? headers, string name) =>
        int.TryParse(GetString(headers, name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;

    /// <summary>A header as a 64-bit integer, or <see langword="null"/> when absent or not a number.</summary>
    /// <param name="headers">The response headers.</param>
    /// <param name="name">The header name.</param>
    /// <returns>The value, or <see langword="null"/>.</returns>
    public static long? GetInt64(IReadOnlyDictionary<string, IEnumerable<string>>? headers, string name) =>
        long.TryParse(GetString(headers, name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;

    /// <summary>A header as a boolean, or <see langword="null"/> when absent or not <c>true</c>/<c>false</c>.</summary>
    /// <param name="headers">The response headers.</param>
    /// <param name="name">The header name.</param>
    /// <returns>The value, or <see langword="null"/>.</returns>
    public static bool? GetBoolean(IReadOnlyDictionary<string, IEnumerable<string>>? headers, string name) =>
        bool.TryParse(GetString(headers, name), out var value) ? value : null;
}
