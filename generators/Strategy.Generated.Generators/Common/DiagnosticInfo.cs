using System.Linq;
using Microsoft.CodeAnalysis;
using Strategy.Generated.Generators.Spec;

namespace Strategy.Generated.Generators.Common;

/// <summary>A diagnostic as plain values: its descriptor, where in the spec, and the message's arguments (locations are rebuilt at report time).</summary>
internal sealed record DiagnosticInfo(DiagnosticDescriptor Descriptor, SpecLocation? Location, EquatableArray<string> Arguments)
{
    // Messages may end with an optional part (a "did you mean"); a caller without it gives nothing for it.
    private const int OptionalArguments = 2;

    public static DiagnosticInfo Create(DiagnosticDescriptor descriptor, SpecLocation? location, params string[] arguments) =>
        new(descriptor, location, arguments.ToEquatableArray());

    public Diagnostic ToDiagnostic() => Diagnostic.Create(
        Descriptor,
        Location?.ToLocation() ?? Microsoft.CodeAnalysis.Location.None,
        Arguments.Cast<object>().Concat(System.Linq.Enumerable.Repeat<object>(string.Empty, OptionalArguments)).ToArray());
}
