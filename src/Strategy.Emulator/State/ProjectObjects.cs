using Strategy.Generated;

namespace Strategy.Emulator.State;

/// <summary>
/// The objects that live in the seeded project, with their type and subtype as a server numbers them:
/// what the quick search finds and what GetObject describes when the project header names the project.
/// </summary>
internal static class ProjectObjects
{
    /// <summary>The type of report definitions: grid reports, cubes and super cubes.</summary>
    public const int ReportType = 3;

    /// <summary>The type of documents and dashboards.</summary>
    public const int DocumentType = 55;

    /// <summary>The subtype of a grid report.</summary>
    public const int GridReportSubtype = 768;

    /// <summary>The subtype of an Intelligent Cube (a report definition, type 3).</summary>
    public const int CubeSubtype = 776;

    /// <summary>The subtype of a super cube, data models among them (type 3).</summary>
    public const int SuperCubeSubtype = 779;

    /// <summary>The subtype of a dashboard (type 55).</summary>
    public const int DashboardSubtype = 14081;

    /// <summary>Every object of the project: cubes, the data model, reports and the dashboard.</summary>
    public static IEnumerable<SearchResult> All(CubeState cubes) =>
        cubes.Cubes.Select(c => new SearchResult { Id = c.Id, Name = c.Name, Type = ReportType, Subtype = CubeSubtype })
            .Append(new SearchResult { Id = Seeds.DataModelId, Name = Seeds.DataModelName, Type = ReportType, Subtype = SuperCubeSubtype })
            .Concat(Reports.ReportSeeds.Reports.Select(r => new SearchResult { Id = r.Id, Name = r.Name, Type = ReportType, Subtype = GridReportSubtype }))
            .Append(new SearchResult { Id = Reports.ReportSeeds.DashboardId, Name = Reports.ReportSeeds.DashboardName, Type = DocumentType, Subtype = DashboardSubtype });
}
