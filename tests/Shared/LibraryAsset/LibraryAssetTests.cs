using System.Reflection;
using System.Runtime.Versioning;
using Strategy.Generated;

namespace Strategy.Tests.Shared;

/// <summary>A suite runs against the asset of Strategy.Generated its project chose, not whichever one the build copied last.</summary>
public sealed class LibraryAssetTests
{
    [Test]
    public void The_suite_runs_against_the_asset_its_project_references()
    {
        var expected = LibraryAsset.Framework;
        var loaded = typeof(StrategyConnection).Assembly.GetCustomAttribute<TargetFrameworkAttribute>()!.FrameworkName;

        Assert.That(loaded, Is.EqualTo(expected switch
        {
            "netstandard2.0" => ".NETStandard,Version=v2.0",
            "net10.0" => ".NETCoreApp,Version=v10.0",
            _ => $"(no expectation for {expected})",
        }));
    }
}
