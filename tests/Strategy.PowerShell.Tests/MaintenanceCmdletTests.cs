using System.Management.Automation;
using Strategy.Emulator;

namespace Strategy.PowerShell.Tests;

/// <summary>
/// The maintenance cmdlets and Set-StrategyProjectStatus in PowerShell against an emulator process
/// with two nodes: a step object for every node and connection, a non-terminating error for each that
/// failed, and nothing sent on -WhatIf.
/// </summary>
public sealed class MaintenanceCmdletTests : ServerFixture
{
    private protected override string[] EmulatorSettings => ["--project-status-duration", "0.2"];

    [SetUp]
    public void ConnectFirst() => Shell.Connect().Succeeded();

    [TearDown]
    public async Task LoadBackEverywhere()
    {
        await Emulator.ControlAsync($"nodes/{Seeds.Nodes[1]}/up");
        Shell.Run("Set-StrategyProjectStatus -ProjectId $Project -Status loaded -Confirm:$false", ("Project", Seeds.ProjectId));
    }

    [Test]
    public void Entering_and_exiting_write_a_step_for_every_node_and_connection()
    {
        var entered = Shell.Run("Enter-StrategyMaintenance -ProjectId $Project -Mode request_idle -Confirm:$false", ("Project", Seeds.ProjectId)).Succeeded().Output.Select(Step).ToList();
        var exited = Shell.Run("Exit-StrategyMaintenance -ProjectId $Project -Confirm:$false", ("Project", Seeds.ProjectId)).Succeeded().Output.Select(Step).ToList();

        Assert.Multiple(() =>
        {
            Assert.That(entered.Where(s => s.Action == "idle").Select(s => s.Detail), Is.EqualTo(new[] { "request_idle", "request_idle" }));
            Assert.That(entered.Where(s => s.Action == "disconnect").Select(s => s.Succeeded), Is.Not.Empty.And.All.True);
            Assert.That(entered.Single(s => s.Detail.StartsWith("kept", StringComparison.Ordinal)).Subject, Does.Contain("administrator"), "this session's own connection is kept");
            Assert.That(exited.Select(s => s.Action), Is.EqualTo(new[] { "load", "load", "invalidate", "invalidate", "purge" }));
            Assert.That(exited.Select(s => s.Succeeded), Is.All.True);
        });
    }

    private static (string Action, string Subject, bool Succeeded, string Detail) Step(PSObject step) =>
        ((string)step.Properties["Action"].Value, (string)step.Properties["Subject"].Value, (bool)step.Properties["Succeeded"].Value, (string)step.Properties["Detail"].Value);

    [Test]
    public async Task A_stopped_node_is_an_error_of_its_own_and_the_other_node_is_still_changed()
    {
        await Emulator.ControlAsync($"nodes/{Seeds.Nodes[1]}/down");

        var result = Shell.Run("Set-StrategyProjectStatus -ProjectId $Project -Status exec_idle -Confirm:$false", ("Project", Seeds.ProjectId));

        Assert.Multiple(() =>
        {
            Assert.That(result.Terminated, Is.Null);
            Assert.That(result.Output.Select(o => (o.Properties["Node"].Value, o.Properties["ProjectStatus"].Value)), Is.EqualTo(new (object?, object?)[] { (Seeds.Nodes[0], "exec_idle"), (Seeds.Nodes[1], null) }));
            Assert.That(result.Error.CategoryInfo.Category, Is.EqualTo(ErrorCategory.InvalidResult));
            Assert.That(result.Error.Exception.Message, Is.EqualTo($"Node {Seeds.Nodes[1]} is stopped: its project was not changed."));
        });
    }

    [Test]
    public void WhatIf_changes_nothing()
    {
        const string Connections = "Seeds.Nodes | ForEach-Object { Get-StrategyUserConnection -ClusterNode $_ } | ForEach-Object id";
        var before = Shell.Run(Connections.Replace("Seeds.Nodes", "$Nodes", StringComparison.Ordinal), ("Nodes", Seeds.Nodes.ToArray())).Succeeded().Output.Select(o => o.ToString()).ToList();
        var result = Shell.Run("Enter-StrategyMaintenance -ProjectId $Project -WhatIf", ("Project", Seeds.ProjectId));
        var statuses = Shell.Run("Get-StrategyClusterNodes -ProjectsId $Project | ForEach-Object { $_.projects[0].status }", ("Project", Seeds.ProjectId)).Succeeded().Output.Select(o => o.ToString());
        var after = Shell.Run(Connections.Replace("Seeds.Nodes", "$Nodes", StringComparison.Ordinal), ("Nodes", Seeds.Nodes.ToArray())).Succeeded().Output.Select(o => o.ToString());

        Assert.Multiple(() =>
        {
            Assert.That(result.Errors, Is.Empty);
            Assert.That(result.Output, Is.Empty);
            Assert.That(statuses, Is.All.EqualTo("loaded"));
            Assert.That(after, Is.EqualTo(before).And.Not.Empty, "nobody was disconnected (this session's own connection at least is listed)");
        });
    }
}
