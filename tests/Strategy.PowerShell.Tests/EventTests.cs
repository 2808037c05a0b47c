using Strategy.Emulator;
using System.Management.Automation;

namespace Strategy.PowerShell.Tests;

/// <summary>Get-StrategySchedule, Get-StrategyEvent and Invoke-StrategyEvent: fire the event a schedule waits on and know how each run ended.</summary>
public sealed class EventTests : ServerFixture
{
    [SetUp]
    public void ConnectFirst() => Shell.Connect().Succeeded();

    [Test]
    public void Schedules_and_events_are_listed_filtered_by_name_and_got_by_id()
    {
        var eventBased = Shell.Run("Get-StrategySchedule | Where-Object { $_.Event } | ForEach-Object { $_.Event.EventId }").Succeeded().Output.Select(o => o.ToString());
        var byName = Shell.Run("Get-StrategySchedule -Name 'all the*' | ForEach-Object Id").Succeeded().Output.Select(o => o.ToString());
        var eventById = Shell.Run("Get-StrategyEvent -Id $Id | ForEach-Object Name", ("Id", Seeds.PersonalViewEventId)).Succeeded().Output.Single().ToString();
        var missing = Shell.Run("Get-StrategyEvent -Id 0000000000000000000000000000BEEF");

        Assert.Multiple(() =>
        {
            Assert.That(eventBased, Does.Contain(Seeds.PersonalViewEventId));
            Assert.That(byName, Is.EqualTo(new[] { Seeds.AllTheTimeScheduleId }));
            Assert.That(eventById, Is.Not.Empty);
            Assert.That(missing.Error.CategoryInfo.Category, Is.EqualTo(ErrorCategory.ObjectNotFound));
        });
    }

    [Test]
    public void Firing_an_event_with_Wait_writes_each_run_it_started_and_how_it_ended()
    {
        var id = NewSubscription("ps-event waits", Seeds.PersonalViewScheduleId);

        var result = Shell.Run("Get-StrategyEvent -Id $Event | Invoke-StrategyEvent -Wait", ("Event", Seeds.PersonalViewEventId)).Succeeded();
        var run = result.Output.Single(o => o.Properties["SubscriptionId"].Value.ToString() == id);

        Assert.Multiple(() =>
        {
            Assert.That(run.Properties["Outcome"].Value.ToString(), Is.EqualTo("Succeeded"));
            Assert.That(run.Properties["Name"].Value, Is.EqualTo("ps-event waits"));
            Assert.That(result.Progress, Is.Not.Empty);
        });
        Shell.Run("Remove-StrategySubscription $Id -Confirm:$false", ("Id", id)).Succeeded();
    }

    [Test]
    public async Task When_a_run_fails_every_run_is_written_then_one_non_terminating_error()
    {
        var id = NewSubscription("ps-event fails", Seeds.PersonalViewScheduleId);
        await Emulator.ControlAsync("fail-next/subscription");

        var result = Shell.Run("Invoke-StrategyEvent $Event -Wait", ("Event", Seeds.PersonalViewEventId));

        Assert.Multiple(() =>
        {
            Assert.That(result.Terminated, Is.Null);
            Assert.That(result.Output.Select(o => o.Properties["Outcome"].Value.ToString()), Does.Contain("Failed"));
            Assert.That(result.Error.FullyQualifiedErrorId, Does.StartWith("SubscriptionRunsFailed"));
            Assert.That(result.Error.CategoryInfo.Category, Is.EqualTo(ErrorCategory.InvalidResult));
        });
        Shell.Run("Remove-StrategySubscription $Id -Confirm:$false", ("Id", id)).Succeeded();
    }

    [Test]
    public void Without_Wait_the_event_is_fired_and_WhatIf_fires_nothing()
    {
        var fired = Shell.Run("Invoke-StrategyEvent $Event -Verbose", ("Event", Seeds.PersonalViewEventId)).Succeeded();
        var whatIf = Shell.Run("Invoke-StrategyEvent $Event -WhatIf -Verbose", ("Event", Seeds.PersonalViewEventId)).Succeeded();

        Assert.Multiple(() =>
        {
            Assert.That(fired.Verbose, Has.Some.Contains("was fired"));
            Assert.That(whatIf.Verbose, Has.None.Contains("was fired"));
        });
    }
}
