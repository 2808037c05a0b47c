namespace Strategy.Generated.Tests.Workflows;

public sealed class PollingDelayTests
{
    private static readonly StrategyWaitOptions Options = new()
    {
        MinimumDelay = TimeSpan.FromSeconds(1),
        MaximumDelay = TimeSpan.FromSeconds(5),
        BackoffMultiplier = 2,
        Jitter = 0.2,
    };

    [TestCase(1, 1000)]
    [TestCase(2, 2000)]
    [TestCase(3, 4000)]
    [TestCase(4, 5000)]
    [TestCase(10, 5000)]
    public void Delays_grow_exponentially_up_to_the_maximum(int attempt, int expectedMs)
    {
        Assert.That(PollingDelay.Next(attempt, Options, null, random: 0).TotalMilliseconds, Is.EqualTo(expectedMs));
    }

    [Test]
    public void Jitter_shortens_a_delay_by_at_most_its_share_and_never_below_the_minimum()
    {
        Assert.Multiple(() =>
        {
            Assert.That(PollingDelay.Next(4, Options, null, random: 0.999).TotalMilliseconds, Is.InRange(4000, 5000));
            Assert.That(PollingDelay.Next(1, Options, null, random: 0.999), Is.GreaterThanOrEqualTo(Options.MinimumDelay));
        });
    }

    [Test]
    public void The_first_delay_is_jittered_too_so_waits_started_together_spread_out()
    {
        var first = Enumerable.Range(0, 10).Select(i => PollingDelay.Next(1, Options, null, random: i / 10.0)).ToList();

        Assert.Multiple(() =>
        {
            Assert.That(first, Is.All.InRange(Options.MinimumDelay, Options.MinimumDelay * (1 + Options.Jitter)));
            Assert.That(first.Distinct().Count(), Is.GreaterThan(5), "not all the same delay");
        });
    }

    [Test]
    public void The_delay_never_exceeds_the_minimum_plus_a_tenth_of_the_time_waited()
    {
        var options = StrategyWaitOptions.Default;

        Assert.Multiple(() =>
        {
            // Exponential alone would wait 1.5 s, then 2.25 s, 3.4 s: a 5 s job would be seen done 3 s late.
            Assert.That(PollingDelay.Next(2, options, null, random: 0, elapsed: TimeSpan.FromSeconds(1)), Is.EqualTo(TimeSpan.FromSeconds(1.1)));
            Assert.That(PollingDelay.Next(4, options, null, random: 0, elapsed: TimeSpan.FromSeconds(4)), Is.EqualTo(TimeSpan.FromSeconds(1.4)));
            Assert.That(PollingDelay.Next(20, options, null, random: 0, elapsed: TimeSpan.FromMinutes(5)), Is.EqualTo(options.MaximumDelay));
        });
    }

    [Test]
    public void Retry_After_is_a_floor_even_above_the_maximum()
    {
        Assert.Multiple(() =>
        {
            Assert.That(PollingDelay.Next(1, Options, TimeSpan.FromSeconds(30), random: 0.5), Is.EqualTo(TimeSpan.FromSeconds(30)));
            Assert.That(PollingDelay.Next(3, Options, TimeSpan.FromMilliseconds(10), random: 0), Is.EqualTo(TimeSpan.FromSeconds(4)));
        });
    }

    [Test]
    public void Options_that_cannot_work_are_rejected()
    {
        Assert.Multiple(() =>
        {
            Assert.That(() => (Options with { MaximumDelay = TimeSpan.FromMilliseconds(10) }).Validate(), Throws.InstanceOf<ArgumentOutOfRangeException>());
            Assert.That(() => (Options with { Jitter = 2 }).Validate(), Throws.InstanceOf<ArgumentOutOfRangeException>());
            Assert.That(() => (Options with { Timeout = TimeSpan.Zero }).Validate(), Throws.InstanceOf<ArgumentOutOfRangeException>());
        });
    }
}
