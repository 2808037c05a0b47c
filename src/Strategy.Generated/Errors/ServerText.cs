using System.Text;

namespace Strategy.Generated;

/// <summary>
/// Text a server sent, made safe to show: control characters (terminal escape sequences, carriage
/// returns, bells) and the invisible characters that reorder text become spaces or go, runs of
/// white space become one space, and the result is cut to a length a message can carry. Every
/// server text that reaches an exception message or a log line goes through here; the raw text
/// stays available where the exception keeps the answer. Use it before printing what a server
/// stores (names, descriptions) to a terminal or a log.
/// </summary>
public static class ServerText
{
    /// <summary>How much of one piece of server text (a message, a title, an excerpt) a message shows.</summary>
    public const int DefaultLength = 300;

    /// <summary>
    /// <paramref name="text"/> without control or reordering characters, on one line, at most
    /// <paramref name="maxLength"/> characters (cut with an ellipsis); <see langword="null"/> stays <see langword="null"/>.
    /// </summary>
    /// <param name="text">Text a server sent.</param>
    /// <param name="maxLength">The longest result, in characters (an ellipsis follows a cut).</param>
    /// <returns>The text, safe to show.</returns>
    [return: System.Diagnostics.CodeAnalysis.NotNullIfNotNull(nameof(text))]
    public static string? Clean(string? text, int maxLength = DefaultLength)
    {
        if (text is null)
        {
            return null;
        }

        var builder = new StringBuilder(Math.Min(text.Length, maxLength + 1));
        var pendingSpace = false;
        foreach (var c in text)
        {
            if (char.IsControl(c) || char.IsWhiteSpace(c))
            {
                // A control character is shown as the gap it leaves, so words on either side stay apart.
                pendingSpace = builder.Length > 0;
                continue;
            }

            if (!IsShowable(c))
            {
                continue;
            }

            if (pendingSpace)
            {
                builder.Append(' ');
                pendingSpace = false;
            }

            builder.Append(c);
            if (builder.Length > maxLength)
            {
                return Cut(builder, maxLength);
            }
        }

        return builder.ToString();
    }

    /// <summary>Whether <paramref name="text"/> holds no control or reordering characters.</summary>
    /// <param name="text">The text.</param>
    /// <returns><see langword="true"/> when it is safe to show as it is (whatever its length).</returns>
    public static bool IsClean(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        foreach (var c in text)
        {
            if (!IsShowable(c))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Whether <paramref name="c"/> may be shown as it is: not a control character, and not one that reorders the text around it.</summary>
    /// <param name="c">The character.</param>
    /// <returns><see langword="true"/> for a character that prints as itself.</returns>
    public static bool IsShowable(char c) => !char.IsControl(c) && !IsReordering(c);

    private static string Cut(StringBuilder builder, int maxLength)
    {
        var length = maxLength;

        // At a word's end where one is near (a long word, or an id, is cut where the limit falls).
        for (var space = length; space > maxLength * 2 / 3; space--)
        {
            if (builder[space] == ' ')
            {
                length = space;
                break;
            }
        }

        // Never half a surrogate pair.
        if (length > 0 && char.IsHighSurrogate(builder[length - 1]))
        {
            length--;
        }

        return builder.ToString(0, length).TrimEnd().TrimEnd('.', ',', ';', ':', '(') + "…";
    }

    /// <summary>The bidirectional controls that make text read in another order than it is stored (Trojan Source).</summary>
    private static bool IsReordering(char c) =>
        c is '\u061C' or '\u200E' or '\u200F' or (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069');
}
