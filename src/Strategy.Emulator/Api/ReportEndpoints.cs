using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Newtonsoft.Json.Linq;
using Strategy.Emulator.Reports;
using Strategy.Emulator.State;
using Strategy.Emulator.Validation;
using Strategy.Generated;

namespace Strategy.Emulator.Api;

/// <summary>Reports: instances run to their prompts or their data, status as the HTTP status (202 while running), prompts answered by key, id or name, and the grid a page at a time.</summary>
internal static class ReportEndpoints
{
    private const int DefaultPageLimit = 1000;

    public static void Map(WebApplication app, EmulatorState state, SpecValidator validator)
    {
        var reports = state.Reports;
        app.MapPost("/api/v2/reports/{reportId}/instances", async (HttpContext context, string reportId, string? executionStage, long? offset, int? limit) =>
        {
            if (EmulatorApi.RequireProject(context) is { } error)
            {
                return error;
            }

            if (await ReadOptionalAsync(context, validator, "CreateReportInstance") is { } invalid)
            {
                return invalid;
            }

            if (executionStage is not (null or "resolve_prompts" or "execute_data"))
            {
                return EmulatorJson.Error(400, "ERR006", $"executionStage must be resolve_prompts or execute_data, not '{executionStage}'.");
            }

            if (limit is < 1)
            {
                return EmulatorJson.Error(400, "ERR006", "limit must be at least 1.");
            }

            if (ReportSeeds.Find(reportId) is not { } report)
            {
                return ReportNotFound(reportId);
            }

            var instance = reports.OpenReport(report, EmulatorApi.SessionToken(context));
            instance.Answered = report.Prompts.Count == 0;
            if (!instance.Answered)
            {
                return EmulatorJson.Ok(ReportPage.Prompted(instance));
            }

            return executionStage == "resolve_prompts"
                ? EmulatorJson.Ok(new ReportGrid { Id = report.Id, Name = report.Name, InstanceId = instance.Id, Status = 1 })
                : EmulatorJson.Ok(ReportPage.Build(instance, offset ?? 0, limit ?? DefaultPageLimit));
        });

        app.MapGet("/api/v2/reports/{reportId}/instances/{instanceId}", async (HttpContext context, string reportId, string instanceId, long? offset, int? limit) =>
        {
            if (Find(context, state, reportId, instanceId, out var instance) is { } error)
            {
                return error;
            }

            if (limit is < 1 || offset is < 0)
            {
                return EmulatorJson.Error(400, "ERR006", "offset must be at least 0 and limit at least 1.");
            }

            // A page past the first takes the next export fault: an export that breaks half-way.
            if (instance!.BrokenPage is { } broken && broken.Offset == (offset ?? 0))
            {
                return EmulatorJson.Error(500, "ERR001", broken.Message);
            }

            if (offset is > 0 && state.Reports.TakeExportFault() is var (failure, hang) && (failure is not null || hang))
            {
                if (hang)
                {
                    await Task.Delay(Timeout.InfiniteTimeSpan, context.RequestAborted);
                }

                instance.BrokenPage = (offset.Value, failure!);
                return EmulatorJson.Error(500, "ERR001", failure!);
            }

            return instance!.Answered
                ? EmulatorJson.Ok(ReportPage.Build(instance, offset ?? 0, limit ?? DefaultPageLimit))
                : EmulatorJson.Ok(ReportPage.Prompted(instance));
        });

        app.MapGet("/api/reports/{reportId}/instances/{instanceId}/status", (HttpContext context, string reportId, string instanceId) =>
        {
            if (Find(context, state, reportId, instanceId, out var instance) is { } error)
            {
                return error;
            }

            if (!instance!.Answered)
            {
                return EmulatorJson.Ok(new ReportInstanceStatus { Status = 2 });
            }

            if (instance.StillRunning())
            {
                context.Response.Headers.RetryAfter = state.Options.ReportRetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
                return EmulatorJson.Ok(new ReportInstanceStatus { Status = 3 }, StatusCodes.Status202Accepted);
            }

            return EmulatorJson.Ok(new ReportInstanceStatus { Status = 1 });
        });

        // closed is an exact filter: true the answered prompts only, false the open ones only, absent all.
        app.MapGet("/api/reports/{reportId}/instances/{instanceId}/prompts", (HttpContext context, string reportId, string instanceId, bool? closed) =>
            Find(context, state, reportId, instanceId, out var instance)
                ?? EmulatorJson.Ok(ReportPage.Prompts(instance!).Where(p => closed is null || p.Closed == closed).ToList()));

        app.MapPut("/api/reports/{reportId}/instances/{instanceId}/prompts/answers", async (HttpContext context, string reportId, string instanceId) =>
        {
            if (Find(context, state, reportId, instanceId, out var instance) is { } error)
            {
                return error;
            }

            var text = await new StreamReader(context.Request.Body).ReadToEndAsync(context.RequestAborted);
            if (validator.Validate("AnswerReportInstancePrompts", text) is { } problem)
            {
                return EmulatorJson.Error(400, "ERR006", problem);
            }

            return Answer(instance!, JObject.Parse(text)["prompts"] as JArray ?? []) is { } wrong
                ? EmulatorJson.Error(400, "ERR006", wrong)
                : Results.NoContent();
        });
    }

