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

    [Test]
    public void A_server_version_reaches_the_not_supported_message_cleaned_and_cut()
    {
        var error = new StrategyNotSupportedException("ListJobs", "11.3.0300", "11.3.0200.0010\u001b[2J\r\n" + new string('9', 500), null);

        Assert.Multiple(() =>
        {
            Assert.That(error.Message.Any(char.IsControl), Is.False, "no control character of the server's reaches the message");
            Assert.That(error.Message, Does.StartWith("ListJobs is not supported by this server (version 11.3.0200.0010"));
            Assert.That(error.Message.Length, Is.LessThan(200), "a long version is cut");
        });
    }
}
