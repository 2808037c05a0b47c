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

/// <summary>The <c>x-strategy-*</c> declarations on one operation.</summary>
internal sealed record WorkflowDeclarations(
    WaitDeclaration? Wait,
    StartDeclaration? Start,
    ScopeDeclaration? Scope,
    PagesDeclaration? Pages)
{
    public static WorkflowDeclarations None { get; } = new(null, null, null, null);
}
