using Strategy.Generated;

namespace Strategy.Emulator.State;

/// <summary>
/// One run of a subscription, started by a send or by an event. A data model content runs its
/// refresh through the publish engine (and takes as long as a publish); other contents finish at
/// once. The status moves from executing to finished with a state, as a server's does.
/// </summary>
internal sealed class SubscriptionRun
{
    private const string NodeName = "emulator-node";

    public required string SubscriptionId { get; init; }

    public required DateTimeOffset Started { get; init; }

    /// <summary>The data model refresh this run does, if its content is a data model.</summary>
    public PublishRecord? Publish { get; init; }

    /// <summary>How the run ends once finished, decided at its start (a fault or the publish's outcome decides the rest).</summary>
    public SubscriptionRunState Ending { get; init; } = SubscriptionRunState.Success;

    /// <summary>Why the run fails at once, such as a data model already being published.</summary>
    public string? Refusal { get; init; }

    public required IReadOnlyList<string> Contents { get; init; }

    public required IReadOnlyList<string> Recipients { get; init; }

    public required string DeliveryMode { get; init; }

    public bool IsFinished(DateTimeOffset now) => Refusal is not null || Publish is null || Publish.IsFinished(now);

    public SubscriptionStatus ToModel(DateTimeOffset now)
    {
        var finished = IsFinished(now);
        var ended = Publish is null || Refusal is not null ? Started : Publish.Started + Publish.Duration;
        var state = !finished ? SubscriptionRunState.Invalid
            : Refusal is not null ? SubscriptionRunState.Fail
            : Publish?.ToModel(now) is { Status: < 0 } ? SubscriptionRunState.Fail
            : Ending;
        var error = state == SubscriptionRunState.Fail ? new StatusError { Code = PublishRecord.FailedStatus, Message = Refusal ?? FailureMessage() } : null;
        var contents = Contents.Select(name => new SubscriptionStatusContent { Name = name, NodeName = NodeName, Error = error }).ToList();
        return new SubscriptionStatus
        {
            Id = SubscriptionId,
            Stage = finished ? SubscriptionRunStage.Finished : SubscriptionRunStage.Executing,
            State = state,
            Total = Recipients.Count,
            Estimate = finished || Publish is null ? 0 : (int)Math.Ceiling((Publish.Started + Publish.Duration - now).TotalSeconds),
            Start = Started,
            End = finished ? ended : null,
            Contents = contents,
            Statuses = Recipients.Select(recipient => new SubscriptionRecipientStatus
            {
                Recipient = recipient,
                Contents = contents,
                Destinations =
                [
                    new SubscriptionStatusDestination
                    {
                        Address = DeliveryMode == "HISTORY_LIST" ? "History List" : recipient,
                        Destination = DeliveryMode,
                        Start = Started,
                        End = finished ? ended : null,
                        NodeName = NodeName,
                        Error = error,
                    },
                ],
                Error = error,
            }).ToList(),
        };
    }

    private string FailureMessage() =>
        Publish is not null && Ending != SubscriptionRunState.Fail
            ? "The data model could not be refreshed: a table could not be loaded (injected fault)."
            : "The subscription could not be delivered (injected fault).";
}
