using Microsoft.CodeAnalysis;

namespace Strategy.Generated.Generators.Common;

/// <summary>
/// Every diagnostic the generator reports, one per kind of mistake, each with its page in
/// <c>docs/diagnostics/</c>. Ids are stable: never reuse one. A new one goes into
/// <c>AnalyzerReleases.Unshipped.md</c> (the build checks it) and gets its page (a test checks it).
/// </summary>
internal static class Diagnostics
{
    private const string Category = "Strategy.Generated.Spec";

    /// <summary>Where the page of each diagnostic is, in the repository (<c>docs/diagnostics/STRAT001.md</c>).</summary>
    public const string HelpLinkBase = "docs/diagnostics/";

    public static readonly DiagnosticDescriptor SpecUnreadable = Error(
        "STRAT001",
        "The OpenAPI spec could not be read",
        "The OpenAPI spec could not be read: {0}");

    public static readonly DiagnosticDescriptor HeaderNotWrapped = Error(
        "STRAT002",
        "A response header is declared but the client method does not expose headers",
        "Operation '{0}' declares response header '{1}', but {2}.{3} does not return the wrapped response; add '{2}.{4}' to wrapResponseMethods in spec/strategy.nswag");

    public static readonly DiagnosticDescriptor OperationNotGenerated = Error(
        "STRAT003",
        "An operation in the spec has no generated client method",
        "Operation '{0}' has no generated method {1}.{2}; check the operation's tag and operationId and the NSwag settings");

    public static readonly DiagnosticDescriptor UnknownOperation = Error(
        "STRAT004",
        "A declaration names an operation the spec does not have",
        "{0} on '{1}' names operation '{2}', which the spec does not have{3}");

    public static readonly DiagnosticDescriptor UnknownResponseField = Error(
        "STRAT005",
        "A declaration names a response field that does not exist",
        "{0} on '{1}' names field '{2}', which the response of {3} does not have{4}");

    public static readonly DiagnosticDescriptor EmptyValues = Error(
        "STRAT006",
        "A declaration has an empty list",
        "{0} on '{1}' has an empty '{2}' list; list the values, or leave the key out");

    public static readonly DiagnosticDescriptor MissingKey = Error(
        "STRAT007",
        "A declaration lacks a required key",
        "{0} on '{1}' lacks '{2}'");

    public static readonly DiagnosticDescriptor InvalidValue = Error(
        "STRAT008",
        "A declaration has a value that cannot be used in C#",
        "{0} on '{1}' has {2} '{3}', which is not {4}");

    public static readonly DiagnosticDescriptor ImpossibleValue = Error(
        "STRAT009",
        "A declaration lists a value its field cannot hold",
        "{0} on '{1}' lists '{2}' for '{3}', which {4}; a wait on it could never match");

    public static readonly DiagnosticDescriptor UnknownKey = Error(
        "STRAT010",
        "A declaration has a key no declaration takes",
        "{0} on '{1}' has '{2}', which is not a setting it takes{3}");

    public static readonly DiagnosticDescriptor NotAWait = Error(
        "STRAT011",
        "A declaration waits with an operation that declares no wait",
        "{0} on '{1}' waits with operation '{2}', which has no x-strategy-wait; declare one on it");

    public static readonly DiagnosticDescriptor OperationInAnotherClient = Error(
        "STRAT012",
        "A declaration names an operation of another client",
        "{0} on '{1}' names operation '{2}', but {3}");

    public static readonly DiagnosticDescriptor NoResponseBody = Error(
        "STRAT013",
        "A declaration reads a response body the operation does not answer",
        "{0} on '{1}' reads the response body of {2}, which answers none{3}");

    public static readonly DiagnosticDescriptor UnknownItemField = Error(
        "STRAT014",
        "A declaration names a field the items of a list do not have",
        "{0} on '{1}' names field '{2}', which the items of '{3}' do not have{4}");

    public static readonly DiagnosticDescriptor UnknownParameter = Error(
        "STRAT015",
        "A declaration names a parameter the operation does not take",
        "{0} on '{1}' names parameter '{2}', which {3} does not take{4}");

    public static readonly DiagnosticDescriptor UnknownHeader = Error(
        "STRAT016",
        "A declaration names a response header the operation does not declare",
        "{0} on '{1}' names response header '{2}', which {3} does not declare (declare it under the success response, and wrap the method in spec/strategy.nswag)");

