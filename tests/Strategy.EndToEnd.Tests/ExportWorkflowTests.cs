using System.Diagnostics;
using System.Globalization;
using System.Text;
using ExcelDataReader;
using Strategy.Emulator;
using Strategy.Emulator.Reports;
using Strategy.Generated;
using UglyToad.PdfPig;

namespace Strategy.EndToEnd.Tests;

/// <summary>Reports and dashboards exported over HTTP from the emulator: the files are read back by reader libraries and compared with the seeds.</summary>
public sealed class ExportWorkflowTests : EmulatorTest
{
    [Test]
    public async Task A_reports_CSV_is_its_seeded_grid_with_every_attribute_form_and_metric()
    {
        using var destination = new MemoryStream();

        var result = await Connection.CreateClient<ReportsClient>().ExportReportAsync(ReportSeeds.SalesReportId, destination, new ReportExportOptions { PageSize = 5, Wait = FastWaits });

        var seed = ReportSeeds.Find(ReportSeeds.SalesReportId)!;
        var (count, at) = seed.Rows(new Dictionary<string, object>());
        var expected = new StringBuilder("Region@ID,Region@DESC,Year,Revenue,Units\r\n");
        for (var i = 0; i < count; i++)
        {
            var row = at(i);
            expected.Append(CsvLine([.. row.Elements.SelectMany(e => e.FormValues), .. row.Values.Select(v => v.ToString(CultureInfo.InvariantCulture))]));
        }

        Assert.Multiple(() =>
        {
            Assert.That(Encoding.UTF8.GetString(destination.ToArray()), Is.EqualTo(expected.ToString()));
            Assert.That(result.Rows, Is.EqualTo(count));
            Assert.That(Emulator.RequestCount("GET", "/api/v2/reports/" + ReportSeeds.SalesReportId + "/instances/"), Is.EqualTo((count + 4) / 5), "a page per 5 rows");
        });
    }

    [Test]
    public async Task A_prompted_report_is_answered_by_name_and_its_rows_are_those_the_answers_select()
    {
        var rows = await Connection.CreateClient<ReportsClient>().EnumerateReportRowsAsync(
            ReportSeeds.PromptedReportId,
            new ReportExportOptions
            {
                Prompts = new Dictionary<string, object> { ["Minimum revenue"] = 2000, ["Regions"] = new[] { ReportSeeds.RegionElementId(2), ReportSeeds.RegionElementId(3) } },
                Wait = FastWaits,
            }).ToListAsync();

        Assert.Multiple(() =>
        {
            Assert.That(rows, Is.Not.Empty);
            Assert.That(rows.Select(r => r["Region@DESC"]).Distinct(), Is.SubsetOf(new[] { "South, coastal", "East \"Metro\"" }));
            Assert.That(rows.Select(r => double.Parse(r["Revenue"]!, CultureInfo.InvariantCulture)), Is.All.GreaterThanOrEqualTo(2000));
        });
    }

    [Test]
    public void A_prompted_report_without_its_required_answer_names_the_prompt_and_reads_no_page()
    {
        var error = Assert.ThrowsAsync<StrategyPromptsException>(() => Connection.CreateClient<ReportsClient>().ExportReportAsync(ReportSeeds.PromptedReportId, Stream.Null, new ReportExportOptions { Wait = FastWaits }));

        Assert.Multiple(() =>
        {
            Assert.That(error!.MissingPrompts, Is.EqualTo(new[] { "Minimum revenue" }));
            Assert.That(Emulator.RequestCount("GET", "/api/v2/reports/"), Is.Zero);
        });
    }

#if !STRATEGY_OTHER_ASSET
    // Once, on the net10.0 asset: the netstandard2.0 one reads the same pages with the same code, and a
    // million rows cost the suite half a minute of both cores.
    [Test]
    [NonParallelizable] // GC.GetTotalMemory measures the whole process: nothing else may allocate meanwhile.
    public async Task The_million_row_report_is_exported_whole_with_live_memory_flat_from_the_first_pages_to_the_last()
    {
        var live = new List<long>();
        var destination = new CountingStream();
        var progress = new Sampler(live, every: 20);

        var result = await Connection.CreateClient<ReportsClient>().ExportReportAsync(ReportSeeds.LargeReportId, destination, new ReportExportOptions { Wait = FastWaits with { Timeout = TimeSpan.FromMinutes(5) } }, progress);

        var seed = ReportSeeds.Find(ReportSeeds.LargeReportId)!;
        var last = seed.Rows(new Dictionary<string, object>()).At(ReportSeeds.LargeReportRows - 1);
        Assert.Multiple(() =>
        {
            Assert.That(result.Rows, Is.EqualTo(ReportSeeds.LargeReportRows));
            Assert.That(destination.Lines, Is.EqualTo(ReportSeeds.LargeReportRows + 1), "the header and every row");
            Assert.That(destination.LastLine, Is.EqualTo(CsvLine([.. last.Elements.SelectMany(e => e.FormValues), .. last.Values.Select(v => v.ToString(CultureInfo.InvariantCulture))]).TrimEnd('\r', '\n')));
            Assert.That(live, Has.Count.GreaterThanOrEqualTo(5));

            // Live memory after a full collection, sampled every 20 pages: what a page needs, never what the
            // report holds (its CSV is over 30 MB). Growth from the first sample stays under 16 MB.
            Assert.That(live.Max() - live[0], Is.LessThan(16L * 1024 * 1024), string.Join(", ", live.Select(l => (l / 1024 / 1024) + " MB")));
        });
    }
#endif

