using System.Reflection;

namespace Strategy.Tests.Shared;

/// <summary>Which asset of Strategy.Generated this test assembly was built against (its project's StrategyLibraryFramework).</summary>
internal static class LibraryAsset
{
    public static string Framework { get; } = typeof(LibraryAsset).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "StrategyLibraryFramework").Value!;

    public static bool IsNetStandard => Framework == "netstandard2.0";
}
