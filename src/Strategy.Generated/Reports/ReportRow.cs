namespace Strategy.Generated;

/// <summary>One row of a report's grid: a value per column, in the order of <see cref="Columns"/>.</summary>
public sealed class ReportRow
{
    internal ReportRow(IReadOnlyList<string> columns, IReadOnlyList<string?> values)
    {
        Columns = columns;
        Values = values;
    }

    /// <summary>The grid's columns: an attribute's forms (Region@ID, Region@DESC, or Region for one form), then the metrics.</summary>
    public IReadOnlyList<string> Columns { get; }

    /// <summary>The values, one per column; a metric without a value is <see langword="null"/>.</summary>
    public IReadOnlyList<string?> Values { get; }

    /// <summary>The value of a column, by name.</summary>
    /// <param name="column">A name of <see cref="Columns"/>.</param>
    /// <exception cref="KeyNotFoundException">The grid has no such column.</exception>
    public string? this[string column]
    {
        get
        {
            for (var i = 0; i < Columns.Count; i++)
            {
                if (string.Equals(Columns[i], column, StringComparison.OrdinalIgnoreCase))
                {
                    return Values[i];
                }
            }

            throw new KeyNotFoundException($"The report has no column '{column}'; its columns are {string.Join(", ", Columns)}.");
        }
    }
}