    /// <summary>Takes the answers, or says what is wrong with them as a server does (nothing is taken then).</summary>
    private static string? Answer(ReportInstance instance, JArray answers)
    {
        var taken = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
        foreach (var answer in answers.OfType<JObject>())
        {
            var named = (string?)answer["key"] ?? (string?)answer["id"] ?? (string?)answer["name"];
            var prompt = instance.Report.Prompts.Where(p => p.Level <= instance.Level).FirstOrDefault(p =>
                string.Equals(p.Key, (string?)answer["key"], StringComparison.OrdinalIgnoreCase)
                || string.Equals(p.Id, (string?)answer["id"], StringComparison.OrdinalIgnoreCase)
                || string.Equals(p.Name, (string?)answer["name"], StringComparison.OrdinalIgnoreCase));
            if (prompt is null)
            {
                return $"The report has no prompt '{named}'.";
            }

            if (answer["useDefault"]?.Type == JTokenType.Boolean && (bool)answer["useDefault"]!)
            {
                if (prompt.Required)
                {
                    return $"Prompt '{prompt.Name}' has no default answer; it must be answered.";
                }

                taken[prompt.Key] = null;
                continue;
            }

            var value = answer["answers"];
            if (prompt.Type == "VALUE")
            {
                var given = value is JArray { Count: 1 } one ? one[0] : value;
                if (given is not JValue { Value: not null } scalar
                    || !double.TryParse(Convert.ToString(scalar.Value, CultureInfo.InvariantCulture), NumberStyles.Float, CultureInfo.InvariantCulture, out _))
                {
                    return $"The answer to prompt '{prompt.Name}' must be a number, not '{given}'.";
                }

                taken[prompt.Key] = Convert.ToString(scalar.Value, CultureInfo.InvariantCulture)!;
            }
            else
            {
                var ids = (value as JArray ?? []).Select(e => (string?)(e as JObject)?["id"] ?? (string?)(e as JValue)).ToList();
                var known = Enumerable.Range(1, 4).Select(ReportSeeds.RegionElementId).ToHashSet(StringComparer.OrdinalIgnoreCase);
                if (ids.Count == 0 || ids.FirstOrDefault(id => id is null || !known.Contains(id)) is { } unknown || ids.Any(id => id is null))
                {
                    return $"The answer to prompt '{prompt.Name}' must be elements of Region (h1;{ReportSeeds.RegionAttributeId} to h4;…), not {value?.ToString(Newtonsoft.Json.Formatting.None) ?? "nothing"}.";
                }

                taken[prompt.Key] = ids.Select(id => id!).ToList();
            }
        }

        if (instance.Report.Prompts.FirstOrDefault(p => p.Level <= instance.Level && p.Required && !taken.ContainsKey(p.Key) && !instance.Answers.ContainsKey(p.Key)) is { } missing)
        {
            return $"Prompt '{missing.Name}' is required.";
        }

        foreach (var (key, value) in taken)
        {
            if (value is null)
            {
                instance.Answers.Remove(key);
            }
            else
            {
                instance.Answers[key] = value;
            }
        }

        // A nested prompt is asked once those above it are answered: the instance waits again (status 2).
        if (instance.Report.Prompts.Any(p => p.Level > instance.Level))
        {
            instance.Level++;
            return null;
        }

        instance.Answered = true;
        return null;
    }

    private static IResult? Find(HttpContext context, EmulatorState state, string reportId, string instanceId, out ReportInstance? instance)
    {
        instance = null;
        if (EmulatorApi.RequireProject(context) is { } error)
        {
            return error;
        }

        if (ReportSeeds.Find(reportId) is null)
        {
            return ReportNotFound(reportId);
        }

        instance = state.Reports.FindReport(reportId, instanceId);
        return instance is null ? EmulatorJson.Error(404, "ERR004", $"Report instance {instanceId} was not found; it may have expired.") : null;
    }

    /// <summary>An optional body: checked against the spec when one is sent.</summary>
    internal static async Task<IResult?> ReadOptionalAsync(HttpContext context, SpecValidator validator, string operationId)
    {
        var text = await new StreamReader(context.Request.Body).ReadToEndAsync(context.RequestAborted);
        return !string.IsNullOrWhiteSpace(text) && validator.Validate(operationId, text) is { } problem ? EmulatorJson.Error(400, "ERR006", problem) : null;
    }

    private static IResult ReportNotFound(string reportId) => EmulatorJson.Error(404, "ERR004", $"Report {reportId} was not found.");
}
