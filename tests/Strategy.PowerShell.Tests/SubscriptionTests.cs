using Strategy.Emulator;
using System.Management.Automation;

namespace Strategy.PowerShell.Tests;

/// <summary>The subscription cmdlets, alone and in pipelines, as administrators script them.</summary>
public sealed class SubscriptionTests : ServerFixture
{
    [SetUp]
    public void ConnectFirst() => Shell.Connect().Succeeded();

    [Test]
    public async Task New_creates_a_refresh_subscription_and_Get_finds_it_by_id_and_by_name()
    {
        var before = (await Emulator.StateAsync()).Subscriptions;
        var id = NewSubscription("ps-new nightly");

        var byId = Shell.Run("Get-StrategySubscription -Id $Id", ("Id", id)).Succeeded().Output.Single();
        var byName = Shell.Run("Get-StrategySubscription -Name 'PS-NEW*' | ForEach-Object Id").Succeeded().Output.Select(o => o.ToString());
        var policy = Shell.Run("(Get-StrategySubscription $Id).Contents[0].RefreshCondition.Tables[0].RefreshPolicy", ("Id", id)).Succeeded().Output.Single().ToString();

        Assert.Multiple(async () =>
        {
            Assert.That((await Emulator.StateAsync()).Subscriptions, Is.EqualTo(before + 1));
            Assert.That(byId.Properties["Name"].Value, Is.EqualTo("ps-new nightly"));
            Assert.That(byName, Is.EqualTo(new[] { id }), "wildcards, case-insensitive");
            Assert.That(policy, Is.EqualTo("Upsert"));
        });
    }

    [Test]
    public void A_missing_subscription_among_several_is_a_non_terminating_ObjectNotFound_and_the_others_go_on()
    {
        var id = NewSubscription("ps-among several");

        var result = Shell.Run("'0000000000000000000000000000DEAD', $Id | Get-StrategySubscription | ForEach-Object Id", ("Id", id));

        Assert.Multiple(() =>
        {
            Assert.That(result.Terminated, Is.Null);
            Assert.That(result.Output.Select(o => o.ToString()), Is.EqualTo(new[] { id }));
            Assert.That(result.Error.CategoryInfo.Category, Is.EqualTo(ErrorCategory.ObjectNotFound));
            Assert.That(result.Error.FullyQualifiedErrorId, Does.StartWith("ERR004"));
            Assert.That(result.Error.TargetObject, Is.EqualTo("0000000000000000000000000000DEAD"));
        });
    }

    [Test]
    public void Get_Where_Set_changes_only_the_matching_subscriptions_and_only_what_was_given()
    {
        var chosen = NewSubscription("ps-pipe chosen");
        var other = NewSubscription("ps-pipe other");

        Shell.Run("Get-StrategySubscription | Where-Object Name -eq 'ps-pipe chosen' | Set-StrategySubscription -Policy replace -ScheduleId $Schedule", ("Schedule", Seeds.PersonalViewScheduleId)).Succeeded();
        string Read(string id, string expression) => Shell.Run($"$s = Get-StrategySubscription $Id; {expression}", ("Id", id)).Succeeded().Output.Single().ToString();

        Assert.Multiple(() =>
        {
            Assert.That(Read(chosen, "$s.Contents[0].RefreshCondition.Tables[0].RefreshPolicy"), Is.EqualTo("Replace"));
            Assert.That(Read(chosen, "$s.Schedules[0].Id"), Is.EqualTo(Seeds.PersonalViewScheduleId));
            Assert.That(Read(chosen, "$s.Name"), Is.EqualTo("ps-pipe chosen"), "kept");
            Assert.That(Read(chosen, "$s.Contents[0].RefreshCondition.Tables[0].Id"), Is.EqualTo(Seeds.YtdDayTableId), "the same table");
            Assert.That(Read(other, "$s.Contents[0].RefreshCondition.Tables[0].RefreshPolicy"), Is.EqualTo("Upsert"), "not in the pipeline");
            Assert.That(Read(other, "$s.Schedules[0].Id"), Is.EqualTo(Seeds.AllTheTimeScheduleId));
        });
    }

