using Microsoft.CodeAnalysis;
using Strategy.Generated.Generators.Spec;

namespace Strategy.Generated.Generators.Common;

/// <summary>A diagnostic as plain values (descriptors and locations are rebuilt at report time).</summary>
internal sealed record DiagnosticInfo(string DescriptorId, SpecLocation? Location, EquatableArray<string> Arguments)
{
    public static DiagnosticInfo Create(DiagnosticDescriptor descriptor, SpecLocation? location, params string[] arguments) =>
        new(descriptor.Id, location, arguments.ToEquatableArray());

    public Diagnostic ToDiagnostic() => Diagnostic.Create(
        Diagnostics.ById(DescriptorId),
        Location?.ToLocation() ?? Microsoft.CodeAnalysis.Location.None,
        Arguments.Cast<object>().ToArray());
}
