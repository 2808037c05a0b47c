using System.Management.Automation;
using Strategy.Emulator;

namespace Strategy.PowerShell.Tests;

/// <summary>-NoWait writes operations with their Token; Wait-StrategyOperation resumes them in another session, as a later script would.</summary>
public sealed class OperationTests : ServerFixture
{
    [SetUp]
    public void ConnectFirst() => Shell.Connect().Succeeded();

    [Test]
    public async Task A_cube_publish_started_with_NoWait_is_waited_for_by_another_session_from_its_token()
    {
        var before = await Emulator.StateAsync();
        var token = Shell.Run("(Update-StrategyCube -Id $Id -NoWait).Token", ("Id", Seeds.SalesCubeId)).Succeeded().Output.Single().ToString();

        using var later = new PowerShellSession(Emulator);
        later.Connect().Succeeded();
        var result = later.Run("$Token | Wait-StrategyOperation", ("Token", token)).Succeeded();
        var after = await Emulator.StateAsync();
        later.Run("Disconnect-StrategyServer");

        Assert.Multiple(() =>
        {
            Assert.That(token, Does.StartWith("sop1."));
            Assert.That(result.Output.Single().BaseObject.GetType().FullName, Is.EqualTo("Strategy.Generated.CubePublishOutcome"), "what Update-StrategyCube writes");
            Assert.That(result.Output.Single().Properties["CubeId"].Value, Is.EqualTo(Seeds.SalesCubeId));
            Assert.That(result.Output.Single().Properties["Succeeded"].Value, Is.True);
            Assert.That(result.Output.Single().Properties["Flags"].Value?.ToString(), Does.Contain("Ready"));
            Assert.That(after.CubePublishes - before.CubePublishes, Is.EqualTo(1), "waiting publishes nothing");
        });
    }

    [Test]
    public async Task A_data_model_publish_started_with_NoWait_keeps_its_instance_until_the_wait_elsewhere_deletes_it()
    {
        var before = (await Emulator.StateAsync()).Instances;
        var operation = Shell.Run($"Publish-StrategyDataModel {Seeds.DataModelId} -Table @{{ ytd_day = 'upsert' }} -NoWait").Succeeded().Output.Single();
        var during = (await Emulator.StateAsync()).Instances;

        using var later = new PowerShellSession(Emulator);
        later.Connect().Succeeded();
        var result = later.Run("Wait-StrategyOperation -Token $Token", ("Token", operation.Properties["Token"].Value)).Succeeded();
        var after = (await Emulator.StateAsync()).Instances;
        later.Run("Disconnect-StrategyServer");

        Assert.Multiple(() =>
        {
            Assert.That(operation.Properties["Kind"].Value, Is.EqualTo("PublishDataModel"));
            Assert.That(during, Is.EqualTo(before + 1), "the publish runs in its instance");
            Assert.That(result.Output.Single().Properties["Status"].Value, Is.EqualTo(0));
            Assert.That(after, Is.EqualTo(before), "the instance is deleted by the session that saw the end");
        });
    }

    [Test]
    public void A_schema_reload_started_with_NoWait_is_an_operation_the_pipeline_waits_for()
    {
        var result = Shell.Run("Invoke-StrategySchemaReload -UpdateType table_key -NoWait | Wait-StrategyOperation").Succeeded();

        Assert.That(result.Output.Single().Properties["Status"].Value.ToString(), Is.EqualTo("Completed"));
    }

    [Test]
    public void A_subscription_run_started_without_Wait_is_an_operation_another_session_waits_for()
    {
        var id = NewSubscription("ps-op run");
        var operation = Shell.Run("Start-StrategySubscription -Id $Id", ("Id", id)).Succeeded().Output.Single();

        using var later = new PowerShellSession(Emulator);
        later.Connect().Succeeded();
        var result = later.Run("$Token | Wait-StrategyOperation", ("Token", operation.Properties["Token"].Value)).Succeeded();
        later.Run("Disconnect-StrategyServer");
        Shell.Run("Remove-StrategySubscription $Id -Confirm:$false", ("Id", id)).Succeeded();

        Assert.Multiple(() =>
        {
            Assert.That(operation.Properties["Kind"].Value, Is.EqualTo("SendSubscription"));
            Assert.That(result.Output.Single().Properties["Outcome"].Value.ToString(), Is.EqualTo("Succeeded"));
        });
    }

    [Test]
    public async Task An_events_runs_started_without_Wait_are_written_one_each_by_Wait_StrategyOperation_with_one_error_for_a_failure()
    {
        var id = NewSubscription("ps-op event", Seeds.PersonalViewScheduleId);
        var succeeded = Shell.Run("Invoke-StrategyEvent $Event | Wait-StrategyOperation", ("Event", Seeds.PersonalViewEventId)).Succeeded();
        await Emulator.ControlAsync("fail-next/subscription");
        var token = Shell.Run("(Invoke-StrategyEvent $Event).Token", ("Event", Seeds.PersonalViewEventId)).Succeeded().Output.Single();

        using var later = new PowerShellSession(Emulator);
        later.Connect().Succeeded();
        var failed = later.Run("Wait-StrategyOperation -Token $Token", ("Token", token));
        later.Run("Disconnect-StrategyServer");
        Shell.Run("Remove-StrategySubscription $Id -Confirm:$false", ("Id", id)).Succeeded();

        Assert.Multiple(() =>
        {
            Assert.That(succeeded.Output.Single(o => o.Properties["SubscriptionId"].Value.ToString() == id).Properties["Outcome"].Value.ToString(), Is.EqualTo("Succeeded"));
            Assert.That(failed.Terminated, Is.Null, "a failed run is a non-terminating error");
            Assert.That(failed.Output.Single(o => o.Properties["SubscriptionId"].Value.ToString() == id).Properties["Outcome"].Value.ToString(), Is.EqualTo("Failed"));
            Assert.That(failed.Error.FullyQualifiedErrorId, Does.StartWith("SubscriptionRunsFailed"));
        });
    }

    [Test]
    public void A_token_that_cannot_be_used_is_an_InvalidArgument_error_saying_why()
    {
        var malformed = Shell.Run("Wait-StrategyOperation -Token 'not-a-token'");
        var newer = Shell.Run("Wait-StrategyOperation -Token 'sop9.eyJ9'");

        Assert.Multiple(() =>
        {
            Assert.That(malformed.Error.CategoryInfo.Category, Is.EqualTo(ErrorCategory.InvalidArgument));
            Assert.That(malformed.Error.FullyQualifiedErrorId, Does.StartWith("ResumeToken.Malformed"));
            Assert.That(newer.Error.Exception.Message, Does.Contain("newer version"));
        });
    }
}