    [Test]
    public async Task A_dashboard_PDF_opens_in_a_PDF_reader_with_a_page_per_visualization()
    {
        using var destination = new MemoryStream();

        var result = await Connection.CreateClient<DocumentsClient>().ExportDashboardAsync(ReportSeeds.DashboardId, DashboardExportFormat.Pdf, destination, new DashboardExportOptions { Pdf = new DocumentPdfOptions { Orientation = PdfOrientation.Landscape }, Wait = FastWaits });

        using var pdf = PdfDocument.Open(destination.ToArray());
        var first = pdf.GetPage(1);
        Assert.Multiple(() =>
        {
            Assert.That(pdf.NumberOfPages, Is.EqualTo(DashboardFiles.VisualizationKeys.Count));
            Assert.That(first.Text, Does.Contain(ReportSeeds.DashboardName).And.Contain("South, coastal"));
            Assert.That(first.Width, Is.GreaterThan(first.Height), "landscape, as asked");
            Assert.That(result.Bytes, Is.EqualTo(destination.Length));
            Assert.That(Emulator.DashboardInstanceCount, Is.Zero, "the instance is closed");
        });
    }

    [Test]
    public async Task A_visualization_PDF_holds_only_that_visualization()
    {
        using var destination = new MemoryStream();

        await Connection.CreateClient<DocumentsClient>().ExportDashboardAsync(ReportSeeds.DashboardId, DashboardExportFormat.Pdf, destination, new DashboardExportOptions { Visualization = "K53", Wait = FastWaits });

        using var pdf = PdfDocument.Open(destination.ToArray());
        Assert.Multiple(() =>
        {
            Assert.That(pdf.NumberOfPages, Is.EqualTo(1));
            Assert.That(pdf.GetPage(1).Text, Does.Contain("K53"));
        });
    }

    [Test]
    public async Task A_dashboard_workbook_opens_in_a_spreadsheet_reader_with_a_sheet_per_visualization()
    {
        using var destination = new MemoryStream();

        await Connection.CreateClient<DocumentsClient>().ExportDashboardAsync(ReportSeeds.DashboardId, DashboardExportFormat.Excel, destination, new DashboardExportOptions { Wait = FastWaits });

        destination.Position = 0;
        using var reader = ExcelReaderFactory.CreateOpenXmlReader(destination);
        var sheets = new Dictionary<string, List<object?[]>>();
        do
        {
            var rows = sheets[reader.Name] = [];
            while (reader.Read())
            {
                rows.Add(Enumerable.Range(0, reader.FieldCount).Select(reader.GetValue).ToArray());
            }
        }
        while (reader.NextResult());

        var grid = sheets["K52"];
        Assert.Multiple(() =>
        {
            Assert.That(sheets.Keys, Is.EqualTo(DashboardFiles.VisualizationKeys));
            Assert.That(grid[0], Is.EqualTo(DashboardFiles.Rows("K52")[0]));
            Assert.That(grid[1][0], Is.EqualTo("North"));
            Assert.That(grid[1][2], Is.EqualTo(1137.25), "numbers are numbers in the workbook");
            Assert.That(grid, Has.Count.EqualTo(DashboardFiles.Rows("K52").Count));
        });
    }

    [Test]
    public async Task A_visualizations_CSV_is_its_grid_as_formatted()
    {
        using var destination = new MemoryStream();

        await Connection.CreateClient<DocumentsClient>().ExportDashboardAsync(ReportSeeds.DashboardId, DashboardExportFormat.Csv, destination, new DashboardExportOptions { Visualization = "K52", Wait = FastWaits });

        Assert.That(Encoding.UTF8.GetString(destination.ToArray()), Is.EqualTo(string.Concat(DashboardFiles.Rows("K52").Select(CsvLine))));
    }

