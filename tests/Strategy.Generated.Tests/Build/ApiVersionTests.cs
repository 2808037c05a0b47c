using System.Reflection;
using System.Xml.Linq;

namespace Strategy.Generated.Tests.Build;

/// <summary>
/// The package version follows the recorded public API: PublicAPI.Unshipped.txt (what changed since
/// the release PublicAPI.Shipped.txt describes, StrategyApiShippedVersion) decides how far VersionPrefix
/// must have moved. A removed or changed member needs a major version, an addition a minor one.
/// The build itself (the public API analyzer) fails on any change not recorded.
/// </summary>
[Category("Build")]
public sealed class ApiVersionTests
{
    private static string RepoRoot => typeof(ApiVersionTests).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "RepoRoot").Value!;

    /// <summary>What a set of unshipped lines asks of the version.</summary>
    public enum Bump
    {
        None,
        Minor,
        Major,
    }

    [Test]
    public void VersionPrefix_has_moved_as_far_as_the_recorded_API_changes_require()
    {
        var props = XDocument.Load(Path.Combine(RepoRoot, "Directory.Build.props"));
        string Property(string name) => props.Descendants(name).Single().Value.Trim();
        var current = Version.Parse(Property("VersionPrefix"));
        var shipped = Version.Parse(Property("StrategyApiShippedVersion"));
        var unshipped = File.ReadAllLines(Path.Combine(RepoRoot, "src", "Strategy.Generated", "PublicAPI.Unshipped.txt"));

        Assert.That(Problem(shipped, current, unshipped), Is.Null);
    }

    [Test]
    public void The_shipped_file_holds_no_removals_and_the_library_is_the_products_version()
    {
        var shippedLines = File.ReadAllLines(Path.Combine(RepoRoot, "src", "Strategy.Generated", "PublicAPI.Shipped.txt"));
        var props = XDocument.Load(Path.Combine(RepoRoot, "Directory.Build.props"));

        Assert.Multiple(() =>
        {
            Assert.That(shippedLines, Has.None.StartsWith("*REMOVED*"), "a release takes removed members out (-t:ShipPublicApi)");
            Assert.That(shippedLines[0], Is.EqualTo("#nullable enable"));
            Assert.That(typeof(StrategyConnection).Assembly.GetName().Version!.ToString(3), Is.EqualTo(props.Descendants("VersionPrefix").Single().Value.Trim()));
        });
    }

    [TestCase(new string[0], Bump.None)]
    [TestCase(new[] { "#nullable enable" }, Bump.None)]
    [TestCase(new[] { "Strategy.Generated.EventsClient.ListEventsV3Async() -> System.Threading.Tasks.Task!" }, Bump.Minor)]
    [TestCase(new[] { "Strategy.Generated.IEventsClient.ListEventsV3Async() -> System.Threading.Tasks.Task!" }, Bump.Minor, Description = "interfaces are for consumers: see README")]
    [TestCase(new[] { "Strategy.Generated.Schedule.Summary.get -> string?", "*REMOVED*Strategy.Generated.Schedule.Description.get -> string?" }, Bump.Major)]
    public void What_the_unshipped_lines_ask_of_the_version(string[] lines, Bump expected) =>
        Assert.That(Required(lines), Is.EqualTo(expected));

    [TestCase("0.1.0", "0.1.0", Bump.None, null)]
    [TestCase("0.1.0", "0.1.1", Bump.None, null)]
    [TestCase("0.1.0", "0.2.0", Bump.Minor, null)]
    [TestCase("0.1.0", "0.1.5", Bump.Minor, "an addition needs a minor version")]
    [TestCase("0.1.0", "0.2.0", Bump.Major, "a removed or changed member needs a major version")]
    [TestCase("0.1.0", "1.0.0", Bump.Major, null)]
    [TestCase("1.2.0", "1.1.0", Bump.None, "lower than the release")]
    public void The_rule_names_the_version_due(string shipped, string current, Bump bump, string? problem)
    {
        var lines = bump switch
        {
            Bump.Major => new[] { "*REMOVED*Strategy.Generated.Schedule.Description.get -> string?" },
            Bump.Minor => new[] { "Strategy.Generated.Schedule.Summary.get -> string?" },
            _ => [],
        };

        var actual = Problem(Version.Parse(shipped), Version.Parse(current), lines);

        Assert.That(actual, problem is null ? Is.Null : Does.Contain(problem));
    }

    internal static Bump Required(IEnumerable<string> unshippedLines)
    {
        var changes = unshippedLines.Where(l => l.Length > 0 && !l.StartsWith('#')).ToList();
        return changes.Any(l => l.StartsWith("*REMOVED*", StringComparison.Ordinal)) ? Bump.Major
            : changes.Count > 0 ? Bump.Minor
            : Bump.None;
    }

    /// <summary>Why <paramref name="current"/> cannot be the next version after <paramref name="shipped"/>, or <see langword="null"/>.</summary>
    internal static string? Problem(Version shipped, Version current, IReadOnlyList<string> unshippedLines)
    {
        if (current < shipped)
        {
            return $"VersionPrefix {current} is lower than the release {shipped} (StrategyApiShippedVersion).";
        }

        var removed = unshippedLines.Where(l => l.StartsWith("*REMOVED*", StringComparison.Ordinal)).ToList();
        return Required(unshippedLines) switch
        {
            Bump.Major when current.Major <= shipped.Major =>
                $"PublicAPI.Unshipped.txt records {removed.Count} removed or changed member(s) since {shipped}, for example {removed[0]["*REMOVED*".Length..]}: a removed or changed member needs a major version, {shipped.Major + 1}.0.0 (VersionPrefix is {current}).",
            Bump.Minor when current.Major == shipped.Major && current.Minor <= shipped.Minor =>
                $"PublicAPI.Unshipped.txt records additions since {shipped}: an addition needs a minor version, {shipped.Major}.{shipped.Minor + 1}.0 (VersionPrefix is {current}).",
            _ => null,
        };
    }
}
