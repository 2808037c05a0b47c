using System.Diagnostics;
using System.Net;
using System.Text;
using Newtonsoft.Json.Linq;
using RichardSzalay.MockHttp;
using Strategy.Generated.Tests.Support;
using static Strategy.Generated.Tests.Reports.ReportStubs;

namespace Strategy.Generated.Tests.Reports;

/// <summary>A report export, stub by stub: the run, its prompts, its status as the HTTP status, its pages.</summary>
public sealed class ReportExportTests : ClientTest<ReportsClient>
{
    protected override ReportsClient Create(HttpClient http) => new(http);

    [Test]
    public async Task A_report_that_runs_202_then_200_is_written_page_by_page_as_RFC_4180_CSV()
    {
        Server.Handler.Expect(HttpMethod.Post, CreateUrl).WithQueryString("executionStage", "resolve_prompts").Respond("application/json", Page(0, 0, status: 1).Replace("\"status\": 1", "\"status\": 3", StringComparison.Ordinal));
        Server.Handler.Expect(HttpMethod.Get, StatusUrl).Respond(_ => MockServer.Answer(HttpStatusCode.Accepted, Status(3), ("Retry-After", "1")));
        Server.Handler.Expect(HttpMethod.Get, StatusUrl).Respond("application/json", Status(1));
        Server.Handler.Expect(HttpMethod.Get, PageUrl).WithQueryString(new Dictionary<string, string> { ["offset"] = "0", ["limit"] = "2" }).Respond("application/json", Page(0, 2));
        Server.Handler.Expect(HttpMethod.Get, PageUrl).WithQueryString(new Dictionary<string, string> { ["offset"] = "2", ["limit"] = "2" }).Respond("application/json", Page(2, 2));
        var seen = new List<ReportExportProgress>();
        using var destination = new MemoryStream();

        var clock = Stopwatch.StartNew();
        var result = await Client.ExportReportAsync(ReportId, destination, new ReportExportOptions { PageSize = 2, Wait = Waits.Fast }, new Collect(seen));
        clock.Stop();

        Server.Handler.VerifyNoOutstandingExpectation();
        Assert.Multiple(() =>
        {
            Assert.That(Encoding.UTF8.GetString(destination.ToArray()), Is.EqualTo(Csv));
            Assert.That(result.Rows, Is.EqualTo(3));
            Assert.That(result.Columns, Is.EqualTo(new[] { "Region@ID", "Region@DESC", "Revenue" }));
            Assert.That(seen, Is.EqualTo(new[] { new ReportExportProgress(2, 3), new ReportExportProgress(3, 3) }));

            // Retry-After is a floor on the delay: the fast options' milliseconds do not override it.
            Assert.That(clock.Elapsed, Is.GreaterThanOrEqualTo(TimeSpan.FromMilliseconds(950)));
        });
    }

    [Test]
    public async Task Prompts_are_answered_by_name_or_key_and_an_optional_one_without_an_answer_takes_its_default()
    {
        ExpectRunAnsweredWith("""
            { "prompts": [
              { "key": "P1@0@10", "id": "P1ID", "type": "VALUE", "answers": "1000" },
              { "key": "P2@0@10", "id": "P2ID", "type": "ELEMENTS", "useDefault": true } ] }
            """);
        using var destination = new MemoryStream();

        await Client.ExportReportAsync(ReportId, destination, new ReportExportOptions { Prompts = new Dictionary<string, object> { ["minimum REVENUE"] = 1000 }, Wait = Waits.Fast });

        Server.Handler.VerifyNoOutstandingExpectation();
        Assert.That(Encoding.UTF8.GetString(destination.ToArray()), Is.EqualTo(Csv));
    }

    [Test]
    public async Task An_elements_prompt_takes_a_list_of_element_ids()
    {
        ExpectRunAnsweredWith("""
            { "prompts": [
              { "key": "P1@0@10", "id": "P1ID", "type": "VALUE", "answers": "0" },
              { "key": "P2@0@10", "id": "P2ID", "type": "ELEMENTS", "answers": [ { "id": "h1;8D67" }, { "id": "h2;8D67" } ] } ] }
            """);

        var rows = await Client.EnumerateReportRowsAsync(ReportId, new ReportExportOptions { Prompts = new Dictionary<string, object> { ["P1ID"] = "0", ["P2@0@10"] = new[] { "h1;8D67", "h2;8D67" } }, Wait = Waits.Fast }).ToListAsync();

        Server.Handler.VerifyNoOutstandingExpectation();
        Assert.That(rows.Select(r => r["Region@DESC"]), Is.EqualTo(new[] { "North", "South, coastal", "East \"Metro\"" }));
    }

