namespace Strategy.Generated.Tests.Client;

/// <summary>Text from a server cut to a length a message carries: at a word's end where one is near, never inside a word that could end sooner.</summary>
public sealed class ServerTextTests
{
    [Test]
    public void A_cut_falls_after_the_last_whole_word_that_fits()
    {
        var cut = ServerText.Clean("Intelligent Cube 8D67 was not found in the project. (ticket a00e1800f3704b0990bbbaf4153e349b)", 60);

        Assert.That(cut, Is.EqualTo("Intelligent Cube 8D67 was not found in the project. (ticket…"));
    }

    [Test]
    public void A_single_long_word_is_cut_where_the_limit_falls()
    {
        var cut = ServerText.Clean("id " + new string('A', 100), 40);

        Assert.That(cut, Is.EqualTo("id " + new string('A', 37) + "…"));
    }

    [Test]
    public void Text_within_the_limit_is_left_whole()
    {
        Assert.That(ServerText.Clean("The job was cancelled.", 40), Is.EqualTo("The job was cancelled."));
    }
}
