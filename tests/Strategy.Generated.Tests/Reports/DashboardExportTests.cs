using System.Net;
using System.Net.Http.Headers;
using System.Text;
using RichardSzalay.MockHttp;
using Strategy.Generated.Tests.Support;

namespace Strategy.Generated.Tests.Reports;

/// <summary>A dashboard export, stub by stub: the instance, the file as bytes or as base64 JSON, and the instance closed whatever happens.</summary>
public sealed class DashboardExportTests : ClientTest<DocumentsClient>
{
    private const string DashboardId = "27D332AC6D43352E0928B9A1FCAF4AB0";
    private const string Mid = "75E5264BE9D21EAD71BD96FC156E59DB";
    private static readonly byte[] Pdf = Encoding.ASCII.GetBytes("%PDF-1.7\n1 0 obj << >> endobj\n%%EOF\n");

    private static string InstancesUrl => MockServer.Url($"api/documents/{DashboardId}/instances");

    private static string InstanceUrl => InstancesUrl + "/" + Mid;

    protected override DocumentsClient Create(HttpClient http) => new(http);

    [Test]
    public async Task A_pdf_answered_as_bytes_is_copied_and_the_instance_closed()
    {
        Server.Handler.Expect(HttpMethod.Post, InstancesUrl).Respond(HttpStatusCode.Created, "application/json", $$"""{"mid":"{{Mid}}","status":1}""");
        Server.Handler.Expect(HttpMethod.Post, InstanceUrl + "/pdf")
            .WithHeaders("Accept", "application/octet-stream")
            .WithJsonBody(Newtonsoft.Json.Linq.JObject.Parse("""{"orientation":"LANDSCAPE"}"""))
            .Respond(_ => File(Pdf, "application/octet-stream"));
        Server.Handler.Expect(HttpMethod.Delete, InstanceUrl).Respond(HttpStatusCode.NoContent);
        using var destination = new MemoryStream();

        var result = await Client.ExportDashboardAsync(DashboardId, DashboardExportFormat.Pdf, destination, new DashboardExportOptions { Pdf = new DocumentPdfOptions { Orientation = PdfOrientation.Landscape }, Wait = Waits.Fast });

        Server.Handler.VerifyNoOutstandingExpectation();
        Assert.Multiple(() =>
        {
            Assert.That(destination.ToArray(), Is.EqualTo(Pdf));
            Assert.That(result.Bytes, Is.EqualTo(Pdf.Length));
            Assert.That(result.Visualization, Is.Null);
        });
    }

    [Test]
    public async Task A_file_answered_as_base64_JSON_is_decoded()
    {
        var csv = Encoding.UTF8.GetBytes("Region,Revenue\r\nNorth,\"1,137.25\"\r\n");
        Server.Handler.Expect(HttpMethod.Post, InstancesUrl).Respond(HttpStatusCode.Created, "application/json", $$"""{"mid":"{{Mid}}","status":1}""");
        Server.Handler.Expect(HttpMethod.Post, InstanceUrl + "/visualizations/K52/csv").Respond("application/json", $$"""{"data":"{{Convert.ToBase64String(csv)}}"}""");
        Server.Handler.Expect(HttpMethod.Delete, InstanceUrl).Respond(HttpStatusCode.NoContent);
        using var destination = new MemoryStream();

        var result = await Client.ExportDashboardAsync(DashboardId, DashboardExportFormat.Csv, destination, new DashboardExportOptions { Visualization = "K52", Wait = Waits.Fast });

        Server.Handler.VerifyNoOutstandingExpectation();
        Assert.Multiple(() =>
        {
            Assert.That(destination.ToArray(), Is.EqualTo(csv));
            Assert.That(result.Visualization, Is.EqualTo("K52"));
        });
    }

    [Test]
    public void A_pdf_that_is_an_html_page_is_refused_and_the_instance_still_closed()
    {
        Server.Handler.Expect(HttpMethod.Post, InstancesUrl).Respond(HttpStatusCode.Created, "application/json", $$"""{"mid":"{{Mid}}","status":1}""");
        Server.Handler.Expect(HttpMethod.Post, InstanceUrl + "/pdf").Respond(_ => File(Encoding.UTF8.GetBytes("<html><body>Sign in</body></html>"), "application/octet-stream"));
        Server.Handler.Expect(HttpMethod.Delete, InstanceUrl).Respond(HttpStatusCode.NoContent);
        using var destination = new MemoryStream();

        var error = Assert.ThrowsAsync<StrategyExportException>(() => Client.ExportDashboardAsync(DashboardId, DashboardExportFormat.Pdf, destination, new DashboardExportOptions { Wait = Waits.Fast }));

        Server.Handler.VerifyNoOutstandingExpectation();
        Assert.Multiple(() =>
        {
            Assert.That(error!.Message, Does.Contain("not a PDF").And.Contain(DashboardId));
            Assert.That(destination.Length, Is.Zero, "nothing of a wrong file is written");
        });
    }