    public static readonly DiagnosticDescriptor UnknownSuccessStatus = Error(
        "STRAT017",
        "A declaration names a success status the operation does not answer",
        "{0} on '{1}' names status '{2}', which is not one of its success responses ({3})");

    public static readonly DiagnosticDescriptor NotAnErrorObject = Error(
        "STRAT018",
        "A declaration reads errors from objects without a code and a message",
        "{0} on '{1}' reads errors from '{2}', whose objects lack 'code' and 'message'");

    public static readonly DiagnosticDescriptor UnknownList = Error(
        "STRAT019",
        "A declaration names a list that does not exist",
        "{0} on '{1}' names list '{2}', which {3} does not have");

    public static readonly DiagnosticDescriptor ConflictingKeys = Error(
        "STRAT020",
        "A declaration has two settings that cannot go together",
        "{0} on '{1}' has '{2}', which cannot be given with '{3}'");

    public static readonly DiagnosticDescriptor NotFlags = Error(
        "STRAT021",
        "A wait reads a header whose schema is not a set of flags",
        "{0} on '{1}' reads header '{2}' as flags, but {3}; give the header a schema with x-enumFlags and x-enumNames");

    public static readonly DiagnosticDescriptor UnknownRecordMethod = Error(
        "STRAT022",
        "A declaration names a method the client does not have",
        "{0} on '{1}' names '{2}', but {3} has no public method {4}(string, string, CancellationToken) answering Task<StrategyLastUpdate?>; write it in a partial class of the client");

    public static readonly DiagnosticDescriptor NotAHeaderWait = Error(
        "STRAT023",
        "A declaration confirms with a wait that does not read flags",
        "{0} on '{1}' confirms with '{2}', whose x-strategy-wait does not read a header as flags (header:); confirm with one that does");

    public static readonly DiagnosticDescriptor StatusNotWrapped = Error(
        "STRAT024",
        "A wait reads the HTTP status but the client method does not expose it",
        "{0} on '{1}' reads the answer's HTTP status, but {2} does not return the wrapped response; add '{3}' to wrapResponseMethods in spec/strategy.nswag");

    public static readonly DiagnosticDescriptor NotAFile = Error(
        "STRAT025",
        "A file declaration on an operation that does not answer a file",
        "{0} on '{1}' declares a file answer, but {2} answers {3}; declare its success response as application/octet-stream with a binary schema (type: string, format: binary)");

    public static readonly DiagnosticDescriptor NameTaken = Error(
        "STRAT026",
        "Two operations would have the same command or cmdlet",
        "{0} on '{1}': its {2} '{3}' is already the {2} of '{4}'; declare another name ({0}: <name>), or mark the one a hand-written workflow reaches ({0}: {{ handwritten: <name> }}) on that operation only");

    public static readonly DiagnosticDescriptor UnapprovedVerb = Error(
        "STRAT027",
        "A cmdlet name does not start with an approved PowerShell verb",
        "{0} on '{1}' names cmdlet '{2}', but '{3}' is not an approved PowerShell verb (Get-Verb lists them){4}");

    public static readonly DiagnosticDescriptor StartNotResumable = Error(
        "STRAT028",
        "A start waits with a wait that cannot be resumed",
        "{0} on '{1}' waits with '{2}', but {3}; a start answers its work as an operation another process can resume, so its wait reads a status body with text parameters");

    /// <summary>Every diagnostic, for the test that each has its page and its release note.</summary>
    public static System.Collections.Generic.IReadOnlyList<DiagnosticDescriptor> All { get; } =
    [
        SpecUnreadable, HeaderNotWrapped, OperationNotGenerated, UnknownOperation, UnknownResponseField, EmptyValues, MissingKey, InvalidValue,
        ImpossibleValue, UnknownKey, NotAWait, OperationInAnotherClient, NoResponseBody, UnknownItemField, UnknownParameter, UnknownHeader,
        UnknownSuccessStatus, NotAnErrorObject, UnknownList, ConflictingKeys, NotFlags, UnknownRecordMethod, NotAHeaderWait,
        StatusNotWrapped, NotAFile, NameTaken, UnapprovedVerb, StartNotResumable,
    ];

    private static DiagnosticDescriptor Error(string id, string title, string message) =>
        new(id, title, message, Category, DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpLinkBase + id + ".md");
}
