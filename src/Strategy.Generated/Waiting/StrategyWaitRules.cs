namespace Strategy.Generated;

/// <summary>
/// What the spec's <c>x-strategy-wait</c> declares of one wait, built once by the generated code:
/// the field it reads, how a status reads, how one run is told from the next, and the error answer
/// that means "no status yet".
/// </summary>
/// <param name="StatusField">The JSON name of the field that says how the work went, for messages (<c>status</c>, <c>state</c>).</param>
/// <param name="Classify">What a status says.</param>
/// <param name="RunOf">What tells one run from the next (<c>run</c>), or <see langword="null"/> when the spec declares none.</param>
/// <param name="NoStatusYet">Whether an error answer means there is no status yet (<c>noStatus</c>): pending, not a failure.</param>
/// <param name="Vanished">Whether an error answer means the status has gone for good (<c>vanishes</c>): the outcome is confirmed elsewhere.</param>
/// <param name="DelayOf">How long a running status asks to be left before the next call (its <c>Retry-After</c>), if it says.</param>
internal sealed record StrategyWaitRules<TStatus>(
    string StatusField,
    Func<TStatus, PollOutcome> Classify,
    Func<TStatus, string>? RunOf = null,
    Func<StrategyApiException, bool>? NoStatusYet = null,
    Func<StrategyApiException, bool>? Vanished = null,
    Func<TStatus, TimeSpan?>? DelayOf = null);