    [Test]
    public void A_required_prompt_without_an_answer_is_named_before_any_answer_or_data_is_asked_for()
    {
        Server.Handler.Expect(HttpMethod.Post, CreateUrl).Respond("application/json", PromptsWaiting);
        Server.Handler.Expect(HttpMethod.Get, PromptsUrl).Respond("application/json", Prompts());
        using var destination = new MemoryStream();

        var error = Assert.ThrowsAsync<StrategyPromptsException>(() => Client.ExportReportAsync(ReportId, destination, new ReportExportOptions { Wait = Waits.Fast }));

        Server.Handler.VerifyNoOutstandingExpectation();
        Assert.Multiple(() =>
        {
            Assert.That(error!.MissingPrompts, Is.EqualTo(new[] { "Minimum revenue" }));
            Assert.That(error.Message, Does.Contain("'Minimum revenue'").And.Contain("required").And.Contain(ReportId));
            Assert.That(destination.Length, Is.Zero);
        });
    }

    [Test]
    public void An_answer_to_no_prompt_is_named_with_the_prompts_there_are()
    {
        // An answer that names no prompt may be for a nested one: it is unknown once no round is left, before any data is read.
        Server.Handler.Expect(HttpMethod.Post, CreateUrl).Respond("application/json", PromptsWaiting);
        Server.Handler.Expect(HttpMethod.Get, PromptsUrl).Respond("application/json", Prompts());
        Server.Handler.Expect(HttpMethod.Put, AnswersUrl).Respond(HttpStatusCode.NoContent);
        Server.Handler.Expect(HttpMethod.Get, StatusUrl).Respond("application/json", Status(1));

        var error = Assert.ThrowsAsync<StrategyPromptsException>(() => Client.ExportReportAsync(ReportId, Stream.Null, new ReportExportOptions { Prompts = new Dictionary<string, object> { ["Minimum revenue"] = 1, ["Colour"] = "red" }, Wait = Waits.Fast }));

        Assert.Multiple(() =>
        {
            Assert.That(error!.UnknownPrompts, Is.EqualTo(new[] { "Colour" }));
            Assert.That(error.MissingPrompts, Is.Empty);
            Assert.That(error.Message, Does.Contain("'Colour'").And.Contain("'Minimum revenue', 'Regions'"));
        });
    }

    [Test]
    public void Answers_given_to_a_report_without_prompts_are_refused_before_its_data_is_read()
    {
        Server.Handler.Expect(HttpMethod.Post, CreateUrl).Respond("application/json", Page(0, 0));

        var error = Assert.ThrowsAsync<StrategyPromptsException>(() => Client.ExportReportAsync(ReportId, Stream.Null, new ReportExportOptions { Prompts = new Dictionary<string, object> { ["Year"] = 2026 }, Wait = Waits.Fast }));

        Server.Handler.VerifyNoOutstandingExpectation();
        Assert.That(error!.UnknownPrompts, Is.EqualTo(new[] { "Year" }));
    }

    [Test]
    public void A_wrong_answer_is_the_servers_error_in_its_words()
    {
        Server.Handler.Expect(HttpMethod.Post, CreateUrl).Respond("application/json", PromptsWaiting);
        Server.Handler.Expect(HttpMethod.Get, PromptsUrl).Respond("application/json", Prompts());
        Server.Handler.Expect(HttpMethod.Put, AnswersUrl).Respond(HttpStatusCode.BadRequest, "application/json", """{"code":"ERR006","message":"The answer to prompt 'Minimum revenue' must be a number, not 'abc'."}""");

        var error = Assert.ThrowsAsync<StrategyApiException>(() => Client.ExportReportAsync(ReportId, Stream.Null, new ReportExportOptions { Prompts = new Dictionary<string, object> { ["Minimum revenue"] = "abc" }, Wait = Waits.Fast }));

        Assert.Multiple(() =>
        {
            Assert.That(error!.Kind, Is.EqualTo(StrategyErrorKind.InvalidInput));
            Assert.That(error.Message, Does.Contain("must be a number, not 'abc'"));
        });
    }

    [Test]
    public void A_status_that_still_waits_for_prompts_after_the_answers_fails_the_export_in_words()
    {
        Server.Handler.Expect(HttpMethod.Post, CreateUrl).Respond("application/json", PromptsWaiting);
        Server.Handler.Expect(HttpMethod.Get, PromptsUrl).Respond("application/json", Prompts());
        Server.Handler.Expect(HttpMethod.Put, AnswersUrl).Respond(HttpStatusCode.NoContent);
        Server.Handler.Expect(HttpMethod.Get, StatusUrl).Respond("application/json", Status(2));
        Server.Handler.Expect(HttpMethod.Get, PromptsUrl).Respond("application/json", Prompts());

        var error = Assert.ThrowsAsync<StrategyExportException>(() => Client.ExportReportAsync(ReportId, Stream.Null, new ReportExportOptions { Prompts = new Dictionary<string, object> { ["Minimum revenue"] = 1 }, Wait = Waits.Fast }));

        Assert.That(error!.Message, Does.Contain("still waits for answers to its prompts"));
    }

