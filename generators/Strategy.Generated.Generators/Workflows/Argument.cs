namespace Strategy.Generated.Generators.Workflows;

/// <summary>Where one argument of a call a helper makes comes from; the emitter writes it.</summary>
internal abstract record Argument
{
    /// <summary>The helper's own parameter (or a variable of the helper's code) of this name.</summary>
    public sealed record Named(string Name) : Argument;

    /// <summary>A value the spec fixes (<c>set</c>), of the parameter's type: a string, or an enum's value.</summary>
    public sealed record Constant(string Type, string Value) : Argument;

    /// <summary>A property of the answer that started the work (<c>bind</c>).</summary>
    public sealed record AnswerField(string Property) : Argument;

    /// <summary>An optional parameter the helper does not offer: the server's default.</summary>
    public sealed record Omitted : Argument;
}