    [Test]
    public async Task Set_writes_back_what_another_client_stored_and_this_module_does_not_know()
    {
        var id = await Emulator.SeedSubscriptionAsync($$$"""
            {
              "name": "ps-foreign", "allowDeliveryChanges": true, "futureSetting": {"keep": ["me"]},
              "schedules": [{"id": "{{{Seeds.AllTheTimeScheduleId}}}"}],
              "contents": [{"id": "{{{Seeds.DataModelId}}}", "type": "data_model", "refreshCondition": {"tables": [{"id": "{{{Seeds.YtdDayTableId}}}", "refreshPolicy": "add"}]}}],
              "delivery": {"mode": "CACHE", "expiration": "2030-01-01", "cache": {"cacheType": "RESERVED", "shortcutCacheFormat": "RESERVED", "libraryCacheTypes": ["WEB"], "reuseCacheOnDemand": true}}
            }
            """);

        Shell.Run("Set-StrategySubscription -Id $Id -Name 'ps-foreign renamed'", ("Id", id)).Succeeded();
        var after = Shell.Run("$s = Get-StrategySubscription $Id; $s.Name; [string]$s.AdditionalProperties['futureSetting']; $s.Contents[0].RefreshCondition.Tables[0].RefreshPolicy; $s.Delivery.Mode", ("Id", id))
            .Succeeded().Output.Select(o => o?.ToString()).ToList();

        Assert.Multiple(() =>
        {
            Assert.That(after[0], Is.EqualTo("ps-foreign renamed"));
            Assert.That(after[1], Does.Contain("keep").And.Contain("me"), "a setting this module does not know is written back");
            Assert.That(after[2], Is.EqualTo("Add"), "the policy was not asked to change");
            Assert.That(after[3], Does.Contain("CACHE").IgnoreCase, "delivery kept");
        });
    }

    [Test]
    public async Task Set_with_a_filter_it_cannot_read_or_on_a_subscription_that_refreshes_no_data_model_says_so_in_its_parameters_terms()
    {
        var id = NewSubscription("ps-set contradict");
        var report = await Emulator.SeedSubscriptionAsync($$$"""
            {
              "name": "ps-report", "schedules": [{"id": "{{{Seeds.AllTheTimeScheduleId}}}"}],
              "contents": [{"id": "{{{Seeds.SampleTableId}}}", "type": "report"}],
              "delivery": {"mode": "HISTORY_LIST"}
            }
            """);

        var unknownKey = Shell.Run("Set-StrategySubscription $Id -Filter @{ Attribute = 'x' }", ("Id", id));
        var notARefresh = Shell.Run("Set-StrategySubscription $Id -Policy upsert", ("Id", report));

        Assert.Multiple(() =>
        {
            Assert.That(unknownKey.Error.CategoryInfo.Category, Is.EqualTo(ErrorCategory.InvalidArgument));
            Assert.That(unknownKey.Error.Exception.Message, Does.Contain("-Filter does not take Attribute"));
            Assert.That(notARefresh.Error.CategoryInfo.Category, Is.EqualTo(ErrorCategory.InvalidArgument), notARefresh.AllText());
            Assert.That(notARefresh.Error.Exception.Message, Does.Contain("refreshes no data model: -Table, -Policy"));
        });
    }

    [Test]
    public void Select_Object_First_takes_one_and_stops_the_listing_cleanly()
    {
        NewSubscription("ps-first a");
        NewSubscription("ps-first b");

        var result = Shell.Run("Get-StrategySubscription | Select-Object -First 1; Get-StrategySchedule | Select-Object -First 1").Succeeded();

        Assert.That(result.Output, Has.Count.EqualTo(2));
    }

    [Test]
    public async Task Remove_WhatIf_keeps_them_and_Remove_without_confirmation_deletes_from_the_pipeline()
    {
        var first = NewSubscription("ps-remove one");
        var second = NewSubscription("ps-remove two");
        var before = (await Emulator.StateAsync()).Subscriptions;

        var whatIf = Shell.Run("Get-StrategySubscription -Name 'ps-remove*' | Remove-StrategySubscription -WhatIf").Succeeded();
        var afterWhatIf = (await Emulator.StateAsync()).Subscriptions;
        Shell.Run("Get-StrategySubscription -Name 'ps-remove*' | Remove-StrategySubscription -Confirm:$false").Succeeded();
        var left = Shell.Run("$First, $Second | Get-StrategySubscription", ("First", first), ("Second", second));

        Assert.Multiple(async () =>
        {
            Assert.That(whatIf.Output, Is.Empty);
            Assert.That(afterWhatIf, Is.EqualTo(before));
            Assert.That((await Emulator.StateAsync()).Subscriptions, Is.EqualTo(before - 2));
            Assert.That(left.Errors.Select(e => e.CategoryInfo.Category), Is.EqualTo(new[] { ErrorCategory.ObjectNotFound, ErrorCategory.ObjectNotFound }));
        });
    }

