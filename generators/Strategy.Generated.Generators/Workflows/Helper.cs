using Strategy.Generated.Generators.Common;

namespace Strategy.Generated.Generators.Workflows;

/// <summary>
/// What a kind resolved a declaration to: the helper's intent (its names, types, and where each
/// argument comes from), which only its emitter turns into C#.
/// </summary>
internal abstract record Helper
{
    /// <summary>Writes the helper into its client class and declares it on the client's interface.</summary>
    public abstract void Emit(EmitContext context);

    /// <summary>Writes what goes after the client and its interface (a type the helper extends), if anything.</summary>
    public virtual void EmitAfter(EmitContext context)
    {
    }

    /// <summary>How work this helper starts is resumed from a token, when it makes an operation.</summary>
    public virtual ResumeEntry? Resume => null;
}

/// <summary>A kind of resumable work: the operation that starts it, the client whose method makes its operation (the helper's own when <see langword="null"/>), that method, and the names of the arguments its resume token holds.</summary>
internal sealed record ResumeEntry(string Kind, string? Client, string WorkOfMethod, EquatableArray<string> Arguments);