    [Test]
    public void A_failed_export_is_the_servers_error_and_leaves_no_instance_open()
    {
        Emulator.FailNextExport("The document could not be rendered: a font is missing.");

        var error = Assert.ThrowsAsync<StrategyApiException>(() => Connection.CreateClient<DocumentsClient>().ExportDashboardAsync(ReportSeeds.DashboardId, DashboardExportFormat.Pdf, Stream.Null, new DashboardExportOptions { Wait = FastWaits }));

        Assert.Multiple(() =>
        {
            Assert.That(error!.Message, Does.Contain("a font is missing"));
            Assert.That(Emulator.DashboardInstanceCount, Is.Zero);
        });
    }

    [Test]
    public void An_export_that_hangs_ends_at_its_time_limit_and_leaves_no_instance_open()
    {
        Emulator.HangNextExport();

        // Long enough for the instance to be created on a busy machine: the export call hangs, so the limit
        // always cuts that one (a limit that cut the create would leave an instance no one knew of).
        var limit = TimeSpan.FromSeconds(6);
        var clock = Stopwatch.StartNew();

        var error = Assert.ThrowsAsync<StrategyWaitTimeoutException>(() => Connection.CreateClient<DocumentsClient>().ExportDashboardAsync(ReportSeeds.DashboardId, DashboardExportFormat.Excel, Stream.Null, new DashboardExportOptions { Wait = FastWaits with { Timeout = limit } }));

        Assert.Multiple(() =>
        {
            Assert.That(clock.Elapsed, Is.GreaterThanOrEqualTo(limit - TimeSpan.FromMilliseconds(50)));
            Assert.That(error!.Timeout, Is.EqualTo(limit));
            Assert.That(Emulator.DashboardInstanceCount, Is.Zero);
        });
    }

    [Test]
    public void A_report_page_that_hangs_half_way_ends_at_the_exports_time_limit_with_the_rows_read()
    {
        Emulator.HangNextExport();

        // Long enough for the first page on a busy machine: the second page hangs, so the limit is always what ends it.
        var limit = TimeSpan.FromSeconds(8);

        var error = Assert.ThrowsAsync<StrategyWaitTimeoutException>(() => Connection.CreateClient<ReportsClient>().ExportReportAsync(ReportSeeds.SalesReportId, Stream.Null, new ReportExportOptions { PageSize = 5, Wait = FastWaits with { Timeout = limit } }));

        Assert.That(error!.Message, Does.Contain("5 row(s) read").And.Not.Contain("status call"), "page reads are calls, not status calls");
    }

    [Test]
    public async Task Report_instances_end_with_the_session()
    {
        await Connection.CreateClient<ReportsClient>().ExportReportAsync(ReportSeeds.SalesReportId, Stream.Null, new ReportExportOptions { Wait = FastWaits });
        var open = Emulator.ReportInstanceCount;

        await Connection.DisposeAsync();

        Assert.Multiple(() =>
        {
            Assert.That(open, Is.EqualTo(1));
            Assert.That(Emulator.ReportInstanceCount, Is.Zero);
        });
    }

    private static string CsvLine(string[] cells) =>
        string.Join(",", cells.Select(c => c.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + c.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : c)) + "\r\n";

    /// <summary>Samples live memory (after a full collection) every few pages.</summary>
    private sealed class Sampler(List<long> live, int every) : IProgress<ReportExportProgress>
    {
        private int _pages;

        public void Report(ReportExportProgress value)
        {
            if (_pages++ % every == 0)
            {
                live.Add(GC.GetTotalMemory(forceFullCollection: true));
            }
        }
    }

    /// <summary>Counts the lines written and keeps only the last: the test holds no more of the file than the export does.</summary>
    private sealed class CountingStream : Stream
    {
        private readonly List<byte> _line = [];
        private byte[] _last = [];

        public long Lines { get; private set; }

        public string LastLine => Encoding.UTF8.GetString(_last).TrimEnd('\r');

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Write(byte[] buffer, int offset, int count)
        {
            for (var i = offset; i < offset + count; i++)
            {
                if (buffer[i] == (byte)'\n')
                {
                    Lines++;
                    _last = [.. _line];
                    _line.Clear();
                }
                else
                {
                    _line.Add(buffer[i]);
                }
            }
        }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
