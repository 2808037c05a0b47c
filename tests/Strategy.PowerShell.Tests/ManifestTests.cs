using System.Management.Automation;

namespace Strategy.PowerShell.Tests;

/// <summary>The published folder is a module PowerShell takes as it is: its manifest, its cmdlets by name, its help and formats.</summary>
public sealed class ManifestTests
{
    /// <summary>Every cmdlet: those written by hand, and those made from the spec as its reference page lists them (a test checks the page against the module's catalog).</summary>
    internal static readonly string[] Cmdlets = [.. HandWritten(), .. FromTheSpec()];

    private static string[] HandWritten() =>
    [
        "Connect-StrategyServer", "Disconnect-StrategyServer", "Invoke-StrategySchemaReload", "Get-StrategyDataModelTable",
        "Publish-StrategyDataModel", "Get-StrategySubscription", "New-StrategyRefreshSubscription", "Set-StrategySubscription",
        "Remove-StrategySubscription", "Start-StrategySubscription", "Get-StrategySubscriptionRun", "Get-StrategySchedule",
        "Get-StrategyEvent", "Invoke-StrategyEvent", "Get-StrategyCube", "Update-StrategyCube", "Get-StrategyJob", "Stop-StrategyJob", "Wait-StrategyOperation", "Export-StrategyReport", "Export-StrategyDashboard",
        "Set-StrategyProjectStatus", "Enter-StrategyMaintenance", "Exit-StrategyMaintenance", "Sync-StrategyUser",
    ];

    private static IEnumerable<string> FromTheSpec() =>
        File.ReadAllLines(Path.Combine(TestPaths.RepoRoot, "docs", "reference", "cmdlets.md"))
            .Where(line => line.StartsWith("| `", StringComparison.Ordinal) && !line.Contains("*workflow*", StringComparison.Ordinal))
            .Select(line => line.Split('`')[1])
            .Distinct(StringComparer.Ordinal);

    [Test]
    public void The_manifest_declares_both_editions_and_exports_every_cmdlet_by_name()
    {
        using var session = new PowerShellSession();

        var manifest = session.Run("Test-ModuleManifest -Path $Path", ("Path", ModuleSetUp.ManifestPath)).Succeeded().Output.Single();
        var exported = session.Run("(Get-Command -Module Strategy.PowerShell).Name").Succeeded().Output.Select(o => o.ToString()).ToList();
        var inAssembly = session.Run("(Get-Module Strategy.PowerShell).ImplementingAssembly.ExportedTypes | Where-Object { $_.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false) } | ForEach-Object { $a = $_.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false)[0]; '{0}-{1}' -f $a.VerbName, $a.NounName }")
            .Succeeded().Output.Select(o => o.ToString()).ToList();

        Assert.Multiple(() =>
        {
            Assert.That(((IEnumerable<object>)manifest.Properties["CompatiblePSEditions"].Value).Select(e => e.ToString()), Is.EquivalentTo(new[] { "Desktop", "Core" }));
            Assert.That(((System.Collections.IDictionary)manifest.Properties["ExportedCmdlets"].Value).Keys.Cast<string>(), Is.EquivalentTo(Cmdlets), "CmdletsToExport names each cmdlet");
            Assert.That(exported, Is.EquivalentTo(Cmdlets));
            Assert.That(inAssembly, Is.EquivalentTo(Cmdlets), "no cmdlet in the assembly is left out of the manifest");
        });
    }

    [Test]
    public void Every_verb_is_an_approved_one()
    {
        using var session = new PowerShellSession();
        var approved = session.Run("(Get-Verb).Verb").Succeeded().Output.Select(o => o.ToString()).ToHashSet();

        Assert.That(Cmdlets.Select(c => c.Split('-')[0]).Where(v => !approved.Contains(v)), Is.Empty);
    }

    [TestCaseSource(nameof(Cmdlets))]
    public void Get_Help_Full_shows_a_written_synopsis_description_examples_and_every_parameter(string cmdlet)
    {
        using var session = new PowerShellSession();

        var help = session.Run("Get-Help $Name -Full", ("Name", cmdlet)).Succeeded().Output.Single();
        var text = session.Run("Get-Help $Name -Full | Out-String -Width 200", ("Name", cmdlet)).Succeeded().Output.Single().ToString();
        var parameters = session.Run("(Get-Command $Name).Parameters.Keys | Where-Object { $_ -notin [System.Management.Automation.PSCmdlet]::CommonParameters -and $_ -notin [System.Management.Automation.PSCmdlet]::OptionalCommonParameters }", ("Name", cmdlet))
            .Succeeded().Output.Select(o => o.ToString()).ToList();
        var described = session.Run("(Get-Help $Name -Full).parameters.parameter | Where-Object { ($_.description | Out-String).Trim() } | ForEach-Object name", ("Name", cmdlet))
            .Succeeded().Output.Select(o => o.ToString()).ToList();

        Assert.Multiple(() =>
        {
            var synopsis = help.Properties["Synopsis"].Value?.ToString() ?? string.Empty;
            Assert.That(synopsis, Does.Not.StartWith(cmdlet), "a written synopsis, not the syntax PowerShell makes up without help");
            Assert.That(synopsis.Length, Is.GreaterThan(20));
            Assert.That(text, Does.Contain("DESCRIPTION"));
            Assert.That(text, Does.Contain("Example 1"));
            Assert.That(text, Does.Contain(cmdlet + " ").Or.Contain(cmdlet + "\n").Or.Contain("| " + cmdlet), "the example uses the cmdlet");
            Assert.That(parameters, Is.Not.Empty);
            Assert.That(parameters.Except(described), Is.Empty, "every parameter has a description");
        });
    }

    [Test]
    public void For_Windows_PowerShell_an_assembly_asked_for_in_another_version_is_answered_from_the_module_folder()
    {
        using var session = new PowerShellSession();

        var found = session.Run("""
            $resolve = [Strategy.PowerShell.ModuleInitializer].GetMethod('PathInModuleFolder', [Reflection.BindingFlags]'NonPublic,Static')
            $resolve.Invoke($null, @('System.Memory, Version=99.0.0.0, Culture=neutral, PublicKeyToken=cc7b13ffcd2ddd51'))
            $resolve.Invoke($null, @('No.Such.Assembly, Version=1.0.0.0'))
            """).Succeeded().Output;

        Assert.Multiple(() =>
        {
            Assert.That(found, Has.Count.EqualTo(2));
            Assert.That(found[0].ToString(), Is.EqualTo(Path.Combine(ModuleSetUp.ModuleDirectory, "System.Memory.dll")));
            Assert.That(found[1], Is.Null);
        });
    }
}
