using Strategy.Generated.Tests.Support;

namespace Strategy.Generated.Tests.Operations;

/// <summary>
/// The one channel of time limits: the caller's <see cref="StrategyTimeLimit"/>, a workflow's
/// deadline and a clean-up's own limit, each in force for its scope and restored after it, on a
/// clock the test moves. Who owns the limit decides who cuts the calls; the caller's options are
/// never changed to carry it.
/// </summary>
public sealed class TimeBudgetTests
{
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    [Test]
    public void The_callers_limit_cuts_each_call_that_would_outlast_it_and_is_reported_as_given()
    {
        using var limit = StrategyTimeLimit.Begin(TimeSpan.FromSeconds(30));

        var (cut, reported) = TimeBudget.ForCall(Minute);
        var (shorter, shorterReported) = TimeBudget.ForCall(TimeSpan.FromSeconds(5));

        Assert.Multiple(() =>
        {
            Assert.That(cut, Is.LessThanOrEqualTo(TimeSpan.FromSeconds(30)).And.GreaterThan(TimeSpan.Zero));
            Assert.That(reported, Is.EqualTo(TimeSpan.FromSeconds(30)), "the limit as given, not what is left");
            Assert.That((shorter, shorterReported), Is.EqualTo((TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(5))), "a call's own shorter limit holds");
        });
    }

    [Test]
    public void A_workflow_takes_the_callers_shorter_limit_cuts_its_own_calls_and_gives_the_callers_limit_back()
    {
        var options = new StrategyWaitOptions { Timeout = TimeSpan.FromHours(1) };
        using var limit = StrategyTimeLimit.Begin(TimeSpan.FromSeconds(30));

        TimeSpan adopted;
        (TimeSpan Limit, TimeSpan Reported) inside;
        StrategyWaitOptions handed;
        using (var run = WorkflowRun.Start(StrategyWorkflow.Named("Test"), options))
        {
            adopted = run.Deadline.Limit;
            inside = TimeBudget.ForCall(Minute);
            handed = run.Options;
        }

        var after = TimeBudget.ForCall(Minute);

        Assert.Multiple(() =>
        {
            Assert.That(adopted, Is.EqualTo(TimeSpan.FromSeconds(30)), "the caller's limit ends first: the workflow's deadline is it");
            Assert.That(inside, Is.EqualTo((Minute, Minute)), "the workflow cuts its own calls (a typed time-out), not the handler as unreachable");
            Assert.That(after.Reported, Is.EqualTo(TimeSpan.FromSeconds(30)), "the caller's limit is in force again");
            Assert.That(handed, Is.SameAs(options), "the caller's options are not changed to carry the deadline");
            Assert.That(options.Timeout, Is.EqualTo(TimeSpan.FromHours(1)));
        });
    }

    [Test]
    public void A_wait_started_within_a_workflow_shares_its_deadline_and_one_started_after_it_has_its_own()
    {
        var clock = new ManualClock();
        var outer = new StrategyWaitOptions { Timeout = TimeSpan.FromSeconds(10), TimeProvider = clock };
        var inner = outer with { Timeout = TimeSpan.FromHours(1) };

        StrategyDeadline shared;
        TimeSpan leftInside;
        using (var run = WorkflowRun.Start(StrategyWorkflow.Named("Outer"), outer))
        {
            clock.Advance(TimeSpan.FromSeconds(4));
            using var wait = WorkflowRun.Start(StrategyWorkflow.Named("Inner"), inner);
            shared = wait.Deadline;
            leftInside = wait.Deadline.Left;
            Assert.That(shared, Is.SameAs(run.Deadline));
        }

        using var later = WorkflowRun.Start(StrategyWorkflow.Named("Later"), inner);

        Assert.Multiple(() =>
        {
            Assert.That(shared.Limit, Is.EqualTo(TimeSpan.FromSeconds(10)), "one limit for the whole workflow, reported as given");
            Assert.That(leftInside, Is.EqualTo(TimeSpan.FromSeconds(6)), "the wait gets what is left of it");
            Assert.That(later.Deadline.Limit, Is.EqualTo(TimeSpan.FromHours(1)), "after the workflow, a wait has its own limit again");
            Assert.That(later.Deadline.Left, Is.EqualTo(TimeSpan.FromHours(1)));
        });
    }

    [Test]
    public async Task A_clean_up_runs_under_its_own_limit_after_the_callers_is_spent_and_gives_it_back()
    {
        using var limit = StrategyTimeLimit.Begin(TimeSpan.FromMilliseconds(1));
        await Task.Delay(TimeSpan.FromMilliseconds(20));
        var spent = TimeBudget.ForCall(Minute);

        (TimeSpan Limit, TimeSpan Reported) during = default;
        var failure = await StrategyCleanup.TryAsync(
            new StrategyWaitOptions { CleanupTimeout = TimeSpan.FromSeconds(10) },
            "deleting instance 1",
            _ =>
            {
                during = TimeBudget.ForCall(Minute);
                return Task.CompletedTask;
            });
        var after = TimeBudget.ForCall(Minute);

        Assert.Multiple(() =>
        {
            Assert.That(spent.Limit, Is.EqualTo(TimeSpan.FromMilliseconds(1)), "the caller's spent limit cuts a call at once");
            Assert.That(failure, Is.Null);
            Assert.That(during, Is.EqualTo((Minute, Minute)), "the clean-up's calls are not cut by the spent limit");
            Assert.That(after, Is.EqualTo(spent), "the caller's limit holds again");
        });
    }

    [Test]
    public void An_inner_limit_that_ends_later_leaves_the_outer_one_in_force_until_it_ends()
    {
        using var outer = StrategyTimeLimit.Begin(TimeSpan.FromSeconds(5));
        (TimeSpan Limit, TimeSpan Reported) inner;
        using (StrategyTimeLimit.Begin(TimeSpan.FromMinutes(5)))
        {
            inner = TimeBudget.ForCall(TimeSpan.FromHours(1));
        }

        using var shorter = StrategyTimeLimit.Begin(TimeSpan.FromSeconds(2));
        var innermost = TimeBudget.ForCall(TimeSpan.FromHours(1));

        Assert.Multiple(() =>
        {
            Assert.That(inner.Reported, Is.EqualTo(TimeSpan.FromSeconds(5)));
            Assert.That(innermost.Reported, Is.EqualTo(TimeSpan.FromSeconds(2)));
        });
    }
}
