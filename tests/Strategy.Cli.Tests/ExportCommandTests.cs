using Strategy.Cli.Infrastructure;
using Strategy.Emulator;
using Strategy.Emulator.Reports;

namespace Strategy.Cli.Tests;

/// <summary>
/// <c>strategy reports export</c> and <c>strategy dashboards export</c> as their own processes, as a
/// scheduler runs them: exit codes, what reaches stdout, and that no partial file is ever left under
/// the name the next step reads (nor a temporary one beside it), whether the export fails, is refused or is interrupted.
/// </summary>
[NonParallelizable]
[Platform("Linux,MacOsX")]
public sealed class ExportCommandTests
{
    private const int SIGINT = 2;

    private string _folder = null!;

    [SetUp]
    public void CreateFolder() => Directory.CreateDirectory(_folder = Path.Combine(Path.GetTempPath(), "strategy-export-" + Guid.NewGuid().ToString("N")));

    [TearDown]
    public void DeleteFolder() => Directory.Delete(_folder, recursive: true);

    private string Target => Path.Combine(_folder, "sales.csv");

    [Test]
    public async Task A_report_is_written_to_its_file_whole_and_the_command_says_how_many_rows()
    {
        await using var emulator = await StartEmulatorAsync();
        using var cli = CliProcess.Start(emulator, "reports", "export", ReportSeeds.SalesReportId, "-o", Target, "--page-size", "5");

        var exitCode = await cli.WaitForExitAsync(TimeSpan.FromSeconds(60));

        var lines = File.ReadAllLines(Target);
        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.EqualTo(ExitCodes.Success), cli.Error);
            Assert.That(lines[0], Is.EqualTo("Region@ID,Region@DESC,Year,Revenue,Units"));
            Assert.That(lines, Has.Length.EqualTo(13));
            Assert.That(lines, Does.Contain("3,\"East \"\"Metro\"\"\",2024,3137.25,34"));
            Assert.That(cli.Output, Does.Contain($"Exported 12 row(s) of 5 column(s) of report {ReportSeeds.SalesReportId} to {Target}."));
            Assert.That(cli.Error, Does.Contain("12 of 12 rows"), "progress in rows on stderr");
            Assert.That(Directory.GetFiles(_folder), Is.EqualTo(new[] { Target }), "no temporary file is left beside it");
            Assert.That(emulator.ReportInstanceCount, Is.Zero, "the instance ended with the session");
        });
    }

    [Test]
    public async Task A_report_to_stdout_is_the_CSV_alone_and_the_messages_go_to_stderr()
    {
        await using var emulator = await StartEmulatorAsync();
        using var cli = CliProcess.Start(emulator, "reports", "export", ReportSeeds.PromptedReportId, "-o", "-", "--prompt", "Minimum revenue=3000", "--prompt", $"Regions={ReportSeeds.RegionElementId(3)}", "--prompt", $"Regions={ReportSeeds.RegionElementId(4)}");

        var exitCode = await cli.WaitForExitAsync(TimeSpan.FromSeconds(60));

        var lines = cli.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.EqualTo(ExitCodes.Success), cli.Error);
            Assert.That(lines[0], Is.EqualTo("Region@ID,Region@DESC,Year,Revenue,Units"));
            Assert.That(lines.Skip(1).Select(l => l[..2]).Distinct(), Is.EquivalentTo(new[] { "3,", "4," }), "a repeated --prompt answers with both elements");
            Assert.That(cli.Error, Does.Contain("to stdout."));
        });
    }

    [Test]
    public async Task A_required_prompt_without_an_answer_exits_3_naming_it_and_writes_nothing()
    {
        await using var emulator = await StartEmulatorAsync();
        using var cli = CliProcess.Start(emulator, "reports", "export", ReportSeeds.PromptedReportId, "-o", Target);

        var exitCode = await cli.WaitForExitAsync(TimeSpan.FromSeconds(60));

        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.EqualTo(ExitCodes.BadInput), cli.Error);
            Assert.That(cli.Error, Does.Contain("needs an answer to 'Minimum revenue' (required)"));
            Assert.That(Directory.GetFiles(_folder), Is.Empty);
        });
    }

    [Test]
    public async Task A_page_that_fails_half_way_exits_1_and_leaves_the_previous_file_as_it_was()
    {
        await using var emulator = await StartEmulatorAsync();
        File.WriteAllText(Target, "yesterday's export");
        emulator.FailNextExport("The warehouse query of page 2 failed.");
        using var cli = CliProcess.Start(emulator, "reports", "export", ReportSeeds.SalesReportId, "-o", Target, "--page-size", "5");

        var exitCode = await cli.WaitForExitAsync(TimeSpan.FromSeconds(60));

        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.EqualTo(ExitCodes.ServerFailure), cli.Error);
            Assert.That(cli.Error, Does.Contain("page 2 failed"));
            Assert.That(File.ReadAllText(Target), Is.EqualTo("yesterday's export"), "the half-written file never took its name");
            Assert.That(Directory.GetFiles(_folder), Is.EqualTo(new[] { Target }));
        });
    }

    [Test]
    public async Task SIGINT_mid_export_exits_130_and_leaves_no_file_and_no_instance()
    {
        await using var emulator = await StartEmulatorAsync();
        emulator.HangNextExport();
        using var cli = CliProcess.Start(emulator, "reports", "export", ReportSeeds.SalesReportId, "-o", Target, "--page-size", "5");
        await cli.WaitForErrorAsync("5 of 12 rows");

        cli.Signal(SIGINT);
        var exitCode = await cli.WaitForExitAsync(TimeSpan.FromSeconds(20));

        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.EqualTo(ExitCodes.Cancelled), cli.Error);
            Assert.That(Directory.GetFiles(_folder), Is.Empty, "neither the file nor its temporary");
            Assert.That(emulator.ReportInstanceCount, Is.Zero, "the instance ended with the session");
            Assert.That(emulator.SessionCount, Is.Zero, "the session is logged out");
        });
    }

    [Test]
    public async Task A_dashboard_is_exported_to_a_PDF_file()
    {
        await using var emulator = await StartEmulatorAsync();
        var target = Path.Combine(_folder, "dashboard.pdf");
        using var cli = CliProcess.Start(emulator, "dashboards", "export", ReportSeeds.DashboardId, "--format", "pdf", "-o", target);

        var exitCode = await cli.WaitForExitAsync(TimeSpan.FromSeconds(60));

        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.EqualTo(ExitCodes.Success), cli.Error);
            Assert.That(File.ReadAllBytes(target).Take(5), Is.EqualTo("%PDF-"u8.ToArray()));
            Assert.That(cli.Output, Does.Contain($"Exported dashboard {ReportSeeds.DashboardId} as pdf ("));
            Assert.That(emulator.DashboardInstanceCount, Is.Zero);
        });
    }

    [TestCase("csv", null, "add --visualization")]
    [TestCase("xlsx", "K52", "leave --visualization out")]
    [TestCase("docx", null, "docx")]
    public async Task A_format_and_visualization_that_do_not_go_together_exit_3_before_anything_is_sent(string format, string? visualization, string says)
    {
        await using var emulator = await StartEmulatorAsync();
        string[] args = ["dashboards", "export", ReportSeeds.DashboardId, "--format", format, "-o", Target, .. visualization is null ? Array.Empty<string>() : ["--visualization", visualization]];
        using var cli = CliProcess.Start(emulator, args);

        var exitCode = await cli.WaitForExitAsync(TimeSpan.FromSeconds(60));

        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.EqualTo(ExitCodes.BadInput), cli.Error);
            Assert.That(cli.Error, Does.Contain(says));
            Assert.That(emulator.DashboardInstanceCount + emulator.ExportCount, Is.Zero);
            Assert.That(Directory.GetFiles(_folder), Is.Empty);
        });
    }

    private static Task<StrategyEmulator> StartEmulatorAsync() => StrategyEmulator.StartAsync(new StrategyEmulatorOptions { PathBase = "/MicroStrategyLibrary" });
}
