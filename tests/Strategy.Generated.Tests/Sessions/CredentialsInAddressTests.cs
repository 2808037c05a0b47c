using Microsoft.Extensions.DependencyInjection;

namespace Strategy.Generated.Tests.Sessions;

/// <summary>
/// A server address with a user name and password in it (<c>https://alice:s3cret@host/</c>) is refused,
/// in words that name neither, before it is kept anywhere: messages, logs and resume tokens write the
/// address. The options' own text never shows a password either.
/// </summary>
public sealed class CredentialsInAddressTests
{
    private static readonly Uri WithCredentials = new("https://alice:s3cret-pw@strategy.test/MicroStrategyLibrary/");

    [Test]
    public void A_connection_to_an_address_with_credentials_is_refused_without_repeating_them()
    {
        var error = Assert.Throws<ArgumentException>(() => StrategyConnection.Create(WithCredentials, StrategyCredentials.Standard("administrator", "pw"), "B7CA92F04B9FAE8D941C3E9B7E0CD754"));

        Assert.Multiple(() =>
        {
            Assert.That(error!.Message, Does.Contain("carries a user name or password"));
            Assert.That(error.Message, Does.Not.Contain("s3cret-pw").And.Not.Contain("alice"));
        });
    }

    [Test]
    public void Options_with_credentials_in_the_address_are_refused_at_registration()
    {
        var services = new ServiceCollection();

        var error = Assert.Throws<Microsoft.Extensions.Options.OptionsValidationException>(() =>
        {
            services.AddStrategyClient(options =>
            {
                options.BaseUrl = WithCredentials;
                options.ProjectId = "B7CA92F04B9FAE8D941C3E9B7E0CD754";
                options.Username = "administrator";
                options.Password = "pw";
            });
            using var provider = services.BuildServiceProvider();
            provider.GetRequiredService<SubscriptionsClient>();
        });

        Assert.That(error!.Message, Does.Contain("Strategy:BaseUrl").And.Contain("carries a user name or password").And.Not.Contain("s3cret-pw"));
    }

    [Test]
    public void The_options_text_shows_no_password_and_no_credentials_of_the_address()
    {
        var options = new StrategyClientOptions
        {
            BaseUrl = WithCredentials,
            ProjectId = "B7CA92F04B9FAE8D941C3E9B7E0CD754",
            Username = "administrator",
            Password = "pw-in-options",
        };

        var text = options.ToString();

        Assert.Multiple(() =>
        {
            Assert.That(text, Does.Not.Contain("pw-in-options").And.Not.Contain("s3cret-pw").And.Not.Contain("alice"));
            Assert.That(text, Does.Contain("strategy.test/MicroStrategyLibrary/").And.Contain("administrator"));
        });
    }
}
