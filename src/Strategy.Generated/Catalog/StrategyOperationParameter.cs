namespace Strategy.Generated;

/// <summary>A parameter of a <see cref="StrategyOperation"/>, as the spec declares it.</summary>
public sealed class StrategyOperationParameter
{
    /// <summary>Creates a parameter entry (the generated <see cref="StrategyOperations"/> does).</summary>
    /// <param name="name">Its name on the wire.</param>
    /// <param name="location">Where it goes: <c>path</c>, <c>query</c> or <c>header</c>.</param>
    /// <param name="required">Whether the operation needs it.</param>
    /// <param name="type">Its schema's type (<c>string</c>, <c>integer</c>, <c>boolean</c>…), or <see langword="null"/>.</param>
    /// <param name="allowedValues">Its closed list of values, or none.</param>
    public StrategyOperationParameter(string name, string location, bool required, string? type, IReadOnlyList<string> allowedValues)
    {
        Name = name;
        Location = location;
        Required = required;
        Type = type;
        AllowedValues = allowedValues;
    }

    /// <summary>Its name on the wire.</summary>
    public string Name { get; }

    /// <summary>Where it goes: <c>path</c>, <c>query</c> or <c>header</c>.</summary>
    public string Location { get; }

    /// <summary>Whether the operation needs it.</summary>
    public bool Required { get; }

    /// <summary>Its schema's type (<c>string</c>, <c>integer</c>, <c>boolean</c>…), or <see langword="null"/> when the spec gives none.</summary>
    public string? Type { get; }

    /// <summary>Its closed list of values (an enum), or none.</summary>
    public IReadOnlyList<string> AllowedValues { get; }

    /// <summary>What the spec says of the parameter: the help of its option.</summary>
    public string? Description { get; init; }

    /// <summary>Whether this is the project header, which a client sends from its own project rather than as a value given to the call.</summary>
    public bool IsProjectHeader => Location == "header" && string.Equals(Name, Http.StrategyHeaders.ProjectId, StringComparison.OrdinalIgnoreCase);
}
