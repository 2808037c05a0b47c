using System.Globalization;
using Strategy.Generated;

namespace Strategy.Emulator.Reports;

/// <summary>Writes one page of a seeded report's grid as a server does: the definition names only the elements the page uses, and each row's headers index into them.</summary>
internal static class ReportPage
{
    public static ReportGrid Build(ReportInstance instance, long offset, int limit)
    {
        var report = instance.Report;
        var (count, at) = report.Rows(instance.Answers);
        var first = Math.Min(Math.Max(0, offset), count);
        var size = (int)Math.Min(limit, count - first);
        var elements = report.Attributes.Select(_ => new List<GridElement>()).ToArray();
        var indexes = report.Attributes.Select(_ => new Dictionary<string, int>(StringComparer.Ordinal)).ToArray();
        var headers = new List<IList<int>>(size);
        var raw = new List<IList<object>>(size);
        var formatted = new List<IList<string>>(size);
        for (var i = 0; i < size; i++)
        {
            var row = at(first + i);
            var header = new int[report.Attributes.Count];
            for (var a = 0; a < header.Length; a++)
            {
                var element = row.Elements[a];
                if (!indexes[a].TryGetValue(element.Id, out var index))
                {
                    index = elements[a].Count;
                    indexes[a][element.Id] = index;
                    elements[a].Add(new GridElement { Id = element.Id, Name = element.FormValues[^1], FormValues = [.. element.FormValues] });
                }

                header[a] = index;
            }

            headers.Add(header);
            raw.Add(row.Values.Select(v => (object)v).ToList());
            formatted.Add(row.Values.Select((v, m) => report.Format(m, v)).ToList());
        }

        return new ReportGrid
        {
            Id = report.Id,
            Name = report.Name,
            InstanceId = instance.Id,
            Status = 1,
            Definition = new ReportDefinition
            {
                Grid = new ReportGridDefinition
                {
                    CrossTab = false,
                    MetricsPosition = new MetricsPosition { Axis = "columns", Index = 0 },
                    Rows = report.Attributes.Select((a, i) => new GridObject
                    {
                        Id = a.Id,
                        Name = a.Name,
                        Type = "attribute",
                        Forms = a.Forms.Select(f => new AttributeForm { Id = a.Id + f, Name = f, BaseFormCategory = f, DataType = "varChar" }).ToList(),
                        Elements = elements[i],
                    }).ToList(),
                    Columns =
                    [
                        new GridObject
                        {
                            Id = "00000000000000000000000000000000",
                            Name = "Metrics",
                            Type = "templateMetrics",
                            Elements = report.Metrics.Select(m => new GridElement { Id = m.Id, Name = m.Name }).ToList(),
                        },
                    ],
                },
            },
            Data = new ReportData
            {
                Headers = new GridHeaders { Rows = headers, Columns = [Enumerable.Range(0, report.Metrics.Count).ToList()] },
                MetricValues = new MetricValues { Raw = raw, Formatted = formatted },
                Paging = new GridPaging { Total = count, Current = size, Offset = first, Limit = limit },
            },
        };
    }

    /// <summary>An instance whose prompts wait: no data, status 2.</summary>
    public static ReportGrid Prompted(ReportInstance instance) => new() { Id = instance.Report.Id, Name = instance.Report.Name, InstanceId = instance.Id, Status = 2 };

    /// <summary>The prompts as the server lists them.</summary>
    public static List<ReportPrompt> Prompts(ReportInstance instance) =>
        instance.Report.Prompts.Where(p => p.Level <= instance.Level).Select(p => new ReportPrompt
        {
            Id = p.Id,
            Key = p.Key,
            Name = p.Name,
            Title = p.Name,
            Type = Enum.Parse<PromptType>(p.Type, ignoreCase: true),
            Required = p.Required,
            Closed = instance.Answered || p.Level < instance.Level,
        }).ToList();

    /// <summary>A number as a server writes it in a message.</summary>
    public static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);
}
