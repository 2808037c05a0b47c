namespace Strategy.Generated;

/// <summary>
/// Confirms the outcome of work whose status has vanished (a job that left the monitor, declared
/// with <c>vanishes</c> of <c>x-strategy-wait</c>): never "done" by itself. The object the work
/// changed says how it ended: its status flags, waited on until it is no longer being worked on,
/// then the durable record of its last update and that update's error. Only a record that names
/// this work makes a success: a cancelled job leaves the object as it was, which reads like a success.
/// </summary>
internal static class StrategyVanish
{
    /// <summary>Confirms the outcome and answers the last status, marked with the confirmed outcome; a failure throws.</summary>
    /// <param name="description">What was waited on (<c>job 478:RU5W…</c>).</param>
    /// <param name="workId">The work's id, to tell its record from another update's.</param>
    /// <param name="last">The last status read before it vanished, if any.</param>
    /// <param name="vanished">The answer that said it had gone.</param>
    /// <param name="subjectLabel">What the subject is, for messages (<c>cube</c>).</param>
    /// <param name="subject">What the work changed, or <see langword="null"/> when nothing says.</param>
    /// <param name="confirm">Waits on the subject's status flags; a failed status throws <see cref="StrategyOperationFailedException"/>.</param>
    /// <param name="record">Reads the subject's last update, or <see langword="null"/> when there is none to read.</param>
    /// <param name="mark">The last status (or a new one) marked with the confirmed outcome: the subject, whether it succeeded, and why not (generated from the declaration, typed).</param>
    /// <param name="statusField">The status field, for the typed failure.</param>
    /// <param name="failed">The value a confirmed failure reads as, for the typed failure.</param>
    /// <param name="options">The wait's options, with its deadline.</param>
    /// <param name="cancellationToken">Cancels the confirmation.</param>
    public static async Task<TStatus> ConfirmAsync<TStatus, TFlags>(
        string description,
        string workId,
        TStatus? last,
        StrategyApiException? vanished,
        string subjectLabel,
        string? subject,
        Func<string, StrategyWaitOptions, CancellationToken, Task<StrategyFlags<TFlags>>> confirm,
        Func<string, CancellationToken, Task<StrategyLastUpdate?>> record,
        Func<TStatus?, string, bool, string?, TStatus> mark,
        string statusField,
        string failed,
        StrategyWaitOptions options,
        CancellationToken cancellationToken)
        where TStatus : class
        where TFlags : struct, Enum
    {
        if (subject is null)
        {
            throw new StrategyOutcomeUnknownException(description, "no status read before names the " + subjectLabel + " it worked on", vanished);
        }

        var what = subjectLabel + " " + subject;
        string flagsWords;
        StrategyOperationFailedException? dirty = null;
        try
        {
            flagsWords = (await confirm(subject, options, cancellationToken).ConfigureAwait(false)).ToString();
        }
        catch (StrategyOperationFailedException ex)
        {
            dirty = ex;
            flagsWords = ex.StateName ?? ex.State;
        }

        StrategyLastUpdate? update;
        try
        {
            update = await record(subject, cancellationToken).ConfigureAwait(false);
        }
        catch (StrategyApiException ex) when (ex.Kind is StrategyErrorKind.NotFound || ex.StatusCode == 503)
        {
            // The record is on a node that is down, or gone: the flags alone decide.
            update = null;
        }

        var fromThisWork = update is not null && update.IsFrom(workId);
        var updateFailed = fromThisWork && update!.ErrorMessage is { Length: > 0 };
        if (dirty is null && fromThisWork && !updateFailed)
        {
            return mark(last, subject, true, null);
        }

        if (dirty is null && !fromThisWork)
        {
            // The flags say the subject is fine, but nothing durable says this work made it so: a
            // cancelled publish leaves the cube as it was, which reads exactly like a success.
            var thisNumber = StrategyJobId.NumberOf(workId);
            if (update?.JobNumber is { } other && thisNumber is { } mine && other < mine)
            {
                // An earlier job made the last update: this one never wrote (cancelled, or stopped before it did).
                var notWritten = "the " + subjectLabel + " was last updated by an earlier job (" + other.ToString(System.Globalization.CultureInfo.InvariantCulture)
                    + "), so this one did not update it: it was cancelled or stopped before it wrote";
                throw new StrategyOperationFailedException(
                    description,
                    statusField,
                    failed,
                    "left the monitor; the " + subjectLabel + " was not updated by it",
                    [new StrategyFailure(what, null, notWritten)],
                    mark(last, subject, false, notWritten));
            }

            var reason = update is null
                ? "the " + subjectLabel + "'s record of its last update could not be read (no cache, or its node is down), so nothing durable names the job that made it"
                : update.JobNumber is { } later
                    ? "the " + subjectLabel + " was last updated by job " + later.ToString(System.Globalization.CultureInfo.InvariantCulture) + ", not by this one (a later publish replaced its update, or it never wrote)"
                    : "the " + subjectLabel + "'s record of its last update does not say which job made it";
            throw new StrategyOutcomeUnknownException(description, reason, vanished);
        }

        var message = updateFailed
            ? update!.ErrorMessage!
            : "the " + subjectLabel + "'s status is " + flagsWords + " after the work ended";
        var failures = new[] { new StrategyFailure(what, null, message) };
        throw new StrategyOperationFailedException(
            description,
            statusField,
            failed,
            "left the monitor; confirmed from the " + subjectLabel + " (" + flagsWords + ")",
            failures,
            mark(last, subject, false, message));
    }
}
