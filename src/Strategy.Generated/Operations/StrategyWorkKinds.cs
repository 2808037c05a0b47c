namespace Strategy.Generated;

/// <summary>The kinds of work written by hand rather than declared by an <c>x-strategy-start</c> (the generator writes the others).</summary>
public static partial class StrategyWorkKinds
{
    /// <summary>The subscription runs an event started (<c>TriggerEvent</c>): no start declares them, as the trigger's answer names none of them.</summary>
    public const string TriggerEvent = "TriggerEvent";

    /// <summary>The names of the ids a <c>TriggerEvent</c> work's resume token holds (<see cref="StrategyWork.Arguments"/>); each run it started is a part of the token (<see cref="StrategyResumeToken.Parts"/>), a <see cref="SendSubscription"/> work.</summary>
    public static class TriggerEventArguments
    {
        /// <summary>The event that was fired.</summary>
        public const string EventId = "eventId";
    }
}
