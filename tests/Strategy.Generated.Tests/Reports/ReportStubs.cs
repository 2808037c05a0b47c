using Newtonsoft.Json.Linq;
using Strategy.Generated.Tests.Support;

namespace Strategy.Generated.Tests.Reports;

/// <summary>The answers of a server's report endpoints, for stub sequences: a grid of Region (ID, DESC) by Revenue.</summary>
internal static class ReportStubs
{
    public const string ReportId = "CAEA8B8B4D4B7F3C9E2A5D1F0B6C7A81";
    public const string InstanceId = "62AF80E4D0BCA1A7C42F94380E53E82B";

    public static readonly (string Id, string Desc, double Revenue)[] Rows =
    [
        ("1", "North", 1137.25),
        ("2", "South, coastal", 2000),
        ("3", "East \"Metro\"", 12.5),
    ];

    public static string CreateUrl => MockServer.Url($"api/v2/reports/{ReportId}/instances");

    public static string PageUrl => MockServer.Url($"api/v2/reports/{ReportId}/instances/{InstanceId}");

    public static string StatusUrl => MockServer.Url($"api/reports/{ReportId}/instances/{InstanceId}/status");

    public static string PromptsUrl => MockServer.Url($"api/reports/{ReportId}/instances/{InstanceId}/prompts");

    public static string AnswersUrl => MockServer.Url($"api/reports/{ReportId}/instances/{InstanceId}/prompts/answers");

    /// <summary>An instance whose prompts wait for answers.</summary>
    public static string PromptsWaiting => new JObject { ["id"] = ReportId, ["instanceId"] = InstanceId, ["status"] = 2 }.ToString();

    public static string Status(int status) => new JObject { ["status"] = status }.ToString();

    /// <summary>A page of <see cref="Rows"/> from <paramref name="offset"/>, at most <paramref name="limit"/> rows; the definition names only the page's elements.</summary>
    public static string Page(int offset, int limit, int status = 1)
    {
        var rows = Rows.Skip(offset).Take(limit).ToList();
        return new JObject
        {
            ["id"] = ReportId,
            ["name"] = "Revenue by region",
            ["instanceId"] = InstanceId,
            ["status"] = status,
            ["definition"] = new JObject
            {
                ["grid"] = new JObject
                {
                    ["crossTab"] = false,
                    ["metricsPosition"] = new JObject { ["axis"] = "columns", ["index"] = 0 },
                    ["rows"] = new JArray(new JObject
                    {
                        ["id"] = "8D679D3711D3E4981000E787EC6DE8A4",
                        ["name"] = "Region",
                        ["type"] = "attribute",
                        ["forms"] = new JArray(new JObject { ["id"] = "F1", ["name"] = "ID", ["baseFormCategory"] = "ID" }, new JObject { ["id"] = "F2", ["name"] = "DESC", ["baseFormCategory"] = "DESC" }),
                        ["elements"] = new JArray(rows.Select(r => new JObject { ["id"] = "h" + r.Id, ["name"] = r.Desc, ["formValues"] = new JArray(r.Id, r.Desc) })),
                    }),
                    ["columns"] = new JArray(new JObject
                    {
                        ["id"] = "00000000000000000000000000000000",
                        ["name"] = "Metrics",
                        ["type"] = "templateMetrics",
                        ["elements"] = new JArray(new JObject { ["id"] = "4C05177011D3E877C000B3B2D86C964F", ["name"] = "Revenue" }),
                    }),
                },
            },
            ["data"] = new JObject
            {
                ["headers"] = new JObject
                {
                    ["rows"] = new JArray(rows.Select((_, i) => new JArray(i))),
                    ["columns"] = new JArray { new JArray(0) },
                },
                ["metricValues"] = new JObject
                {
                    ["raw"] = new JArray(rows.Select(r => new JArray(r.Revenue))),
                    ["formatted"] = new JArray(rows.Select(r => new JArray(r.Revenue.ToString("$#,##0.00", System.Globalization.CultureInfo.InvariantCulture)))),
                },
                ["paging"] = new JObject { ["total"] = Rows.Length, ["current"] = rows.Count, ["offset"] = offset, ["limit"] = limit },
            },
        }.ToString();
    }

    public static string Prompts(bool requiredAnswered = false) => new JArray(
        new JObject { ["id"] = "P1ID", ["key"] = "P1@0@10", ["name"] = "Minimum revenue", ["type"] = "VALUE", ["required"] = true, ["closed"] = requiredAnswered },
        new JObject { ["id"] = "P2ID", ["key"] = "P2@0@10", ["name"] = "Regions", ["type"] = "ELEMENTS", ["required"] = false, ["closed"] = false }).ToString();

    /// <summary>The CSV of <see cref="Rows"/>, as RFC 4180 writes it.</summary>
    public const string Csv = "Region@ID,Region@DESC,Revenue\r\n1,North,1137.25\r\n2,\"South, coastal\",2000\r\n3,\"East \"\"Metro\"\"\",12.5\r\n";
}
