using Strategy.Generated.Generators.Spec;

namespace Strategy.Generated.Generators.Workflows;

/// <summary>
/// What one operation declares with one kind's key, as the kind read it. Each kind's declaration
/// resolves itself (through its kind's resolver), so the shared builder resolves every kind the
/// same way without knowing its types.
/// </summary>
/// <param name="Places">Where each of its values is written, for diagnostics.</param>
internal abstract record Declaration(SpecPlaces Places) : SpecDeclaration(Places)
{
    /// <summary>Checks the declaration against the spec and the generated client, and adds the helpers it declares to <paramref name="context"/>.</summary>
    public abstract void Resolve(ResolveContext context);
}
