using System.CommandLine;
using System.Globalization;
using Strategy.Cli.Infrastructure;
using Strategy.Generated;

namespace Strategy.Cli.Commands;

/// <summary><c>strategy dashboards list|export</c>: dashboards, exported to PDF, Excel or a visualization's CSV.</summary>
internal static class DashboardCommands
{
    /// <summary>The object type of a dashboard (and a document) in a quick search.</summary>
    private const int DashboardType = 55;

    public static Command Create(CommandRunner runner)
    {
        var list = ObjectListCommand.Create(runner, DashboardType, "List the project's dashboards.", "No dashboards.");

        var dashboardId = new Argument<string>("dashboard-id") { Description = "The dashboard." };
        var format = new Option<string>("--format") { Description = "pdf, xlsx or csv (csv is of one --visualization).", Required = true };
        format.AcceptOnlyFromAmong("pdf", "xlsx", "csv");
        var visualization = new Option<string?>("--visualization") { Description = "The visualization's key (K52): required for csv; with pdf, only that visualization." };
        var output = new Option<string>("--output", "-o") { Description = "The file to write (written whole or not at all), or - for stdout.", Required = true };
        var export = new Command("export", "Export a dashboard, or one visualization, to a file; exit 0 once the file is whole.")
        {
            dashboardId,
            format,
            visualization,
            output,
        };
        runner.SetAction(export, async (parseResult, session, cancellationToken) =>
        {
            var id = parseResult.GetValue(dashboardId)!;
            var file = parseResult.GetValue(output)!;
            var kind = parseResult.GetValue(format) switch
            {
                "pdf" => DashboardExportFormat.Pdf,
                "xlsx" => DashboardExportFormat.Excel,
                _ => DashboardExportFormat.Csv,
            };
            var key = parseResult.GetValue(visualization);
            if (kind == DashboardExportFormat.Csv && string.IsNullOrWhiteSpace(key))
            {
                throw new ArgumentException("--format csv exports one visualization: add --visualization <key> (such as K52).");
            }

            if (kind == DashboardExportFormat.Excel && key is not null)
            {
                throw new ArgumentException("--format xlsx exports the whole dashboard: leave --visualization out.");
            }

            var options = new DashboardExportOptions { Visualization = key, Wait = session.Waits };
            var result = await ExportDestination.WriteAsync(session.Console, file, destination => session.Client<DocumentsClient>().ExportDashboardAsync(id, kind, destination, options, cancellationToken));
            var where = ExportDestination.IsStandardOutput(file) ? "stdout" : Path.GetFullPath(file);
            var what = key is null ? "dashboard " + id : $"visualization {key} of dashboard {id}";
            var text = string.Create(CultureInfo.InvariantCulture, $"Exported {what} as {parseResult.GetValue(format)} ({result.Bytes:N0} bytes) to {where}.");
            if (ExportDestination.IsStandardOutput(file))
            {
                session.Console.Error.WriteLine(text);
            }
            else
            {
                CommandRunner.Print(session, new { dashboardId = id, format = parseResult.GetValue(format), visualization = key, bytes = result.Bytes, file = where }, text);
            }

            return ExitCodes.Success;
        });

        return new Command("dashboards", "Dashboards: list them, export them to PDF, Excel or a visualization's CSV.") { list, export };
    }
}
