using System.Globalization;
using System.Text;
using SpreadCheetah;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Fonts.Standard14Fonts;
using UglyToad.PdfPig.Writer;

namespace Strategy.Emulator.Reports;

/// <summary>The seeded dashboard's files, real ones: a PDF a reader opens, an .xlsx a spreadsheet opens, a visualization's CSV.</summary>
public static class DashboardFiles
{
    /// <summary>The visualization keys of the dashboard: K52 is the sales grid, K53 revenue by region.</summary>
    public static IReadOnlyList<string> VisualizationKeys { get; } = ["K52", "K53"];

    /// <summary>The rows of a visualization, with its header row first, as its CSV holds them.</summary>
    /// <param name="key">K52 or K53.</param>
    public static IReadOnlyList<string[]> Rows(string key)
    {
        var sales = ReportSeeds.Find(ReportSeeds.SalesReportId)!;
        var (count, at) = sales.Rows(new Dictionary<string, object>());
        var rows = Enumerable.Range(0, (int)count).Select(i => at(i)).ToList();
        if (key.Equals("K52", StringComparison.OrdinalIgnoreCase))
        {
            return [["Region", "Year", "Revenue", "Units"], .. rows.Select(r => new[] { r.Elements[0].FormValues[1], r.Elements[1].FormValues[0], sales.Format(0, r.Values[0]), sales.Format(1, r.Values[1]) })];
        }

        return [["Region", "Revenue"], .. rows.GroupBy(r => r.Elements[0].FormValues[1]).Select(g => new[] { g.Key, sales.Format(0, g.Sum(r => r.Values[0])) })];
    }

    /// <summary>The dashboard (or one visualization of it) as a PDF: a title page line and the grid's rows as text.</summary>
    /// <param name="key">A visualization key, or <see langword="null"/> for the whole dashboard.</param>
    /// <param name="landscape">Whether the pages are landscape.</param>
    public static byte[] Pdf(string? key, bool landscape)
    {
        var builder = new PdfDocumentBuilder();
        var font = builder.AddStandard14Font(Standard14Font.Helvetica);
        foreach (var visualization in key is null ? VisualizationKeys : [key])
        {
            var page = builder.AddPage(PageSize.A4, isPortrait: !landscape);
            var y = page.PageSize.Height - 60;
            page.AddText($"{ReportSeeds.DashboardName} - {visualization}", 16, new PdfPoint(40, y), font);
            foreach (var row in Rows(visualization))
            {
                y -= 18;
                page.AddText(string.Join("   ", row), 10, new PdfPoint(40, y), font);
            }
        }

        return builder.Build();
    }

    /// <summary>The dashboard as an .xlsx workbook, a sheet per visualization.</summary>
    public static async Task<byte[]> ExcelAsync(CancellationToken cancellationToken)
    {
        using var file = new MemoryStream();
        await using (var spreadsheet = await Spreadsheet.CreateNewAsync(file, cancellationToken: cancellationToken))
        {
            foreach (var key in VisualizationKeys)
            {
                await spreadsheet.StartWorksheetAsync(key, token: cancellationToken);
                var rows = Rows(key);
                await spreadsheet.AddRowAsync(rows[0].Select(h => new Cell(h)).ToArray(), cancellationToken);
                foreach (var row in rows.Skip(1))
                {
                    await spreadsheet.AddRowAsync(row.Select(Cell).ToArray(), cancellationToken);
                }
            }

            await spreadsheet.FinishAsync(cancellationToken);
        }

        return file.ToArray();
    }

    /// <summary>A visualization as CSV (RFC 4180, UTF-8).</summary>
    /// <param name="key">K52 or K53.</param>
    public static byte[] Csv(string key)
    {
        var text = new StringBuilder();
        foreach (var row in Rows(key))
        {
            text.Append(string.Join(",", row.Select(Quote))).Append("\r\n");
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }

    private static Cell Cell(string value) =>
        double.TryParse(value, NumberStyles.Number, CultureInfo.InvariantCulture, out var number) ? new Cell(number) : new Cell(value);

    private static string Quote(string value) =>
        value.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
}
