using System.Globalization;

namespace Strategy.Emulator.Reports;

/// <summary>An attribute on a seeded report's rows, with its forms (each a column of the export).</summary>
/// <param name="Id">The attribute's id.</param>
/// <param name="Name">The attribute's name.</param>
/// <param name="Forms">Its forms, by name (ID, DESC).</param>
public sealed record ReportAttributeSeed(string Id, string Name, IReadOnlyList<string> Forms);

/// <summary>A metric on a seeded report's columns.</summary>
/// <param name="Id">The metric's id.</param>
/// <param name="Name">The metric's name.</param>
/// <param name="Format">Its .NET number format, for the formatted values.</param>
public sealed record ReportMetricSeed(string Id, string Name, string Format);

/// <summary>One element of an attribute in a row: its id and a value for each form.</summary>
/// <param name="Id">The element's id (h1;attributeId, as a server writes it).</param>
/// <param name="FormValues">A value for each of the attribute's forms.</param>
public sealed record SeedElement(string Id, IReadOnlyList<string> FormValues);

/// <summary>One row of a seeded grid: an element per attribute, a value per metric.</summary>
/// <param name="Elements">An element for each attribute, in order.</param>
/// <param name="Values">A raw value for each metric, in order.</param>
public sealed record SeedRow(IReadOnlyList<SeedElement> Elements, IReadOnlyList<double> Values);

/// <summary>A prompt of a seeded report.</summary>
/// <param name="Id">The prompt's id.</param>
/// <param name="Key">Its key in an instance.</param>
/// <param name="Name">Its name.</param>
/// <param name="Type">VALUE or ELEMENTS.</param>
/// <param name="Required">Whether the report runs only once it is answered.</param>
/// <param name="Level">How deep it is nested: a prompt of level 2 is asked once those of level 1 are answered, as a server asks nested prompts.</param>
public sealed record SeedPrompt(string Id, string Key, string Name, string Type, bool Required, int Level = 1);

/// <summary>
/// A report the emulator serves: its grid's attributes and metrics, its prompts, and its rows for
/// given answers, produced as they are asked for (a large report is never held in memory).
/// </summary>
public sealed class SeedReport
{
    private readonly Func<IReadOnlyDictionary<string, object>, (long Count, Func<long, SeedRow> At)> _rows;

    internal SeedReport(string id, string name, IReadOnlyList<ReportAttributeSeed> attributes, IReadOnlyList<ReportMetricSeed> metrics, IReadOnlyList<SeedPrompt> prompts, Func<IReadOnlyDictionary<string, object>, (long Count, Func<long, SeedRow> At)> rows)
    {
        Id = id;
        Name = name;
        Attributes = attributes;
        Metrics = metrics;
        Prompts = prompts;
        _rows = rows;
    }

    /// <summary>The report's id.</summary>
    public string Id { get; }

    /// <summary>The report's name.</summary>
    public string Name { get; }

    /// <summary>The attributes on its rows, in order.</summary>
    public IReadOnlyList<ReportAttributeSeed> Attributes { get; }

    /// <summary>The metrics on its columns, in order.</summary>
    public IReadOnlyList<ReportMetricSeed> Metrics { get; }

    /// <summary>Its prompts.</summary>
    public IReadOnlyList<SeedPrompt> Prompts { get; }

    /// <summary>How many rows the grid has for these answers, and row <c>i</c> of it.</summary>
    /// <param name="answers">The answers by prompt key: a text for VALUE, element ids for ELEMENTS.</param>
    public (long Count, Func<long, SeedRow> At) Rows(IReadOnlyDictionary<string, object> answers) => _rows(answers);

    /// <summary>A metric value as the report formats it.</summary>
    /// <param name="metric">The metric's place.</param>
    /// <param name="value">The raw value.</param>
    public string Format(int metric, double value) => value.ToString(Metrics[metric].Format, CultureInfo.InvariantCulture);
}