    [Test]
    public async Task A_page_that_fails_half_way_throws_the_servers_error_after_the_pages_before_it_were_written()
    {
        Server.Handler.Expect(HttpMethod.Post, CreateUrl).Respond("application/json", Page(0, 0));
        Server.Handler.Expect(HttpMethod.Get, StatusUrl).Respond("application/json", Status(1));
        Server.Handler.Expect(HttpMethod.Get, PageUrl).WithQueryString("offset", "0").Respond("application/json", Page(0, 2));
        Server.Handler.Expect(HttpMethod.Get, PageUrl).WithQueryString("offset", "2").Respond(HttpStatusCode.InternalServerError, "application/json", """{"code":"ERR001","message":"The report's warehouse query failed."}""");
        using var destination = new MemoryStream();

        var error = Assert.ThrowsAsync<StrategyApiException>(() => Client.ExportReportAsync(ReportId, destination, new ReportExportOptions { PageSize = 2, Wait = Waits.Fast }));

        Assert.Multiple(() =>
        {
            Assert.That(error!.Message, Does.Contain("warehouse query failed"));
            Assert.That(Encoding.UTF8.GetString(destination.ToArray()), Is.EqualTo("Region@ID,Region@DESC,Revenue\r\n1,North,1137.25\r\n2,\"South, coastal\",2000\r\n"), "what came before the failure reached the destination; the CLI writes it under a temporary name");
        });
        await Task.CompletedTask;
    }

    [Test]
    public void A_page_whose_rows_do_not_fit_its_definition_is_an_export_error_not_a_crash()
    {
        var broken = JObject.Parse(Page(0, 3));
        broken["data"]!["headers"]!["rows"]![1] = new JArray(7);
        Server.Handler.Expect(HttpMethod.Post, CreateUrl).Respond("application/json", Page(0, 0));
        Server.Handler.Expect(HttpMethod.Get, StatusUrl).Respond("application/json", Status(1));
        Server.Handler.Expect(HttpMethod.Get, PageUrl).Respond("application/json", broken.ToString());

        var error = Assert.ThrowsAsync<StrategyExportException>(() => Client.ExportReportAsync(ReportId, Stream.Null, new ReportExportOptions { Wait = Waits.Fast }));

        Assert.That(error!.Message, Does.Contain("report " + ReportId));
    }

    [Test]
    public async Task Formatted_values_are_written_as_the_server_formats_them()
    {
        Server.Handler.Expect(HttpMethod.Post, CreateUrl).Respond("application/json", Page(0, 0));
        Server.Handler.Expect(HttpMethod.Get, StatusUrl).Respond("application/json", Status(1));
        Server.Handler.Expect(HttpMethod.Get, PageUrl).Respond("application/json", Page(0, 5000));
        using var destination = new MemoryStream();

        await Client.ExportReportAsync(ReportId, destination, new ReportExportOptions { Values = ReportValues.Formatted, Wait = Waits.Fast });

        Assert.That(Encoding.UTF8.GetString(destination.ToArray()), Does.Contain("1,North,\"$1,137.25\"\r\n"));
    }

    /// <summary>A prompted run: the prompts listed, answered with exactly <paramref name="answers"/>, ready, one page.</summary>
    private void ExpectRunAnsweredWith(string answers)
    {
        Server.Handler.Expect(HttpMethod.Post, CreateUrl).Respond("application/json", PromptsWaiting);
        Server.Handler.Expect(HttpMethod.Get, PromptsUrl).Respond("application/json", Prompts());
        Server.Handler.Expect(HttpMethod.Put, AnswersUrl).WithJsonBody(JObject.Parse(answers)).Respond(HttpStatusCode.NoContent);
        Server.Handler.Expect(HttpMethod.Get, StatusUrl).Respond("application/json", Status(1));
        Server.Handler.Expect(HttpMethod.Get, StatusUrl).Respond("application/json", Status(1));
        Server.Handler.Expect(HttpMethod.Get, PageUrl).Respond("application/json", Page(0, 5000));
    }

    private sealed class Collect(List<ReportExportProgress> seen) : IProgress<ReportExportProgress>
    {
        public void Report(ReportExportProgress value) => seen.Add(value);
    }
}
