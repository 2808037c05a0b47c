namespace Strategy.Generated.Tests.Platform;

/// <summary>The library's patterns match the same text whether the regex generator built them (.NET) or the constructor did (.NET Standard).</summary>
public sealed class TextPatternsTests
{
    [TestCase("B7CA92F04B9FAE8D941C3E9B7E0CD754", true)]
    [TestCase("b7ca92f04b9fae8d941c3e9b7e0cd754", true)]
    [TestCase("B7CA92F04B9FAE8D941C3E9B7E0CD75", false)]
    [TestCase("B7CA92F04B9FAE8D941C3E9B7E0CD7540", false)]
    [TestCase("G7CA92F04B9FAE8D941C3E9B7E0CD754", false)]
    [TestCase("Sales Orders", false)]
    public void An_object_id_is_exactly_32_hexadecimal_characters(string text, bool isId) =>
        Assert.That(TextPatterns.ObjectId().IsMatch(text), Is.EqualTo(isId));

    [Test]
    public void The_title_of_an_html_page_is_found_across_lines_and_case()
    {
        var match = TextPatterns.HtmlTitle().Match("<HTML><head>\n<TITLE lang=\"en\">502 Bad\nGateway</TITLE></head></HTML>");

        Assert.That(match.Groups[1].Value, Is.EqualTo("502 Bad\nGateway"));
    }

    [Test]
    public void Runs_of_white_space_collapse_to_one_space() =>
        Assert.That(TextPatterns.Whitespace().Replace("a \t\r\n  b", " "), Is.EqualTo("a b"));
}
