namespace Strategy.Generated;

/// <summary>
/// The resource a scoped workflow ran in (such as a data model instance) expired on the server
/// before the work finished, and the client did not start the work again: because repeating it
/// would not give the same result (<see cref="NotRepeatable"/>), or because it had already been
/// started again once. The cause is the server's answer (<see cref="Exception.InnerException"/>).
/// </summary>
public sealed class StrategyResourceExpiredException : StrategyException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="operation">The workflow's operation, such as <c>PublishDataModel</c>.</param>
    /// <param name="resource">What expired, such as <c>instance</c>.</param>
    /// <param name="resourceId">Its id.</param>
    /// <param name="notRepeatable">What made repeating unsafe (for example <c>table 0D14… (add)</c>); empty when the work was already repeated once.</param>
    /// <param name="reopens">How many times the work had already been started again.</param>
    /// <param name="innerException">The server's answer that said the resource is gone.</param>
    public StrategyResourceExpiredException(string operation, string resource, string resourceId, IReadOnlyList<string> notRepeatable, int reopens, Exception innerException)
        : base(Describe(operation, resource, resourceId, notRepeatable, reopens), innerException)
    {
        Operation = operation;
        Resource = resource;
        ResourceId = resourceId;
        NotRepeatable = notRepeatable;
        Reopens = reopens;
    }

    /// <summary>The workflow's operation.</summary>
    public string Operation { get; }

    /// <summary>What expired, such as <c>instance</c>.</summary>
    public string Resource { get; }

    /// <summary>The id of the resource that expired.</summary>
    public string ResourceId { get; }

    /// <summary>The parts of the request that make repeating the work unsafe; empty when it was already repeated once.</summary>
    public IReadOnlyList<string> NotRepeatable { get; }

    /// <summary>How many times the work had already been started again in a new resource.</summary>
    public int Reopens { get; }

    private static string Describe(string operation, string resource, string resourceId, IReadOnlyList<string> notRepeatable, int reopens) =>
        notRepeatable.Count > 0
            ? $"The {resource} {resourceId} expired on the server during {operation}. It was not started again, because repeating it could change the result for: {string.Join(", ", notRepeatable)}."
            : $"The {resource} {resourceId} expired on the server during {operation}, after the work had already been started again {reopens} time{(reopens == 1 ? string.Empty : "s")}.";
}
