using System.Globalization;

namespace Strategy.Generated;

/// <summary>
/// Reads a report's pages as rows (as the official client's parser does): the columns come from the
/// first page's definition (each attribute form, then each metric); a row's headers index into the
/// elements its own page's definition lists. Metrics on the rows (or attributes on both axes) are
/// not read: the export says so rather than writing a wrong file.
/// </summary>
internal sealed class ReportGridReader
{
    private readonly string _export;
    private readonly ReportValues _values;
    private readonly int[] _formsPerAttribute;

    private ReportGridReader(string export, ReportValues values, IReadOnlyList<string> columns, int[] formsPerAttribute, int metrics)
    {
        _export = export;
        _values = values;
        Columns = columns;
        _formsPerAttribute = formsPerAttribute;
        MetricCount = metrics;
    }

    /// <summary>The header row.</summary>
    public IReadOnlyList<string> Columns { get; }

    private int MetricCount { get; }

    /// <summary>Reads the columns from a page's definition.</summary>
    /// <exception cref="StrategyExportException">The grid has a shape the export does not read, or no definition.</exception>
    public static ReportGridReader Of(string export, ReportGrid page, ReportValues values)
    {
        var grid = page.Definition?.Grid ?? throw new StrategyExportException(export, "the server answered a page without the grid's definition.");
        if (grid.CrossTab == true || string.Equals(grid.MetricsPosition?.Axis, "rows", StringComparison.OrdinalIgnoreCase))
        {
            throw new StrategyExportException(export, "the report has its metrics on the rows (or attributes on both axes); only grids with metrics on the columns are exported.");
        }

        var columns = new List<string>();
        var forms = new List<int>();
        foreach (var attribute in grid.Rows ?? [])
        {
            var name = attribute?.Name ?? attribute?.Id ?? "attribute";
            var attributeForms = attribute?.Forms?.Where(f => f is not null).ToList() ?? [];
            if (attributeForms.Count <= 1)
            {
                columns.Add(name);
                forms.Add(1);
            }
            else
            {
                columns.AddRange(attributeForms.Select(f => name + "@" + (f.Name ?? f.Id)));
                forms.Add(attributeForms.Count);
            }
        }

        var metrics = grid.Columns?.LastOrDefault(c => c is not null)?.Elements?.Select(m => m?.Name ?? m?.Id ?? "metric").ToList() ?? [];
        columns.AddRange(metrics);
        return new ReportGridReader(export, values, columns, [.. forms], metrics.Count);
    }

    /// <summary>The rows of one page, checked against its own definition.</summary>
    /// <exception cref="StrategyExportException">A row does not fit the definition.</exception>
    public IEnumerable<string?[]> Rows(ReportGrid page)
    {
        var data = page.Data ?? throw new StrategyExportException(_export, "the server answered a page without data.");
        var headers = data.Headers?.Rows ?? [];
        var attributes = page.Definition?.Grid?.Rows ?? [];
        if (attributes.Count != _formsPerAttribute.Length)
        {
            throw new StrategyExportException(_export, $"a page has {attributes.Count} attribute(s) where the first had {_formsPerAttribute.Length}.");
        }

        var values = _values == ReportValues.Raw ? data.MetricValues?.Raw?.Select(r => r?.Select(Invariant).ToList()).ToList() : data.MetricValues?.Formatted?.Select(r => r?.Select(v => (string?)v).ToList()).ToList();
        if (MetricCount > 0 && (values is null || values.Count != headers.Count))
        {
            throw new StrategyExportException(_export, $"a page has {headers.Count} row header(s) but {values?.Count ?? 0} row(s) of metric values.");
        }

        for (var row = 0; row < headers.Count; row++)
        {
            var cells = new string?[Columns.Count];
            var header = headers[row] ?? [];
            var column = 0;
            for (var a = 0; a < _formsPerAttribute.Length; a++)
            {
                var elements = attributes[a]?.Elements;
                var index = a < header.Count ? header[a] : -1;
                if (elements is null || index < 0 || index >= elements.Count || elements[index] is not { } element)
                {
                    throw new StrategyExportException(_export, $"row {(data.Paging?.Offset ?? 0) + row + 1} names element {index} of {attributes[a]?.Name}, which its page does not list.");
                }

                for (var f = 0; f < _formsPerAttribute[a]; f++)
                {
                    cells[column++] = element.FormValues is { } forms && f < forms.Count ? forms[f] : element.Name;
                }
            }

            var metrics = MetricCount > 0 ? values![row] : null;
            for (var m = 0; m < MetricCount; m++)
            {
                cells[column++] = metrics is not null && m < metrics.Count ? metrics[m] : null;
            }

            yield return cells;
        }
    }

    private static string? Invariant(object? value) => value switch
    {
        null => null,
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        float f => f.ToString("R", CultureInfo.InvariantCulture),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };
}