    [Test]
    public void A_base64_answer_that_is_not_base64_is_an_export_error()
    {
        Server.Handler.Expect(HttpMethod.Post, InstancesUrl).Respond(HttpStatusCode.Created, "application/json", $$"""{"mid":"{{Mid}}","status":1}""");
        Server.Handler.Expect(HttpMethod.Post, InstanceUrl + "/excel").Respond("application/json", """{"data":"not base64!"}""");
        Server.Handler.Expect(HttpMethod.Delete, InstanceUrl).Respond(HttpStatusCode.NoContent);

        var error = Assert.ThrowsAsync<StrategyExportException>(() => Client.ExportDashboardAsync(DashboardId, DashboardExportFormat.Excel, Stream.Null, new DashboardExportOptions { Wait = Waits.Fast }));

        Assert.That(error!.Message, Does.Contain("base64"));
    }

    [Test]
    public void A_failed_export_is_the_servers_error_and_the_instance_is_closed()
    {
        Server.Handler.Expect(HttpMethod.Post, InstancesUrl).Respond(HttpStatusCode.Created, "application/json", $$"""{"mid":"{{Mid}}","status":1}""");
        Server.Handler.Expect(HttpMethod.Post, InstanceUrl + "/excel").Respond(HttpStatusCode.InternalServerError, "application/json", """{"code":"ERR001","message":"The document could not be rendered."}""");
        Server.Handler.Expect(HttpMethod.Delete, InstanceUrl).Respond(HttpStatusCode.NoContent);

        var error = Assert.ThrowsAsync<StrategyApiException>(() => Client.ExportDashboardAsync(DashboardId, DashboardExportFormat.Excel, Stream.Null, new DashboardExportOptions { Wait = Waits.Fast }));

        Server.Handler.VerifyNoOutstandingExpectation();
        Assert.That(error!.Message, Does.Contain("could not be rendered"));
    }

    [Test]
    public async Task The_instances_life_is_reported_on_the_one_clean_up_path_and_a_failed_close_does_not_hide_the_file()
    {
        Server.Handler.Expect(HttpMethod.Post, InstancesUrl).Respond(HttpStatusCode.Created, "application/json", $$"""{"mid":"{{Mid}}","status":1}""");
        Server.Handler.Expect(HttpMethod.Post, InstanceUrl + "/pdf").Respond(_ => File(Pdf, "application/octet-stream"));
        Server.Handler.Expect(HttpMethod.Delete, InstanceUrl).Respond(HttpStatusCode.Forbidden, "application/json", """{"code":"ERR014","message":"Not allowed."}""");
        var events = new List<StrategyScopeEvent>();
        using var destination = new MemoryStream();

        var result = await Client.ExportDashboardAsync(DashboardId, DashboardExportFormat.Pdf, destination, new DashboardExportOptions { Wait = Waits.Fast with { ScopeChanged = events.Add } });

        Server.Handler.VerifyNoOutstandingExpectation();
        Assert.Multiple(() =>
        {
            Assert.That(result.Bytes, Is.EqualTo(Pdf.Length), "the file was written: the export's outcome stands");
            Assert.That(events.Select(e => e.Kind), Is.EqualTo(new[] { StrategyScopeEventKind.Opened, StrategyScopeEventKind.Closing, StrategyScopeEventKind.CloseFailed }));
            Assert.That(events, Has.All.Matches<StrategyScopeEvent>(e => e.Operation == "ExportDashboard" && e.Resource == "instance" && e.ResourceId == Mid));
            Assert.That(events.Last().Error, Is.InstanceOf<StrategyApiException>().With.Property(nameof(StrategyApiException.StatusCode)).EqualTo(403));
        });
    }

    [TestCase(DashboardExportFormat.Csv, null)]
    [TestCase(DashboardExportFormat.Excel, "K52")]
    public void A_visualization_where_the_format_takes_none_or_none_where_it_needs_one_is_refused_before_anything_is_sent(DashboardExportFormat format, string? visualization)
    {
        Assert.Throws<ArgumentException>(() => Client.ExportDashboardAsync(DashboardId, format, Stream.Null, new DashboardExportOptions { Visualization = visualization }).GetAwaiter().GetResult());
        Server.Handler.VerifyNoOutstandingRequest();
    }

    private static HttpResponseMessage File(byte[] bytes, string type)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue(type);
        return new HttpResponseMessage(HttpStatusCode.OK) { Content = content };
    }
}
