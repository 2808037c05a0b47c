using System.Management.Automation;
using Strategy.Emulator.Reports;

namespace Strategy.PowerShell.Tests;

/// <summary>Export-StrategyReport and Export-StrategyDashboard, in PowerShell against the emulator program.</summary>
public sealed class ExportTests : ServerFixture
{
    private string _folder = null!;

    [SetUp]
    public void ConnectFirst()
    {
        Directory.CreateDirectory(_folder = Path.Combine(Path.GetTempPath(), "strategy-ps-export-" + Guid.NewGuid().ToString("N")));
        Shell.Connect().Succeeded();
    }

    [TearDown]
    public void DeleteFolder() => Directory.Delete(_folder, recursive: true);

    [Test]
    public void Export_StrategyReport_writes_one_object_per_row_with_a_property_per_column_as_the_pages_arrive()
    {
        var result = Shell.Run("Export-StrategyReport $Id -PageSize 5", ("Id", ReportSeeds.SalesReportId)).Succeeded();

        var first = result.Output[0];
        Assert.Multiple(() =>
        {
            Assert.That(result.Output, Has.Count.EqualTo(12));
            Assert.That(first.Properties.Select(p => p.Name), Is.EqualTo(new[] { "Region@ID", "Region@DESC", "Year", "Revenue", "Units" }));
            Assert.That(first.Properties["Region@DESC"].Value, Is.EqualTo("North"));
            Assert.That(result.Progress.Select(p => p.StatusDescription), Has.Some.EqualTo("12 of 12 rows"));
        });
    }

    [Test]
    public void Export_StrategyReport_answers_prompts_from_a_hashtable_an_array_for_an_elements_prompt()
    {
        var result = Shell.Run(
            "Export-StrategyReport $Id -Prompt @{ 'minimum revenue' = 3000; Regions = $Three, $Four } | ForEach-Object 'Region@ID' | Sort-Object -Unique",
            ("Id", ReportSeeds.PromptedReportId),
            ("Three", ReportSeeds.RegionElementId(3)),
            ("Four", ReportSeeds.RegionElementId(4))).Succeeded();

        Assert.That(result.Output.Select(o => o.ToString()), Is.EqualTo(new[] { "3", "4" }));
    }

    [Test]
    public void A_missing_required_prompt_is_an_InvalidArgument_error_naming_it()
    {
        var result = Shell.Run("Export-StrategyReport $Id", ("Id", ReportSeeds.PromptedReportId));

        Assert.Multiple(() =>
        {
            Assert.That(result.Error.CategoryInfo.Category, Is.EqualTo(ErrorCategory.InvalidArgument));
            Assert.That(result.Error.Exception.Message, Does.Contain("'Minimum revenue'"));
        });
    }

    [Test]
    public async Task Export_StrategyReport_Path_writes_the_CSV_whole_relative_to_the_current_location()
    {
        var result = Shell.Run("Set-Location $Folder; Export-StrategyReport $Id -Path sales.csv -PassThru | ForEach-Object FullName", ("Folder", _folder), ("Id", ReportSeeds.SalesReportId)).Succeeded();

        var path = Path.Combine(_folder, "sales.csv");
        var lines = File.ReadAllLines(path);
        Assert.Multiple(async () =>
        {
            Assert.That(result.Output.Single().ToString(), Is.EqualTo(path));
            Assert.That(lines, Has.Length.EqualTo(13));
            Assert.That(lines[0], Is.EqualTo("Region@ID,Region@DESC,Year,Revenue,Units"));
            Assert.That(Directory.GetFiles(_folder), Is.EqualTo(new[] { path }));
            Assert.That((await Emulator.StateAsync()).ReportInstances, Is.LessThanOrEqualTo(1), "at most the one the module's session still holds");
        });
        await Task.CompletedTask;
    }

    [Test]
    public async Task A_failed_page_leaves_the_earlier_file_as_it_was()
    {
        var path = Path.Combine(_folder, "sales.csv");
        File.WriteAllText(path, "yesterday");
        await Emulator.ControlAsync("fail-next/export", "\"The warehouse query failed.\"");

        var result = Shell.Run("Export-StrategyReport $Id -Path $Path -PageSize 5", ("Id", ReportSeeds.SalesReportId), ("Path", path));

        Assert.Multiple(() =>
        {
            Assert.That(result.Error.Exception.Message, Does.Contain("The warehouse query failed."));
            Assert.That(File.ReadAllText(path), Is.EqualTo("yesterday"));
            Assert.That(Directory.GetFiles(_folder), Is.EqualTo(new[] { path }));
        });
    }

    [TestCase("Pdf", null, "%PDF-")]
    [TestCase("Excel", null, "PK")]
    [TestCase("Csv", "K52", "Region,Year")]
    public async Task Export_StrategyDashboard_writes_the_file_of_its_format_and_closes_the_instance(string format, string? visualization, string startsWith)
    {
        var path = Path.Combine(_folder, "dashboard." + format.ToLowerInvariant());

        Shell.Run(
            "Export-StrategyDashboard $Id -Path $Path -Format $Format" + (visualization is null ? string.Empty : " -Visualization $Key"),
            ("Id", ReportSeeds.DashboardId),
            ("Path", path),
            ("Format", format),
            ("Key", visualization)).Succeeded();

        Assert.Multiple(async () =>
        {
            Assert.That(System.Text.Encoding.ASCII.GetString(File.ReadAllBytes(path).Take(startsWith.Length).ToArray()), Is.EqualTo(startsWith));
            Assert.That((await Emulator.StateAsync()).DashboardInstances, Is.Zero);
        });
        await Task.CompletedTask;
    }

    [Test]
    public void Export_StrategyDashboard_Csv_without_a_visualization_is_an_InvalidArgument_error()
    {
        var result = Shell.Run("Export-StrategyDashboard $Id -Path $Path -Format Csv", ("Id", ReportSeeds.DashboardId), ("Path", Path.Combine(_folder, "x.csv")));

        Assert.Multiple(() =>
        {
            Assert.That(result.Error.CategoryInfo.Category, Is.EqualTo(ErrorCategory.InvalidArgument));
            Assert.That(result.Error.Exception.Message, Does.Contain("K52"));
            Assert.That(Directory.GetFiles(_folder), Is.Empty);
        });
    }
}
