using System.CommandLine;
using System.Globalization;
using Strategy.Cli.Infrastructure;
using Strategy.Generated;

namespace Strategy.Cli.Commands;

/// <summary><c>strategy reports list|export</c>: reports, exported to CSV with their prompts answered.</summary>
internal static class ReportCommands
{
    /// <summary>The object type of a report in a quick search.</summary>
    private const int ReportType = 3;

    /// <summary>Intelligent Cubes are report definitions too (type 3, subtype 776): not listed as reports.</summary>
    private const int IntelligentCubeSubtype = 776;

    /// <summary>Super cubes, data models among them (type 3, subtype 779): not listed as reports.</summary>
    private const int SuperCubeSubtype = 779;

    public static Command Create(CommandRunner runner)
    {
        var list = ObjectListCommand.Create(runner, ReportType, "List the project's reports.", "No reports.", IntelligentCubeSubtype, SuperCubeSubtype);

        var reportId = new Argument<string>("report-id") { Description = "The report." };
        var output = new Option<string>("--output", "-o") { Description = "The CSV file to write (written whole or not at all), or - for stdout.", Required = true };
        var prompts = new Option<string[]>("--prompt") { Description = "A prompt's answer, name=value (by name, key or id); repeat a name to give an elements prompt several elements.", AllowMultipleArgumentsPerToken = false };
        var pageSize = new Option<int>("--page-size") { Description = "Rows per page read from the server. Default 5000.", DefaultValueFactory = _ => ReportExportOptions.Default.PageSize };
        var formatted = new Option<bool>("--formatted") { Description = "Write the metrics as the server formats them (\"$1,200.00\") instead of their raw values." };
        var export = new Command("export", "Run a report, answer its prompts and write its grid as CSV, page by page; exit 0 once the file is whole.")
        {
            reportId,
            output,
            prompts,
            pageSize,
            formatted,
        };
        runner.SetAction(export, async (parseResult, session, cancellationToken) =>
        {
            var id = parseResult.GetValue(reportId)!;
            var file = parseResult.GetValue(output)!;
            var size = parseResult.GetValue(pageSize);
            if (size < 1)
            {
                throw new ArgumentException($"--page-size must be at least 1, not {size}.");
            }

            var options = new ReportExportOptions
            {
                Prompts = Answers(parseResult.GetValue(prompts) ?? []),
                PageSize = size,
                Values = parseResult.GetValue(formatted) ? ReportValues.Formatted : ReportValues.Raw,
                Wait = session.Waits,
            };

            var progress = new RowProgress(session.Console, "report " + id);
            ReportExportResult result;
            using (progress)
            {
                result = await ExportDestination.WriteAsync(session.Console, file, destination => session.Client<ReportsClient>().ExportReportAsync(id, destination, options, progress, cancellationToken));
            }

            var where = ExportDestination.IsStandardOutput(file) ? "stdout" : Path.GetFullPath(file);
            var text = string.Create(CultureInfo.InvariantCulture, $"Exported {result.Rows:N0} row(s) of {result.Columns.Count} column(s) of report {id} to {where}.");
            if (ExportDestination.IsStandardOutput(file))
            {
                session.Console.Error.WriteLine(text);
            }
            else
            {
                CommandRunner.Print(session, new { reportId = id, rows = result.Rows, columns = result.Columns, file = where }, text);
            }

            return ExitCodes.Success;
        });

        return new Command("reports", "Reports: list them, export their grids to CSV.") { list, export };
    }

    /// <summary>The --prompt answers by name; a name given more than once answers with a list.</summary>
    private static Dictionary<string, object> Answers(IEnumerable<string> given)
    {
        var answers = new Dictionary<string, List<string>>(StringComparer.OrdinalIgnoreCase);
        foreach (var answer in given)
        {
            var split = answer.IndexOf('=');
            if (split < 1)
            {
                throw new ArgumentException($"--prompt takes name=value, not '{answer}'.");
            }

            var name = answer[..split].Trim();
            if (!answers.TryGetValue(name, out var values))
            {
                answers[name] = values = [];
            }

            values.Add(answer[(split + 1)..]);
        }

        return answers.ToDictionary(a => a.Key, a => a.Value.Count == 1 ? (object)a.Value[0] : a.Value, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>The rows written so far on stderr: one redrawn line on a terminal, a line per tenth otherwise.</summary>
    private sealed class RowProgress(CliConsole console, string what) : IProgress<ReportExportProgress>, IDisposable
    {
        private long _lastTenth = -1;
        private bool _drewLine;

        public void Report(ReportExportProgress value)
        {
            var text = string.Create(CultureInfo.InvariantCulture, $"  {what}: {value.Rows:N0} of {value.Total:N0} rows");
            if (console.ProgressIsLive)
            {
                console.RedrawLine(text.PadRight(72));
                _drewLine = true;
                return;
            }

            var tenth = value.Total <= 0 ? 10 : value.Rows * 10 / value.Total;
            if (tenth != _lastTenth)
            {
                console.Error.WriteLine(text);
                _lastTenth = tenth;
            }
        }

        public void Dispose()
        {
            if (_drewLine)
            {
                console.Error.WriteLine();
            }
        }
    }
}
