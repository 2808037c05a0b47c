namespace Strategy.Generated.Generators.Workflows;

/// <summary>
/// A kind of <c>x-strategy-*</c> declaration: its key, and how one is read from an operation.
/// What it resolves to and how that is emitted belong to its declaration and helper types, in the
/// kind's own folder. The generator is handed the kinds as one ordered list (<see cref="DeclarationKinds.Default"/>).
/// </summary>
internal abstract class DeclarationKind
{
    /// <summary>The key, such as <c>x-strategy-wait</c>.</summary>
    public abstract string Extension { get; }

    /// <summary>Reads one declaration; <see langword="null"/> when what is wrong with it was reported.</summary>
    public abstract Declaration? Read(DeclarationEntry entry);
}
