using Strategy.Emulator;
using System.Management.Automation;
using Strategy.Tests.Shared;

namespace Strategy.PowerShell.Tests;

/// <summary>Connect-StrategyServer over real HTTPS on loopback, with a certificate authority made in the test.</summary>
[NonParallelizable]
public sealed class TlsTests
{
    [Test]
    public async Task A_certificate_from_an_unknown_authority_is_a_SecurityError_and_CaCertificate_trusts_it()
    {
        using var certificates = new TestCertificates();
        var (certificate, key) = certificates.WritePem(certificates.ForLoopback(), "server");
        await using var emulator = await EmulatorProcess.StartHttpsAsync(certificate, key);
        using var session = new PowerShellSession(emulator);

        var refused = session.Run("Connect-StrategyServer $BaseUrl $Project -Credential $Credential", ("Project", Seeds.ProjectId));
        var trusted = session.Run("Connect-StrategyServer $BaseUrl $Project -Credential $Credential -CaCertificate $Ca; Get-StrategySchedule | Measure-Object | ForEach-Object Count",
            ("Project", Seeds.ProjectId), ("Ca", certificates.AuthorityPemFile));

        Assert.Multiple(() =>
        {
            Assert.That(emulator.BaseUrl.Scheme, Is.EqualTo("https"));
            Assert.That(refused.Error.CategoryInfo.Category, Is.EqualTo(ErrorCategory.SecurityError), refused.AllText());
            Assert.That(refused.Error.FullyQualifiedErrorId, Does.StartWith("Certificate.UntrustedRoot"));
            Assert.That(trusted.Succeeded().Output.Last().BaseObject, Is.GreaterThan(0));
        });
        session.Run("Disconnect-StrategyServer");
    }
}
