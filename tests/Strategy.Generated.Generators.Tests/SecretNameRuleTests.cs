using Strategy.Generated.Generators.Spec;

namespace Strategy.Generated.Generators.Tests;

/// <summary>
/// The generator decides which body fields are secrets (a cmdlet takes them as SecureString, a command
/// never as an option) by the same rule the client masks bodies by at run time: the two answer alike.
/// </summary>
public sealed class SecretNameRuleTests
{
    [TestCase("password")]
    [TestCase("newPassword")]
    [TestCase("apiToken")]
    [TestCase("clientSecret")]
    [TestCase("apiKey")]
    [TestCase("API_KEY")]
    [TestCase("key")]
    [TestCase("monkey")]
    [TestCase("tokenType")]
    [TestCase("username")]
    [TestCase("loginMode")]
    [TestCase("userConnectionIds")]
    public void The_generator_and_the_run_time_mask_take_the_same_names_for_secrets(string name) =>
        Assert.That(SpecOperation.IsSecretName(name), Is.EqualTo(StrategyOperationRequest.IsSecret(name)));
}
