using System.Reflection;

namespace Strategy.Generated.Tests.Build;

/// <summary>
/// What a team that regenerates the package sees, in a copy of the repository: a spec change that
/// removes an operation or renames a model property fails the library build naming the member; an
/// added operation fails until it is recorded with <c>-t:RecordPublicApi</c>, and then asks for a minor version.
/// The three changes are made to the copy at once, as a regenerated spec brings them, and built as a team
/// would: the failing build, the record, the build that passes. Each test reads its own change in them.
/// </summary>
[Category("Build")]
[NonParallelizable]
public sealed class SpecChangeBuildTests
{
    private const string RemovedOperation = "    delete:\n      tags: [Subscriptions]\n      operationId: DeleteSubscription";

    private const string RenamedProperty = "        description: { type: string, description: The schedule's description. }";

    private const string AddedAnchor = "  /api/events/{eventId}/trigger:\n";

    private const string AddedOperation = """
          /api/events/{eventId}/copy:
            get:
              tags: [Events]
              operationId: GetEventCopy
              summary: Gets one event again.
              parameters:
                - $ref: '#/components/parameters/EventId'
              responses:
                '200':
                  description: The event.
                  content:
                    application/json:
                      schema: { $ref: '#/components/schemas/Event' }
                '404': { $ref: '#/components/responses/NotFound' }

        """;

    private string _copy = null!;
    private (int ExitCode, string Output) _changed;
    private (int ExitCode, string Output) _record;
    private (int ExitCode, string Output) _recorded;
    private string[] _unshipped = [];

    private static string RepoRoot => typeof(SpecChangeBuildTests).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "RepoRoot").Value!;

    [OneTimeSetUp]
    public async Task RegenerateACopyAsync()
    {
        _copy = RepositoryCopy.Make(
            RepoRoot,
            "strategy-spec-change",
            ["Directory.Build.props", "Directory.Packages.props", "nuget.config", "global.json", "README.md", "src/Shared/ServerAddress.cs"],
            ["spec", "src/Strategy.Generated", "generators/Strategy.Generated.Generators", "generators/PublicApi"]);

        var spec = Path.Combine(_copy, "spec", "strategy.openapi.yaml");
        var original = await File.ReadAllTextAsync(spec);
        // No build of the unchanged copy first: each test asserts the members its change names, and the build
        // after the record passes, so a copy that could not build at all fails them all in its own words.
        var start = original.IndexOf(RemovedOperation, StringComparison.Ordinal);
        Assert.That(start, Is.Positive, "the spec has DeleteSubscription");
        Assert.That(original, Does.Contain(RenamedProperty).And.Contain(AddedAnchor));
        var end = original.IndexOf("\n\n", start, StringComparison.Ordinal);
        var changed = original.Remove(start, end - start + 1)
            .Replace(RenamedProperty, "        summary: { type: string, description: The schedule's description. }", StringComparison.Ordinal)
            .Replace(AddedAnchor, AddedOperation + AddedAnchor, StringComparison.Ordinal);
        await File.WriteAllTextAsync(spec, changed);

        _changed = await BuildAsync();
        _record = await RunAsync("dotnet", "build", "src/Strategy.Generated", "-t:RecordPublicApi", "-p:PublicApiFrameworks=net10.0", "-nologo", "-v:m");
        _recorded = await BuildAsync();
        _unshipped = await File.ReadAllLinesAsync(Path.Combine(_copy, "src", "Strategy.Generated", "PublicAPI.Unshipped.txt"));
    }

    [OneTimeTearDown]
    public void DeleteTheCopy() => RepositoryCopy.Delete(_copy);

    [Test]
    public void Removing_an_operation_fails_the_build_naming_its_method_until_recorded_as_removed()
    {
        var removal = RecordedNow(_unshipped).Where(l => l.Contains("DeleteSubscriptionAsync(", StringComparison.Ordinal)).ToList();

        Assert.Multiple(() =>
        {
            Assert.That(_changed.ExitCode, Is.Not.Zero);
            Assert.That(_changed.Output, Does.Contain("RS0017").And.Contain("Strategy.Generated.SubscriptionsClient.DeleteSubscriptionAsync("));
            Assert.That(_changed.Output, Does.Contain("Strategy.Generated.ISubscriptionsClient.DeleteSubscriptionAsync("));
            Assert.That(_record.ExitCode, Is.Zero, _record.Output);
            Assert.That(_recorded.ExitCode, Is.Zero, _recorded.Output);
            Assert.That(_unshipped.Where(l => l.Contains("DeleteSubscriptionAsync(", StringComparison.Ordinal)), Is.Not.Empty.And.All.StartWith("*REMOVED*"), "recorded as gone, and only as gone");
            Assert.That(ApiVersionTests.Required(removal), Is.EqualTo(ApiVersionTests.Bump.Major));
        });
    }

    [Test]
    public void Renaming_a_model_property_fails_the_build_naming_the_property()
    {
        Assert.Multiple(() =>
        {
            Assert.That(_changed.ExitCode, Is.Not.Zero);
            Assert.That(_changed.Output, Does.Contain("RS0017").And.Contain("Strategy.Generated.Schedule.Description.get"));
            Assert.That(_changed.Output, Does.Contain("RS0016").And.Contain("Strategy.Generated.Schedule.Summary.get"));
        });
    }

    [Test]
    public void An_added_operation_fails_until_recorded_then_builds_and_asks_for_a_minor_version()
    {
        var addition = RecordedNow(_unshipped).Where(l => l.Contains("GetEventCopyAsync(", StringComparison.Ordinal)).ToList();

        Assert.Multiple(() =>
        {
            Assert.That(_changed.ExitCode, Is.Not.Zero);
            Assert.That(_changed.Output, Does.Contain("RS0016").And.Contain("GetEventCopyAsync("));
            Assert.That(_record.ExitCode, Is.Zero, _record.Output);
            Assert.That(_recorded.ExitCode, Is.Zero, _recorded.Output);
            Assert.That(_unshipped, Has.Some.StartsWith("virtual Strategy.Generated.EventsClient.GetEventCopyAsync("));
            Assert.That(_unshipped, Has.Some.StartsWith("Strategy.Generated.IEventsClient.GetEventCopyAsync("));
            Assert.That(ApiVersionTests.Required(addition), Is.EqualTo(ApiVersionTests.Bump.Minor));
        });
    }

    // What the test's own change recorded: the lines the repository's unshipped file does not have already.
    private static string[] RecordedNow(IEnumerable<string> unshipped) =>
        [.. unshipped.Except(File.ReadAllLines(Path.Combine(RepoRoot, "src", "Strategy.Generated", "PublicAPI.Unshipped.txt")))];

    private Task<(int ExitCode, string Output)> BuildAsync() =>
        RunAsync("dotnet", "build", "src/Strategy.Generated", "-f", "net10.0", "-nologo", "-v:q");

    private Task<(int ExitCode, string Output)> RunAsync(string fileName, params string[] arguments) =>
        BuildProcess.RunAsync(_copy, fileName, arguments);
}
