using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis.CSharp;

namespace Strategy.Generated.Generators.Common;

/// <summary>
/// The only ways text from the spec reaches generated C#: as a string literal formatted by the
/// compiler, as XML documentation text, or as a name or number checked before use.
/// </summary>
internal static class Literals
{
    /// <summary>A C# string literal, quotes and escapes by the compiler's own formatting.</summary>
    public static string String(string text) => SymbolDisplay.FormatLiteral(text, quote: true);

    /// <summary>Spec text for an XML documentation comment: markup characters escaped, and line breaks made spaces so the text never leaves its <c>///</c> line.</summary>
    public static string Xml(string text) =>
        text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;").Replace("\r\n", " ").Replace('\r', ' ').Replace('\n', ' ');

    /// <summary>Whether <paramref name="name"/> can be used as written as a C# identifier (not a keyword).</summary>
    public static bool IsIdentifier(string name) =>
        SyntaxFacts.IsValidIdentifier(name) && SyntaxFacts.GetKeywordKind(name) == SyntaxKind.None && SyntaxFacts.GetContextualKeywordKind(name) == SyntaxKind.None;

    /// <summary>Whether <paramref name="text"/> is a whole number, written as C# would read it.</summary>
    public static bool IsInteger(string text) =>
        long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _) && text.All(c => c == '-' || char.IsDigit(c));

    /// <summary>Splits text into lines on any line break, so a break in the spec never ends a comment early.</summary>
    public static string[] Lines(string text) => text.Replace("\r\n", "\n").Replace('\r', '\n').Split('\n');
}
