using Strategy.Emulator;
using System.Management.Automation;

namespace Strategy.PowerShell.Tests;

/// <summary>Invoke-StrategySchemaReload, Get-StrategyDataModelTable and Publish-StrategyDataModel against the emulator program.</summary>
public sealed class DataModelTests : ServerFixture
{
    [SetUp]
    public void ConnectFirst() => Shell.Connect().Succeeded();

    [Test]
    public void The_schema_reload_waits_for_its_task_and_reports_progress()
    {
        var result = Shell.Run("Invoke-StrategySchemaReload -UpdateType table_key").Succeeded();
        var task = result.Output.Single();

        Assert.Multiple(() =>
        {
            Assert.That(task.Properties["Outcome"].Value.ToString(), Is.EqualTo("Succeeded"));
            Assert.That(result.Progress, Is.Not.Empty, "Write-Progress while it runs");
            Assert.That(result.Progress.First().Activity, Is.EqualTo("Reloading the schema"));
        });
    }

    [Test]
    public void The_tables_stream_with_their_names()
    {
        var names = Shell.Run("Get-StrategyDataModelTable -DataModelId $Id | ForEach-Object { $_.Information.Name }", ("Id", Seeds.DataModelId)).Succeeded().Output.Select(o => o.ToString());

        Assert.That(names, Is.EquivalentTo(new[] { "ytd_day", "city_mnth_sls", "sales_sample" }));
    }

    [Test]
    public async Task A_publish_runs_to_its_end_shows_each_step_and_deletes_the_instance()
    {
        var result = Shell.Run("Publish-StrategyDataModel -DataModelId $Id -Table @{ ytd_day = 'upsert'; city_mnth_sls = 'replace' } -Verbose", ("Id", Seeds.DataModelId)).Succeeded();
        var status = result.Output.Single();

        Assert.Multiple(async () =>
        {
            Assert.That(status.Properties["Outcome"].Value.ToString(), Is.EqualTo("Succeeded"));
            Assert.That(result.Verbose, Has.Some.StartsWith("Opened instance"));
            Assert.That(result.Verbose, Has.Some.StartsWith("Deleted instance"));
            Assert.That(result.Progress.Select(p => p.StatusDescription), Has.Some.Contains("every table loaded").Or.Some.Contains("queued or running"));
            Assert.That((await Emulator.StateAsync()).Instances, Is.Zero);
        });
    }

    [Test]
    public async Task A_failed_publish_is_an_InvalidResult_error_its_status_the_target_and_the_instance_deleted()
    {
        await Emulator.ControlAsync("fail-next/publish");

        var result = Shell.Run("Publish-StrategyDataModel $Id", ("Id", Seeds.DataModelId));
        await Emulator.ControlAsync("fail-next/publish");
        var caught = Shell.Run("try { Publish-StrategyDataModel $Id -ErrorAction Stop } catch [Strategy.Generated.StrategyOperationFailedException] { 'caught' }", ("Id", Seeds.DataModelId));

        Assert.Multiple(async () =>
        {
            Assert.That(result.Error.CategoryInfo.Category, Is.EqualTo(ErrorCategory.InvalidResult));
            Assert.That(result.Error.FullyQualifiedErrorId, Does.StartWith("OperationFailed"));
            Assert.That(result.Error.TargetObject?.GetType().Name, Is.EqualTo("PublishStatus"));
            Assert.That(caught.Succeeded().Output.Single().ToString(), Is.EqualTo("caught"));
            Assert.That((await Emulator.StateAsync()).Instances, Is.Zero);
        });
    }

    [Test]
    public void A_data_model_the_server_does_not_have_is_ObjectNotFound_with_the_server_code()
    {
        var result = Shell.Run("Publish-StrategyDataModel 00000000000000000000000000000000");

        Assert.Multiple(() =>
        {
            Assert.That(result.Error.CategoryInfo.Category, Is.EqualTo(ErrorCategory.ObjectNotFound));
            Assert.That(result.Error.FullyQualifiedErrorId, Does.StartWith("ERR"));
        });
    }

    [TestCase("@{ ytd_day = 'ignore' }", "leave the table out of -Table")]
    [TestCase("@{ ytd_day = 'sometimes' }", "not a refresh policy")]
    [TestCase("@{ no_such_table = 'upsert' }", "no_such_table")]
    public async Task A_table_or_policy_that_makes_no_sense_is_InvalidArgument_in_the_users_terms(string tables, string message)
    {
        var result = Shell.Run($"Publish-StrategyDataModel $Id -Table {tables}", ("Id", Seeds.DataModelId));

        Assert.Multiple(async () =>
        {
            Assert.That(result.Error.CategoryInfo.Category, Is.EqualTo(ErrorCategory.InvalidArgument), result.AllText());
            Assert.That(result.Error.Exception.Message, Does.Contain(message));
            Assert.That(result.Error.Exception.Message, Does.Not.Contain("Parameter '"), "no internal parameter name");
            Assert.That((await Emulator.StateAsync()).Instances, Is.Zero);
        });
    }

    [Test]
    public async Task WhatIf_says_what_would_be_published_and_opens_nothing()
    {
        await Emulator.ControlAsync("faults", """{"count":1,"pathContains":"/instances","method":"POST","status":400}""");

        var whatIf = Shell.Run("Publish-StrategyDataModel $Id -WhatIf; Invoke-StrategySchemaReload -WhatIf", ("Id", Seeds.DataModelId)).Succeeded();
        var afterwards = Shell.Run("Publish-StrategyDataModel $Id", ("Id", Seeds.DataModelId));

        Assert.Multiple(() =>
        {
            Assert.That(whatIf.Output, Is.Empty);
            Assert.That(afterwards.Error.CategoryInfo.Category, Is.EqualTo(ErrorCategory.InvalidArgument), "the fault was still waiting: -WhatIf sent no POST");
        });
    }
}
