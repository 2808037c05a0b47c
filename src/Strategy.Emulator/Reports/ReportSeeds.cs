using System.Globalization;

namespace Strategy.Emulator.Reports;

/// <summary>The reports and the dashboard every fresh emulator holds.</summary>
public static class ReportSeeds
{
    /// <summary>"Revenue by region and year": 12 rows, Region with two forms (ID, DESC), Year, Revenue and Units.</summary>
    public const string SalesReportId = "CAEA8B8B4D4B7F3C9E2A5D1F0B6C7A81";

    /// <summary>"Revenue over a threshold": the sales grid with a required prompt (Minimum revenue) and an optional one (Regions).</summary>
    public const string PromptedReportId = "5F2E9C1A7B3D4E6F8A0B1C2D3E4F5A6B";

    /// <summary>A report whose regions prompt is nested: asked only once its minimum revenue is answered.</summary>
    public const string NestedPromptReportId = "6A3F0D2B8C4E4F1A9B7D5E3C1A2B4D6F";

    /// <summary>"Every order line": a million rows, generated as they are asked for.</summary>
    public const string LargeReportId = "D0E1F2A3B4C5D6E7F8091A2B3C4D5E6F";

    /// <summary>"Sales dashboard": exports as a real PDF and .xlsx; visualizations K52 (the sales grid) and K53 (revenue by region).</summary>
    public const string DashboardId = "27D332AC6D43352E0928B9A1FCAF4AB0";

    /// <summary>The dashboard's name.</summary>
    public const string DashboardName = "Sales dashboard";

    /// <summary>The attribute Region.</summary>
    public const string RegionAttributeId = "8D679D3711D3E4981000E787EC6DE8A4";

    /// <summary>The required VALUE prompt of the prompted report.</summary>
    public const string MinimumRevenuePromptId = "3A1F0E2D4C5B6A798877665544332211";

    /// <summary>The optional ELEMENTS prompt of the prompted report (element ids h1;RegionAttributeId…).</summary>
    public const string RegionsPromptId = "7B6A5948372615F4E3D2C1B0A9988776";

    /// <summary>How many rows the large report has.</summary>
    public const long LargeReportRows = 1_000_000;

    private static readonly string[] RegionNames = ["North", "South, coastal", "East \"Metro\"", "West"];

    private static readonly int[] Years = [2024, 2025, 2026];

    private static readonly ReportAttributeSeed Region = new(RegionAttributeId, "Region", ["ID", "DESC"]);

    private static readonly ReportAttributeSeed Year = new("8D679D5111D3E4981000E787EC6DE8A4", "Year", ["ID"]);

    private static readonly ReportMetricSeed[] SalesMetrics =
    [
        new("4C05177011D3E877C000B3B2D86C964F", "Revenue", "#,##0.00"),
        new("4C051DB611D3E877C000B3B2D86C964F", "Units", "#,##0"),
    ];

    /// <summary>Every seeded report.</summary>
    public static IReadOnlyList<SeedReport> Reports { get; } =
    [
        new(SalesReportId, "Revenue by region and year", [Region, Year], SalesMetrics, [], _ => Listed(SalesRows())),
        new(
            PromptedReportId,
            "Revenue over a threshold",
            [Region, Year],
            SalesMetrics,
            [
                new(MinimumRevenuePromptId, "P1", "Minimum revenue", "VALUE", Required: true),
                new(RegionsPromptId, "P2", "Regions", "ELEMENTS", Required: false),
            ],
            answers => Listed(Prompted(answers))),
        new(
            NestedPromptReportId,
            "Revenue in chosen regions over a threshold",
            [Region, Year],
            SalesMetrics,
            [
                new(MinimumRevenuePromptId, "P1", "Minimum revenue", "VALUE", Required: true),
                new(RegionsPromptId, "P2", "Regions", "ELEMENTS", Required: true, Level: 2),
            ],
            answers => Listed(Prompted(answers))),
        new(
            LargeReportId,
            "Every order line",
            [new("A7B8C9D0E1F2A3B4C5D6E7F8091A2B3C", "Order", ["ID"]), new("B8C9D0E1F2A3B4C5D6E7F8091A2B3C4D", "Day", ["ID"])],
            [new("C9D0E1F2A3B4C5D6E7F8091A2B3C4D5E", "Amount", "#,##0.00"), new("D0E1F2A3B4C5D6E7F8091A2B3C4D5E6A", "Quantity", "0")],
            [],
            _ => (LargeReportRows, OrderLine)),
    ];

    /// <summary>The report with this id, or <see langword="null"/>.</summary>
    /// <param name="reportId">The report's id.</param>
    public static SeedReport? Find(string reportId) => Reports.FirstOrDefault(r => r.Id.Equals(reportId, StringComparison.OrdinalIgnoreCase));

    /// <summary>The element id a server gives a Region element (for an ELEMENTS answer).</summary>
    /// <param name="regionNumber">1 to 4.</param>
    public static string RegionElementId(int regionNumber) => $"h{regionNumber.ToString(CultureInfo.InvariantCulture)};{RegionAttributeId}";

    private static (long, Func<long, SeedRow>) Listed(List<SeedRow> rows) => (rows.Count, i => rows[checked((int)i)]);

    private static List<SeedRow> SalesRows()
    {
        var rows = new List<SeedRow>();
        for (var r = 1; r <= RegionNames.Length; r++)
        {
            foreach (var year in Years)
            {
                var y = year.ToString(CultureInfo.InvariantCulture);
                rows.Add(new(
                    [new(RegionElementId(r), [r.ToString(CultureInfo.InvariantCulture), RegionNames[r - 1]]), new($"h{y};{Year.Id}", [y])],
                    [(1000 * r) + (137.25 * (year - 2023)), (10 * r) + (year - 2020)]));
            }
        }

        return rows;
    }

    private static List<SeedRow> Prompted(IReadOnlyDictionary<string, object> answers)
    {
        var minimum = answers.TryGetValue("P1", out var min) ? double.Parse((string)min, NumberStyles.Float, CultureInfo.InvariantCulture) : 0;
        var regions = answers.TryGetValue("P2", out var chosen) ? ((IEnumerable<string>)chosen).ToHashSet(StringComparer.OrdinalIgnoreCase) : null;
        return SalesRows().Where(r => r.Values[0] >= minimum && (regions is null || regions.Contains(r.Elements[0].Id))).ToList();
    }

    private static SeedRow OrderLine(long i)
    {
        var order = "O" + (i + 1).ToString("D7", CultureInfo.InvariantCulture);
        var day = new DateTime(2026, 1, 1).AddDays(i % 365).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        return new([new($"h{order};A7B8C9D0E1F2A3B4C5D6E7F8091A2B3C", [order]), new($"h{day};B8C9D0E1F2A3B4C5D6E7F8091A2B3C4D", [day])], [((i % 1000) / 4.0) + 1, (i % 7) + 1]);
    }
}
