namespace Strategy.Generated;

/// <summary>The kinds of work written by hand rather than declared by an <c>x-strategy-start</c> (the generator writes the others).</summary>
public static partial class StrategyWorkKinds
{
    /// <summary>The subscription runs an event started (<c>TriggerEvent</c>): no start declares them, as the trigger's answer names none of them.</summary>
    public const string TriggerEvent = "TriggerEvent";
}
