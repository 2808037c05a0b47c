namespace Strategy.Generated;

/// <summary>
/// A top-level property of an operation's request body that is one value or a list of values (text, a
/// number, a flag), as the spec declares it: a command offers it as an option, so a simple body needs
/// no JSON. Deeper properties are given as JSON.
/// </summary>
public sealed class StrategyOperationBodyField
{
    /// <summary>Creates a body field entry (the generated <see cref="StrategyOperations"/> does).</summary>
    /// <param name="name">Its name in the body.</param>
    /// <param name="type">Its value's type: <c>string</c>, <c>integer</c>, <c>number</c> or <c>boolean</c>.</param>
    /// <param name="isArray">Whether it is a list of such values.</param>
    /// <param name="required">Whether the body must have it.</param>
    /// <param name="allowedValues">Its closed list of values, or none.</param>
    public StrategyOperationBodyField(string name, string type, bool isArray, bool required, IReadOnlyList<string> allowedValues)
    {
        Name = name;
        Type = type;
        IsArray = isArray;
        Required = required;
        AllowedValues = allowedValues;
    }

    /// <summary>Its name in the body.</summary>
    public string Name { get; }

    /// <summary>Its value's type: <c>string</c>, <c>integer</c>, <c>number</c> or <c>boolean</c>.</summary>
    public string Type { get; }

    /// <summary>Whether it is a list of such values.</summary>
    public bool IsArray { get; }

    /// <summary>Whether the body must have it.</summary>
    public bool Required { get; }

    /// <summary>Its closed list of values (an enum), or none.</summary>
    public IReadOnlyList<string> AllowedValues { get; }

    /// <summary>What the spec says of it: the help of its option.</summary>
    public string? Description { get; init; }

    /// <summary>Whether it holds a secret (<c>format: password</c>, or a name such as password or token): never taken on a command line.</summary>
    public bool IsSecret { get; init; }
}
