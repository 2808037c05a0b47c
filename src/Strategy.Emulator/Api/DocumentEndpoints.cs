using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Newtonsoft.Json.Linq;
using Strategy.Emulator.Reports;
using Strategy.Emulator.State;
using Strategy.Emulator.Validation;
using Strategy.Generated;
using Strategy.Generated.Http;

namespace Strategy.Emulator.Api;

/// <summary>Dashboards and documents: instances, their status, and their exports as bytes (Accept: application/octet-stream) or base64 JSON.</summary>
internal static class DocumentEndpoints
{
    public static void Map(WebApplication app, EmulatorState state, SpecValidator validator)
    {
        var reports = state.Reports;
        app.MapPost("/api/documents/{documentId}/instances", async (HttpContext context, string documentId) =>
        {
            if (EmulatorApi.RequireProject(context) is { } error)
            {
                return error;
            }

            if (await ReportEndpoints.ReadOptionalAsync(context, validator, "CreateDocumentInstance") is { } invalid)
            {
                return invalid;
            }

            if (!documentId.Equals(ReportSeeds.DashboardId, StringComparison.OrdinalIgnoreCase))
            {
                return EmulatorJson.Error(404, "ERR004", $"Dashboard {documentId} was not found.");
            }

            var instance = reports.OpenDashboard(documentId, EmulatorApi.SessionToken(context));
            return EmulatorJson.Ok(new DocumentInstance { Mid = instance.Id, Status = 1 }, StatusCodes.Status201Created);
        });

        app.MapDelete("/api/documents/{documentId}/instances/{instanceId}", (HttpContext context, string documentId, string instanceId) =>
            Find(context, state, documentId, instanceId) is { } error ? error : reports.CloseDashboard(instanceId) ? Results.NoContent() : NotFound(instanceId));

        app.MapGet("/api/documents/{documentId}/instances/{instanceId}/status", (HttpContext context, string documentId, string instanceId) =>
            Find(context, state, documentId, instanceId) ?? EmulatorJson.Ok(new DocumentInstanceStatus { Status = 1 }));

        app.MapPost("/api/documents/{documentId}/instances/{instanceId}/pdf", (HttpContext context, string documentId, string instanceId) =>
            ExportAsync(context, state, validator, "ExportDocumentPdf", documentId, instanceId, body => Task.FromResult(DashboardFiles.Pdf(null, Landscape(body)))));

        app.MapPost("/api/documents/{documentId}/instances/{instanceId}/excel", (HttpContext context, string documentId, string instanceId) =>
            ExportAsync(context, state, validator, "ExportDocumentExcel", documentId, instanceId, _ => DashboardFiles.ExcelAsync(context.RequestAborted)));

        app.MapPost("/api/documents/{documentId}/instances/{instanceId}/visualizations/{nodeKey}/csv", (HttpContext context, string documentId, string instanceId, string nodeKey) =>
            KnownVisualization(nodeKey) is { } unknown ? Task.FromResult(unknown) : ExportAsync(context, state, validator, "ExportVisualizationCsv", documentId, instanceId, _ => Task.FromResult(DashboardFiles.Csv(nodeKey))));

        app.MapPost("/api/documents/{documentId}/instances/{instanceId}/visualizations/{nodeKey}/pdf", (HttpContext context, string documentId, string instanceId, string nodeKey) =>
            KnownVisualization(nodeKey) is { } unknown ? Task.FromResult(unknown) : ExportAsync(context, state, validator, "ExportVisualizationPdf", documentId, instanceId, body => Task.FromResult(DashboardFiles.Pdf(nodeKey, Landscape(body)))));
    }

    public static void MapControl(RouteGroupBuilder control, EmulatorState state)
    {
        control.MapPost("/fail-next/export", async (HttpContext context) =>
        {
            var message = (await new StreamReader(context.Request.Body).ReadToEndAsync(context.RequestAborted)).Trim();
            state.Reports.FailNextExport(message.Length > 0 ? message : "The export failed: the document could not be rendered.");
            return Results.NoContent();
        });
        control.MapPost("/hang-next/export", () =>
        {
            state.Reports.HangNextExport();
            return Results.NoContent();
        });
    }

    private static async Task<IResult> ExportAsync(HttpContext context, EmulatorState state, SpecValidator validator, string operationId, string documentId, string instanceId, Func<JObject?, Task<byte[]>> make)
    {
        if (Find(context, state, documentId, instanceId) is { } error)
        {
            return error;
        }

        var text = await new StreamReader(context.Request.Body).ReadToEndAsync(context.RequestAborted);
        if (!string.IsNullOrWhiteSpace(text) && validator.Validate(operationId, text) is { } problem)
        {
            return EmulatorJson.Error(400, "ERR006", problem);
        }

        var (failure, hang) = state.Reports.TakeExportFault();
        if (hang)
        {
            // Hangs until the client gives up (its time limit or Ctrl+C closes the connection).
            await Task.Delay(Timeout.InfiniteTimeSpan, context.RequestAborted);
        }

        if (failure is not null)
        {
            return EmulatorJson.Error(500, "ERR001", failure);
        }

        var bytes = await make(string.IsNullOrWhiteSpace(text) ? null : JObject.Parse(text));
        state.Reports.CountExport();
        var accepts = context.Request.Headers.Accept.Any(a => a?.Contains("application/octet-stream", StringComparison.OrdinalIgnoreCase) == true);
        return accepts ? Results.Bytes(bytes, "application/octet-stream") : EmulatorJson.Ok(new ExportedFile { Data = Convert.ToBase64String(bytes) });
    }

    private static bool Landscape(JObject? body) => string.Equals((string?)body?["orientation"], "LANDSCAPE", StringComparison.OrdinalIgnoreCase);

    private static IResult? KnownVisualization(string nodeKey) =>
        DashboardFiles.VisualizationKeys.Contains(nodeKey, StringComparer.OrdinalIgnoreCase) ? null : EmulatorJson.Error(404, "ERR004", $"The dashboard has no visualization {nodeKey}.");

    /// <summary>An instance's calls may leave the project out (the official client does); one that names another project is refused.</summary>
    private static IResult? Find(HttpContext context, EmulatorState state, string documentId, string instanceId)
    {
        if (context.Request.Headers.ContainsKey(StrategyHeaders.ProjectId) && EmulatorApi.RequireProject(context) is { } error)
        {
            return error;
        }

        return state.Reports.FindDashboard(documentId, instanceId) is null ? NotFound(instanceId) : null;
    }

    private static IResult NotFound(string instanceId) => EmulatorJson.Error(404, "ERR004", $"Dashboard instance {instanceId} was not found; it may have expired.");
}
