using Strategy.Generated.Generators.Common;

namespace Strategy.Generated.Generators.Workflows;

/// <summary>Every workflow helper to emit, grouped by client class, and what was wrong with the declarations.</summary>
internal sealed record WorkflowsModel(EquatableArray<ClientWorkflows> Clients, EquatableArray<DiagnosticInfo> Diagnostics);

/// <summary>The helpers added to one client class, in their kinds' order.</summary>
internal sealed record ClientWorkflows(string Namespace, string ClassName, EquatableArray<Helper> Helpers);

/// <summary>A parameter of a generated helper.</summary>
internal sealed record HelperParameter(string Name, string Type);
