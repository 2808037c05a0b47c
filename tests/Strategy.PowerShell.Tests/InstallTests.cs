using Strategy.Tests.Shared;
using System.Diagnostics;

namespace Strategy.PowerShell.Tests;

/// <summary>The two ways the README installs the module: the published folder on PSModulePath, and Install-PSResource from a local repository.</summary>
[NonParallelizable]
public sealed class InstallTests
{
    [Test]
    public void On_PSModulePath_the_module_imports_by_name_and_its_version_is_the_products()
    {
        using var session = new PowerShellSession();
        session.Run("Remove-Module Strategy.PowerShell").Succeeded();

        var result = session.Run("""
            $env:PSModulePath = (Split-Path $ModuleDirectory) + [IO.Path]::PathSeparator + $env:PSModulePath
            Import-Module Strategy.PowerShell -ErrorAction Stop
            $module = Get-Module Strategy.PowerShell
            $module.Version.ToString()
            $module.ImplementingAssembly.GetName().Version.ToString(3)
            """, ("ModuleDirectory", ModuleSetUp.ModuleDirectory)).Succeeded();

        Assert.That(result.Output[0].ToString(), Is.EqualTo(result.Output[1].ToString()), "ModuleVersion in the manifest is the assembly's version (VersionPrefix)");
    }

    [Test]
    [Platform("Linux,MacOsX")]
    public async Task Install_PSResource_from_a_local_repository_installs_a_module_that_imports_and_runs()
    {
        var pwsh = await PwshTool.LocateAsync(TestPaths.RepoRoot);
        var home = Path.Combine(Path.GetTempPath(), "strategy-ps-home-" + Guid.NewGuid().ToString("N"));
        var repository = Path.Combine(home, "repository");
        Directory.CreateDirectory(repository);
        try
        {
            var script = $$"""
                Register-PSResourceRepository -Name StrategyLocal -Uri '{{repository}}' -Trusted
                Publish-PSResource -Path '{{ModuleSetUp.ModuleDirectory}}' -Repository StrategyLocal
                Install-PSResource Strategy.PowerShell -Repository StrategyLocal -Scope CurrentUser -TrustRepository
                Import-Module Strategy.PowerShell -ErrorAction Stop
                'installed in ' + (Get-Module Strategy.PowerShell).ModuleBase
                'cmdlets ' + (Get-Command -Module Strategy.PowerShell).Count
                """;
            var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var arg in new[] { pwsh, "-NoProfile", "-NonInteractive", "-Command", script })
            {
                start.ArgumentList.Add(arg);
            }

            // A home of its own: the CurrentUser scope and the repository list are the test's, not the machine's.
            start.Environment["HOME"] = home;
            start.Environment.Remove("PSModulePath");
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(2));
            await process.WaitForExitAsync(limit.Token);
            var text = await output + await error;

            Assert.Multiple(() =>
            {
                Assert.That(process.ExitCode, Is.Zero, text);
                Assert.That(text, Does.Contain("installed in " + home), "from the repository, not the build output");
                Assert.That(text, Does.Contain("cmdlets " + ManifestTests.Cmdlets.Length), "every cmdlet of the module, as the installed copy imports them");
            });
        }
        finally
        {
            Directory.Delete(home, recursive: true);
        }
    }
}
