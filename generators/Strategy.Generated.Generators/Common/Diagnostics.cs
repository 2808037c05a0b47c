using Microsoft.CodeAnalysis;

namespace Strategy.Generated.Generators.Common;

/// <summary>Every diagnostic the generator reports. Ids are stable: document them, never reuse them.</summary>
internal static class Diagnostics
{
    private const string Category = "Strategy.Generated.Spec";

    public static readonly DiagnosticDescriptor SpecUnreadable = new(
        "STRAT001",
        "The OpenAPI spec could not be read",
        "The OpenAPI spec could not be read: {0}",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor HeaderNotWrapped = new(
        "STRAT002",
        "A response header is declared but the client method does not expose headers",
        "Operation '{0}' declares response header '{1}', but {2}.{3} does not return the wrapped response; add '{2}.{4}' to wrapResponseMethods in spec/strategy.nswag",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor OperationNotGenerated = new(
        "STRAT003",
        "An operation in the spec has no generated client method",
        "Operation '{0}' has no generated method {1}.{2}; check the operation's tag and operationId and the NSwag settings",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor UnknownOperation = new(
        "STRAT004",
        "A workflow declaration names an operation that does not exist",
        "{0} on '{1}' names operation '{2}', {3}",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor UnknownField = new(
        "STRAT005",
        "A workflow declaration names a field or parameter that does not exist",
        "{0} on '{1}' names {2} '{3}', which {4} does not have{5}",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor EmptyValues = new(
        "STRAT006",
        "A workflow declaration has an empty list of status values",
        "{0} on '{1}' has an empty '{2}' list; list the status values, or leave the key out",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor MissingKey = new(
        "STRAT007",
        "A workflow declaration lacks a required key",
        "{0} on '{1}' lacks '{2}'",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor InvalidValue = new(
        "STRAT008",
        "A workflow declaration has a value that cannot be used in C#",
        "{0} on '{1}' has {2} '{3}', which is not {4}",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor ImpossibleValue = new(
        "STRAT009",
        "A workflow declaration lists a value its field cannot hold",
        "{0} on '{1}' lists '{2}' for '{3}', which {4}; a wait on it could never match",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor UnknownKey = new(
        "STRAT010",
        "A declaration has a key no declaration takes",
        "{0} on '{1}' has '{2}', which is not a setting it takes{3}",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true);
}
