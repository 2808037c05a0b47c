using System.Globalization;
using Strategy.Generated.Http;

namespace Strategy.Generated;

/// <summary>
/// A status that is a set of flags, read from a response header (an Intelligent Cube's
/// <c>X-MSTR-CubeStatus</c>): the flags, typed, and the number as sent, which keeps bits this
/// client does not know.
/// </summary>
/// <typeparam name="TFlags">The flags enum the spec declares, such as <see cref="CubeStatus"/>.</typeparam>
public sealed class StrategyFlags<TFlags>
    where TFlags : struct, Enum
{
    /// <summary>Creates the status from the number the server sent.</summary>
    /// <param name="raw">The header's value.</param>
    public StrategyFlags(long raw)
    {
        Raw = raw;
        Value = (TFlags)Enum.ToObject(typeof(TFlags), raw);
    }

    /// <summary>The number as sent.</summary>
    public long Raw { get; }

    /// <summary>The flags.</summary>
    public TFlags Value { get; }

    /// <summary>Whether every flag of <paramref name="flags"/> is set.</summary>
    /// <param name="flags">The flags to test.</param>
    /// <returns><see langword="true"/> when all are set.</returns>
    public bool Has(TFlags flags)
    {
        var mask = Convert.ToInt64(flags, CultureInfo.InvariantCulture);
        return (Raw & mask) == mask;
    }

    /// <summary>The flags in words (<c>Active, Persisted, Loaded, Ready</c>), or <c>none</c>.</summary>
    /// <returns>The words.</returns>
    public override string ToString() => Raw == 0 ? "none" : Value.ToString();

    /// <summary>Reads the flags from a header of a wrapped answer; an answer without it is an invalid response.</summary>
    internal static StrategyFlags<TFlags> FromHeader(int statusCode, IReadOnlyDictionary<string, IEnumerable<string>> headers, string header, string operationId)
    {
        if (ResponseHeaderReader.GetString(headers, header) is not { } text)
        {
            throw new StrategyApiException($"{operationId} answered without the {header} header.", statusCode, null, headers, null);
        }

        return long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var raw)
            ? new StrategyFlags<TFlags>(raw)
            : throw new StrategyApiException($"{operationId} answered {header} '{ServerText.Clean(text, 40)}', which is not a number.", statusCode, null, headers, null);
    }
}
