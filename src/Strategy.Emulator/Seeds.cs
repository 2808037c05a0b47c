namespace Strategy.Emulator;

/// <summary>The objects named in the workflow documents, which every fresh emulator holds.</summary>
public static class Seeds
{
    /// <summary>MicroStrategy Tutorial.</summary>
    public const string ProjectId = "B7CA92F04B9FAE8D941C3E9B7E0CD754";

    /// <summary>The data model of the publish and subscription samples.</summary>
    public const string DataModelId = "9F4772B837604551B4D3CC916ADC5598";

    /// <summary>The data model's name.</summary>
    public const string DataModelName = "_test api";

    /// <summary>Table <c>ytd_day</c>.</summary>
    public const string YtdDayTableId = "B8A627B44A7A421C81741B868401E446";

    /// <summary>Table <c>city_mnth_sls</c>.</summary>
    public const string CityMonthSalesTableId = "612801B773AF4EFD974FF1F54FFAFB32";

    /// <summary>The table the publish and subscription samples refresh.</summary>
    public const string SampleTableId = "0D1436DF3004418086D8BD3FD985EC4A";

    /// <summary>Schedule "All the Time" (time based).</summary>
    public const string AllTheTimeScheduleId = "FF7BB3C811D501F0C00051916B98494F";

    /// <summary>Schedule "Personal View" (event based).</summary>
    public const string PersonalViewScheduleId = "E24F501E802911E1BBCB892C4924019B";

    /// <summary>Event "Personal View refresh", the event schedule "Personal View" waits on.</summary>
    public const string PersonalViewEventId = "4C5E8A2F1B7D4E9A8F3C6B1D2E7A9C04";

    /// <summary>Event "Nightly load finished", which no seeded schedule waits on.</summary>
    public const string NightlyLoadEventId = "9B2D7F4E6A1C4B8D9E3F5A7C1B2D4E60";

    /// <summary>The project's name.</summary>
    public const string ProjectName = "MicroStrategy Tutorial";

    /// <summary>User Administrator.</summary>
    public const string AdministratorId = "54F3D26011D2896560009A8E67019608";

    /// <summary>The attribute of the filter sample.</summary>
    public const string AttributeId = "74BA634076BE435F913BA476BFEA2E9B";

    /// <summary>The attribute form of the filter sample.</summary>
    public const string AttributeFormId = "45C11FA478E745FEA08D781CEA190FE5";

    /// <summary>The data model's tables: id and name.</summary>
    public static IReadOnlyList<(string Id, string Name)> Tables { get; } =
    [
        (YtdDayTableId, "ytd_day"),
        (CityMonthSalesTableId, "city_mnth_sls"),
        (SampleTableId, "sales_sample"),
    ];

    /// <summary>Intelligent Cube "Sales cube".</summary>
    public const string SalesCubeId = "8D679D4B11D3E4981000E787EC6DE8A4";

    /// <summary>Intelligent Cube "Inventory cube".</summary>
    public const string InventoryCubeId = "BD1F4F4B11D3E4981000E787EC6DE8A4";

    /// <summary>Intelligent Cube "Customer cube".</summary>
    public const string CustomerCubeId = "6B0C5B4E11D3E4981000E787EC6DE8A4";

    /// <summary>The seeded Intelligent Cubes: id and name.</summary>
    public static IReadOnlyList<(string Id, string Name)> Cubes { get; } =
    [
        (SalesCubeId, "Sales cube"),
        (InventoryCubeId, "Inventory cube"),
        (CustomerCubeId, "Customer cube"),
    ];

    /// <summary>The cluster's two nodes.</summary>
    public static IReadOnlyList<string> Nodes { get; } = ["ENV-282040LAIOUSE1", "ENV-282040LAIOUSE2"];
}
