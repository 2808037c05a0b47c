namespace Strategy.Generated.Tests.Support;

/// <summary>
/// A clock that moves only when a test moves it (<see cref="Advance"/>): time limits and delays on it
/// fire exactly when the test says, however busy the machine is. Timers whose due time an advance
/// passes fire on the advancing thread, in due-time order.
/// </summary>
/// <remarks>
/// Not <c>FakeTimeProvider</c> of Microsoft.Extensions.TimeProvider.Testing: the feed serves it only at
/// versions off the one Microsoft.Extensions version the solution pins (10.0.12), and every
/// Microsoft.Extensions package stays on that one version.
/// </remarks>
internal sealed class ManualClock : TimeProvider
{
    private static readonly DateTimeOffset Origin = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly Lock _gate = new();
    private readonly List<ManualTimer> _timers = [];
    private long _ticks;

    /// <summary>How far the clock has moved since it was made.</summary>
    public TimeSpan Elapsed => TimeSpan.FromTicks(Interlocked.Read(ref _ticks));

    public override DateTimeOffset GetUtcNow() => Origin + Elapsed;

    public override long GetTimestamp() => Interlocked.Read(ref _ticks);

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new ManualTimer(this, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    /// <summary>Whether a timer is set to fire within <paramref name="span"/> from now (a delay has begun), so an advance that long reaches it.</summary>
    public bool HasTimerDueWithin(TimeSpan span)
    {
        lock (_gate)
        {
            var until = Interlocked.Read(ref _ticks) + span.Ticks;
            return _timers.Any(t => t.Due <= until);
        }
    }

    /// <summary>Moves the clock on, firing every timer that falls due on the way.</summary>
    public void Advance(TimeSpan by)
    {
        var target = Interlocked.Read(ref _ticks) + by.Ticks;
        while (true)
        {
            ManualTimer? next;
            lock (_gate)
            {
                next = _timers.Where(t => t.Due <= target).OrderBy(t => t.Due).FirstOrDefault();
                if (next is null)
                {
                    Interlocked.Exchange(ref _ticks, target);
                    return;
                }

                Interlocked.Exchange(ref _ticks, Math.Max(Interlocked.Read(ref _ticks), next.Due));
                _timers.Remove(next);
                if (next.Period > 0)
                {
                    next.Due += next.Period;
                    _timers.Add(next);
                }
            }

            next.Fire();
        }
    }

    private void Schedule(ManualTimer timer, TimeSpan dueTime, TimeSpan period)
    {
        lock (_gate)
        {
            _timers.Remove(timer);
            if (dueTime == Timeout.InfiniteTimeSpan)
            {
                return;
            }

            timer.Due = Interlocked.Read(ref _ticks) + dueTime.Ticks;
            timer.Period = period == Timeout.InfiniteTimeSpan ? 0 : period.Ticks;
            _timers.Add(timer);
        }

        if (dueTime == TimeSpan.Zero)
        {
            Advance(TimeSpan.Zero);
        }
    }

    private sealed class ManualTimer(ManualClock clock, TimerCallback callback, object? state) : ITimer
    {
        public long Due { get; set; }

        public long Period { get; set; }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            clock.Schedule(this, dueTime, period);
            return true;
        }

        public void Fire() => callback(state);

        public void Dispose() => clock.Schedule(this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