    [Test]
    public void Remove_asks_first_ConfirmImpact_High()
    {
        var confirmImpact = Shell.Run("(Get-Command Remove-StrategySubscription).ImplementingType.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false)[0].ConfirmImpact")
            .Succeeded().Output.Single().ToString();

        Assert.That(confirmImpact, Is.EqualTo("High"));
    }

    [Test]
    public void Start_Wait_returns_that_runs_outcome_and_Get_StrategySubscriptionRun_reads_it_afterwards()
    {
        var id = NewSubscription("ps-start");

        var neverRan = Shell.Run("Get-StrategySubscriptionRun $Id -Verbose", ("Id", id)).Succeeded();
        var started = Shell.Run("Start-StrategySubscription -Id $Id -Wait", ("Id", id)).Succeeded();
        var last = Shell.Run("Get-StrategySubscriptionRun $Id", ("Id", id)).Succeeded().Output.Single();

        Assert.Multiple(() =>
        {
            Assert.That(neverRan.Output, Is.Empty);
            Assert.That(neverRan.Verbose, Has.Some.Contains("never ran"));
            Assert.That(started.Output.Single().Properties["Outcome"].Value.ToString(), Is.EqualTo("Succeeded"));
            Assert.That(started.Progress, Is.Not.Empty);
            Assert.That(last.Properties["Outcome"].Value.ToString(), Is.EqualTo("Succeeded"));
        });
    }

    [Test]
    public async Task A_failed_run_is_a_non_terminating_InvalidResult_and_the_next_subscription_still_runs()
    {
        var failing = NewSubscription("ps-run fails");
        var next = NewSubscription("ps-run next");
        await Emulator.ControlAsync("fail-next/subscription");

        var result = Shell.Run("$Failing, $Next | Start-StrategySubscription -Wait", ("Failing", failing), ("Next", next));

        Assert.Multiple(() =>
        {
            Assert.That(result.Terminated, Is.Null);
            Assert.That(result.Error.CategoryInfo.Category, Is.EqualTo(ErrorCategory.InvalidResult));
            Assert.That(result.Error.TargetObject?.GetType().Name, Is.EqualTo("SubscriptionStatus"), "the failed run's status");
            Assert.That(result.Output.Select(o => o.Properties["Outcome"].Value.ToString()), Is.EqualTo(new[] { "Succeeded" }));
        });
    }

    [Test]
    public async Task A_skipped_run_is_written_with_a_warning()
    {
        var id = NewSubscription("ps-run skipped");
        await Emulator.ControlAsync("skip-next/subscription");

        var result = Shell.Run("Start-StrategySubscription $Id -Wait", ("Id", id)).Succeeded();

        Assert.Multiple(() =>
        {
            Assert.That(result.Output.Single().Properties["Outcome"].Value.ToString(), Is.EqualTo("Skipped"));
            Assert.That(result.Warnings, Has.Some.Contains("skipped"));
        });
    }

    [Test]
    public void Objects_show_with_the_modules_views_and_convert_to_JSON()
    {
        NewSubscription("ps-format");

        // Out-String formats as the console does: the views are chosen, not asked for.
        var subscriptions = Shell.Run("Get-StrategySubscription -Name 'ps-format' | Out-String -Width 200").Succeeded().Output.Single().ToString();
        var schedules = Shell.Run("Get-StrategySchedule | Out-String -Width 200").Succeeded().Output.Single().ToString();
        var json = Shell.Run("Get-StrategySubscription -Name 'ps-format' | ConvertTo-Json -Depth 8").Succeeded().Output.Single().ToString();

        Assert.Multiple(() =>
        {
            Assert.That(subscriptions, Does.Contain("Schedules").And.Contain("NextDelivery").And.Contain("All the Time"));
            Assert.That(subscriptions, Does.Not.Contain("AllowDeliveryChanges"), "a table of the view's columns, not a list of every property");
            Assert.That(schedules, Does.Match(@"Id\s+Name\s+Type\s+Event"), "the view's own labels (Type is ScheduleType)");
            Assert.That(schedules, Does.Contain("Personal View refresh"), "the event an event-based schedule waits on, by name");
            Assert.That(json, Does.Contain("\"Name\": \"ps-format\""));
        });
    }
}
