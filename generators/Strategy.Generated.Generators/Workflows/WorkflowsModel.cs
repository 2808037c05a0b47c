using Strategy.Generated.Generators.Common;

namespace Strategy.Generated.Generators.Workflows;

/// <summary>Every workflow helper to emit, grouped by client class, and what was wrong with the declarations.</summary>
internal sealed record WorkflowsModel(EquatableArray<ClientWorkflows> Clients, EquatableArray<DiagnosticInfo> Diagnostics);

/// <summary>The helpers added to one client class.</summary>
internal sealed record ClientWorkflows(
    string Namespace,
    string ClassName,
    EquatableArray<WaitHelper> Waits,
    EquatableArray<StartHelper> Starts,
    EquatableArray<ScopeHelper> Scopes,
    EquatableArray<PagesHelper> Pages);

/// <summary>A parameter of a generated helper.</summary>
internal sealed record HelperParameter(string Name, string Type);

/// <summary>Polls a status operation until the declared values say the work succeeded or failed.</summary>
internal sealed record WaitHelper(
    string OperationId,
    string Name,
    string StatusMethod,
    EquatableArray<HelperParameter> Parameters,
    string ResultType,
    string Describe,
    string StatusJson,
    string StatusProperty,
    EquatableArray<string> Running,
    EquatableArray<string> Succeeded,
    EquatableArray<string> Failed,
    string? FailedBelow,
    string? ErrorsProperty,
    string? ErrorsElementType,
    FailedItemsHelper? FailedItems);

/// <summary>Items of a status answer whose own status fails the work.</summary>
internal sealed record FailedItemsHelper(
    string ItemsProperty,
    string StatusJson,
    string StatusProperty,
    EquatableArray<string> Values,
    string? SubjectProperty,
    string? CodeProperty,
    string? MessageProperty);

/// <summary>Starts work and waits for it.</summary>
internal sealed record StartHelper(
    string OperationId,
    string Name,
    string StartMethod,
    EquatableArray<HelperParameter> Parameters,
    EquatableArray<string> StartArguments,
    string WaitName,
    string WaitOperationId,
    EquatableArray<string> WaitArguments,
    string ResultType,
    bool StartMayAnswerNothing);

/// <summary>Opens a resource, runs the operation and waits for it, and closes the resource whatever happens.</summary>
internal sealed record ScopeHelper(
    string OperationId,
    string Name,
    EquatableArray<HelperParameter> Parameters,
    string OpenOperationId,
    string OpenMethod,
    EquatableArray<string> OpenArguments,
    string OpenHeader,
    string OpenHeaderProperty,
    string ResourceVariable,
    string ScopedMethod,
    EquatableArray<string> ScopedArguments,
    string CloseOperationId,
    string CloseMethod,
    EquatableArray<string> CloseArguments,
    string WaitName,
    string WaitOperationId,
    EquatableArray<string> WaitArguments,
    string ResultType,
    string ResourceName,
    ReopenHelper? Reopen,
    EquatableArray<MinimumItems> BodyMinimums);

/// <summary>A list in the request body that must hold at least <see cref="Count"/> items (<c>minItems</c>), checked before anything is sent.</summary>
internal sealed record MinimumItems(string Parameter, string JsonName, string Property, int Count);

/// <summary>When a scope's resource counts as expired, and which request items make starting again unsafe.</summary>
internal sealed record ReopenHelper(string ErrorCode, RepeatableHelper? Repeatable);

/// <summary>Items of a request parameter whose field must hold one of <see cref="Values"/> for the work to be repeatable.</summary>
internal sealed record RepeatableHelper(
    string Parameter,
    string ItemsProperty,
    string FieldJson,
    string FieldProperty,
    EquatableArray<string> Values,
    string? SubjectProperty);

/// <summary>Walks an offset/limit list lazily.</summary>
internal sealed record PagesHelper(
    string OperationId,
    string Name,
    string ListMethod,
    EquatableArray<HelperParameter> Parameters,
    EquatableArray<string> ListArguments,
    string ItemType,
    string ItemsAccess,
    string TotalAccess,
    string TotalSource);
