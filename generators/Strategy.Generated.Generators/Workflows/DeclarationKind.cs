using System.Collections.Generic;
using System.Linq;
using Strategy.Generated.Generators.Clients;
using Strategy.Generated.Generators.Common;
using Strategy.Generated.Generators.Spec;

namespace Strategy.Generated.Generators.Workflows;

/// <summary>
/// A kind of <c>x-strategy-*</c> declaration: how it is read from the spec, resolved against the
/// generated client into helpers, and emitted. Each kind is one file that registers one instance
/// with <see cref="DeclarationKinds"/>; the shared reader, builder and emitter only iterate the kinds.
/// </summary>
internal abstract class DeclarationKind
{
    /// <summary>The extension key, such as <c>x-strategy-wait</c>.</summary>
    public abstract string Extension { get; }

    /// <summary>Where the kind's helpers come in a client's file, relative to other kinds.</summary>
    public abstract int Order { get; }

    /// <summary>Reads one declaration; <see langword="null"/> when it is reported as wrong.</summary>
    public abstract object? Read(WorkflowReader reader, WorkflowReader.Entry entry);

    /// <summary>Resolves a declaration of this kind against its operation's client method, adding helpers with <see cref="WorkflowsBuilder.Add"/>.</summary>
    public abstract void Resolve(WorkflowsBuilder builder, BoundOperation bound, object declaration);

    /// <summary>Writes one helper into its client class, declaring it on the interface too.</summary>
    public abstract void Emit(HelperEmission emission, object helper);

    /// <summary>Writes what goes after the client and its interface (types the helper extends), if anything.</summary>
    public virtual void EmitAfter(HelperEmission emission, object helper)
    {
    }
}

/// <summary>A kind with its declaration and helper types, so each kind's file is written in its own types.</summary>
internal abstract class DeclarationKind<TDeclaration, THelper> : DeclarationKind
    where TDeclaration : class
    where THelper : class
{
    public sealed override object? Read(WorkflowReader reader, WorkflowReader.Entry entry) => ReadDeclaration(reader, entry);

    public sealed override void Resolve(WorkflowsBuilder builder, BoundOperation bound, object declaration) => Resolve(builder, bound, (TDeclaration)declaration);

    public sealed override void Emit(HelperEmission emission, object helper) => Emit(emission, (THelper)helper);

    public sealed override void EmitAfter(HelperEmission emission, object helper) => EmitAfter(emission, (THelper)helper);

    protected abstract TDeclaration? ReadDeclaration(WorkflowReader reader, WorkflowReader.Entry entry);

    protected abstract void Resolve(WorkflowsBuilder builder, BoundOperation bound, TDeclaration declaration);

    protected abstract void Emit(HelperEmission emission, THelper helper);

    protected virtual void EmitAfter(HelperEmission emission, THelper helper)
    {
    }
}

/// <summary>Where a helper is written: the client's file, the members its interface declares, the client.</summary>
internal sealed class HelperEmission(SourceWriter writer, List<WorkflowsEmitter.InterfaceMember> members, ClientWorkflows client)
{
    public SourceWriter Writer { get; } = writer;

    public List<WorkflowsEmitter.InterfaceMember> Members { get; } = members;

    public ClientWorkflows Client { get; } = client;
}

/// <summary>
/// Every declaration kind. A kind registers itself from its own file, with a static field of this
/// partial class: <c>private static readonly DeclarationKind X = Register(new XKind());</c>.
/// </summary>
internal static partial class DeclarationKinds
{
    private static List<DeclarationKind>? _registered;

    /// <summary>Every kind, in emission order.</summary>
    public static IReadOnlyList<DeclarationKind> All => (_registered ?? []).OrderBy(k => k.Order).ThenBy(k => k.Extension, System.StringComparer.Ordinal).ToList();

    /// <summary>The kind of an extension key, or <see langword="null"/>.</summary>
    public static DeclarationKind? Of(string extension) => All.FirstOrDefault(k => k.Extension == extension);

    /// <summary>Adds a kind (its file does, once; a test may add a fixture kind).</summary>
    internal static DeclarationKind Register(DeclarationKind kind)
    {
        var registered = _registered ??= [];
        if (!registered.Any(k => k.Extension == kind.Extension))
        {
            registered.Add(kind);
        }

        return kind;
    }
}

/// <summary>A declaration read from an operation, with its kind's extension key.</summary>
internal sealed record Declared(string Extension, object Declaration);

/// <summary>A helper to emit, with its kind's extension key.</summary>
internal sealed record KindHelper(string Extension, object Helper);
