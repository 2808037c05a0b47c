using System.Text.RegularExpressions;

namespace Strategy.Generated;

/// <summary>
/// The library's regular expressions, each declared once. Newer frameworks get the regex
/// source generator; .NET Standard 2.0, which has none, builds the same pattern at start-up.
/// </summary>
internal static partial class TextPatterns
{
    private const string ObjectIdText = "^[0-9A-Fa-f]{32}$";
    private const string HtmlTitleText = "<title[^>]*>(.*?)</title>";
    private const RegexOptions HtmlTitleOptions = RegexOptions.IgnoreCase | RegexOptions.Singleline;
    private const string WhitespaceText = @"\s+";

#if NET7_0_OR_GREATER
    /// <summary>A Strategy object id: 32 hexadecimal characters.</summary>
    [GeneratedRegex(ObjectIdText)]
    public static partial Regex ObjectId();

    /// <summary>An HTML page's title element; group 1 is its text.</summary>
    [GeneratedRegex(HtmlTitleText, HtmlTitleOptions)]
    public static partial Regex HtmlTitle();

    /// <summary>A run of white space.</summary>
    [GeneratedRegex(WhitespaceText)]
    public static partial Regex Whitespace();
#else
    private static readonly Regex ObjectIdRegex = new(ObjectIdText, RegexOptions.Compiled);
    private static readonly Regex HtmlTitleRegex = new(HtmlTitleText, HtmlTitleOptions | RegexOptions.Compiled);
    private static readonly Regex WhitespaceRegex = new(WhitespaceText, RegexOptions.Compiled);

    /// <summary>A Strategy object id: 32 hexadecimal characters.</summary>
    public static Regex ObjectId() => ObjectIdRegex;

    /// <summary>An HTML page's title element; group 1 is its text.</summary>
    public static Regex HtmlTitle() => HtmlTitleRegex;

    /// <summary>A run of white space.</summary>
    public static Regex Whitespace() => WhitespaceRegex;
#endif
}
