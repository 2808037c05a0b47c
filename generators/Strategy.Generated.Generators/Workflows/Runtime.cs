namespace Strategy.Generated.Generators.Workflows;

/// <summary>
/// The names the generated code uses that the models do not carry: the runtime's types (in the
/// library, public and internal alike), the framework's, and how a helper's name becomes its
/// methods' (<c>Async</c> and the rest). The one place an emitter learns them.
/// </summary>
internal static class Runtime
{
    /// <summary>The namespace of the runtime the helpers call, as generated code names it.</summary>
    private const string Namespace = "global::Strategy.Generated.";

    // The runtime's types the generated code names, each as it writes it.
    public const string Answers = Namespace + "StrategyAnswers";

    public const string ApiException = Namespace + "StrategyApiException";

    public const string Enums = Namespace + "StrategyEnums";

    public const string ExportException = Namespace + "StrategyExportException";

    public const string Files = Namespace + "StrategyFiles";

    public const string FileRules = Namespace + "StrategyFileRules";

    public const string Failure = Namespace + "StrategyFailure";

    public const string OperationFailedException = Namespace + "StrategyOperationFailedException";

    public const string Outcome = Namespace + "StrategyOutcome";

    public const string Paging = Namespace + "StrategyPaging";

    public const string PollOutcome = Namespace + "PollOutcome";

    public const string Polling = Namespace + "StrategyPolling";

    /// <summary>Work followed by its status call, as an operation of the one waiter.</summary>
    public const string StatusOperation = Namespace + "StatusOperation";

    public const string ResourceExpiredException = Namespace + "StrategyResourceExpiredException";

    public const string Scope = Namespace + "StrategyScope";

    public const string ScopeDeclaration = Namespace + "StrategyScopeDeclaration";

    public const string ScopeWork = Namespace + "StrategyScopeWork";

    public const string Start = Namespace + "StrategyStart";


    public const string Flags = Namespace + "StrategyFlags";

    public const string Vanish = Namespace + "StrategyVanish";

    public const string WorkCancelledException = Namespace + "StrategyWorkCancelledException";

    public const string OutcomeUnknownException = Namespace + "StrategyOutcomeUnknownException";

    public const string LastUpdate = "StrategyLastUpdate";

    public const string Work = Namespace + "StrategyWork";

    public const string ResumeToken = Namespace + "StrategyResumeToken";

    /// <summary>The internal method of a wait's client that makes its operation from a resume token.</summary>
    public static string WorkOf(string waitHelper) => WorkOfPrefix + waitHelper;

    /// <summary>What <see cref="WorkOf"/> puts before the wait's name.</summary>
    public const string WorkOfPrefix = "WorkOf";

    public const string UnreachableException = Namespace + "StrategyUnreachableException";

    public const string WaitOptions = Namespace + "StrategyWaitOptions";

    public const string WaitProgress = Namespace + "StrategyWaitProgress";

    public const string WaitRules = Namespace + "StrategyWaitRules";

    public const string WaitTimeoutException = Namespace + "StrategyWaitTimeoutException";

    public const string Wire = Namespace + "StrategyWire";

    public const string Workflow = Namespace + "StrategyWorkflow";

    public const string Tasks = "global::System.Threading.Tasks.";

    public const string TokenParameter = "global::System.Threading.CancellationToken cancellationToken = default";

    public const string OptionsParameter = WaitOptions + "? options = null";

    /// <summary>The public method of a helper: <c>AwaitTask</c> is <c>AwaitTaskAsync</c>.</summary>
    public static string Async(string helper) => helper + "Async";

    /// <summary>The private wait that starts from a status in hand: <c>AwaitTask</c> is <c>AwaitTaskFromStatusAsync</c>.</summary>
    public static string FromStatus(string helper) => helper + "FromStatusAsync";

    /// <summary>The progress parameter of a wait on <paramref name="resultType"/>.</summary>
    public static string Progress(string resultType) =>
        "global::System.IProgress<" + WaitProgress + "<" + resultType + ">>? progress = null";
}
