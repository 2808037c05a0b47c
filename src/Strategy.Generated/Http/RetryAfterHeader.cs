using System.Net.Http.Headers;

namespace Strategy.Generated.Http;

/// <summary>Reads <c>Retry-After</c> (seconds or a date) as a wait from now, on the given clock.</summary>
internal static class RetryAfterHeader
{
    public static TimeSpan? Read(RetryConditionHeaderValue? retryAfter, TimeProvider time)
    {
        if (retryAfter?.Delta is { } delta)
        {
            return delta;
        }

        if (retryAfter?.Date is { } date)
        {
            var wait = date - time.GetUtcNow();
            return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
        }

        return null;
    }
}
