using System.Reflection;

namespace Strategy.Generated.Tests.Build;

/// <summary>
/// What a team that regenerates the package sees, in a copy of the repository: a spec change that
/// removes an operation or renames a model property fails the library build naming the member; an
/// added operation fails until it is recorded with <c>-t:RecordPublicApi</c>, and then asks for a minor version.
/// </summary>
[Category("Build")]
[NonParallelizable]
public sealed class SpecChangeBuildTests
{
    private string _copy = null!;
    private string _spec = null!;
    private string _original = null!;

    private static string RepoRoot => typeof(SpecChangeBuildTests).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "RepoRoot").Value!;

    private string Unshipped => Path.Combine(_copy, "src", "Strategy.Generated", "PublicAPI.Unshipped.txt");

    [OneTimeSetUp]
    public async Task CopyTheRepositoryAsync()
    {
        _copy = Path.Combine(Path.GetTempPath(), "strategy-spec-change-" + Guid.NewGuid().ToString("N"));
        foreach (var file in new[] { "Directory.Build.props", "Directory.Packages.props", "nuget.config", "global.json", "README.md" })
        {
            Copy(Path.Combine(RepoRoot, file), Path.Combine(_copy, file));
        }

        foreach (var folder in new[] { "spec", "src/Strategy.Generated", "generators/Strategy.Generated.Generators", "generators/PublicApi" })
        {
            CopyFolder(Path.Combine(RepoRoot, folder), Path.Combine(_copy, folder));
        }

        _spec = Path.Combine(_copy, "spec", "strategy.openapi.yaml");
        _original = await File.ReadAllTextAsync(_spec);
        var (exitCode, output) = await BuildAsync();
        Assert.That(exitCode, Is.Zero, "the unchanged copy builds: " + output);
    }

    [OneTimeTearDown]
    public void DeleteTheCopy()
    {
        if (Directory.Exists(_copy))
        {
            Directory.Delete(_copy, recursive: true);
        }
    }

    [TearDown]
    public async Task RestoreTheSpecAsync()
    {
        await File.WriteAllTextAsync(_spec, _original);
        File.Copy(Path.Combine(RepoRoot, "src", "Strategy.Generated", "PublicAPI.Unshipped.txt"), Unshipped, overwrite: true);
    }

    [Test]
    public async Task Removing_an_operation_fails_the_build_naming_its_method_until_recorded_as_removed()
    {
        var start = _original.IndexOf("    delete:\n      tags: [Subscriptions]\n      operationId: DeleteSubscription", StringComparison.Ordinal);
        var end = _original.IndexOf("\n\n", start, StringComparison.Ordinal);
        Assert.That(start, Is.Positive, "the spec has DeleteSubscription");
        await File.WriteAllTextAsync(_spec, _original.Remove(start, end - start + 1));

        var (exitCode, output) = await BuildAsync();
        var (recordCode, recorded) = await RunAsync("dotnet", "build", "src/Strategy.Generated", "-t:RecordPublicApi", "-p:PublicApiFrameworks=net10.0", "-nologo", "-v:m");
        var (builtCode, built) = await BuildAsync();
        var unshipped = await File.ReadAllLinesAsync(Unshipped);

        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.Not.Zero);
            Assert.That(output, Does.Contain("RS0017").And.Contain("Strategy.Generated.SubscriptionsClient.DeleteSubscriptionAsync("));
            Assert.That(output, Does.Contain("Strategy.Generated.ISubscriptionsClient.DeleteSubscriptionAsync("));
            Assert.That(recordCode, Is.Zero, recorded);
            Assert.That(builtCode, Is.Zero, built);
            Assert.That(unshipped.Where(l => l.Contains("DeleteSubscriptionAsync(", StringComparison.Ordinal)), Is.Not.Empty.And.All.StartWith("*REMOVED*"), "recorded as gone, and only as gone");
            Assert.That(ApiVersionTests.Required(RecordedNow(unshipped)), Is.EqualTo(ApiVersionTests.Bump.Major));
        });
    }

    [Test]
    public async Task Renaming_a_model_property_fails_the_build_naming_the_property()
    {
        const string Declared = "        description: { type: string, description: The schedule's description. }";
        Assert.That(_original, Does.Contain(Declared));
        await File.WriteAllTextAsync(_spec, _original.Replace(Declared, "        summary: { type: string, description: The schedule's description. }", StringComparison.Ordinal));

        var (exitCode, output) = await BuildAsync();

        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.Not.Zero);
            Assert.That(output, Does.Contain("RS0017").And.Contain("Strategy.Generated.Schedule.Description.get"));
            Assert.That(output, Does.Contain("RS0016").And.Contain("Strategy.Generated.Schedule.Summary.get"));
        });
    }

    [Test]
    public async Task An_added_operation_fails_until_recorded_then_builds_and_asks_for_a_minor_version()
    {
        const string Anchor = "  /api/events/{eventId}/trigger:\n";
        const string Added = """
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
        await File.WriteAllTextAsync(_spec, _original.Replace(Anchor, Added + Anchor, StringComparison.Ordinal));

        var (failedCode, failed) = await BuildAsync();
        var (recordCode, recorded) = await RunAsync("dotnet", "build", "src/Strategy.Generated", "-t:RecordPublicApi", "-p:PublicApiFrameworks=net10.0", "-nologo", "-v:m");
        var (builtCode, built) = await BuildAsync();
        var unshipped = await File.ReadAllLinesAsync(Unshipped);

        Assert.Multiple(() =>
        {
            Assert.That(failedCode, Is.Not.Zero);
            Assert.That(failed, Does.Contain("RS0016").And.Contain("GetEventCopyAsync("));
            Assert.That(recordCode, Is.Zero, recorded);
            Assert.That(builtCode, Is.Zero, built);
            Assert.That(unshipped, Has.Some.StartsWith("virtual Strategy.Generated.EventsClient.GetEventCopyAsync("));
            Assert.That(unshipped, Has.Some.StartsWith("Strategy.Generated.IEventsClient.GetEventCopyAsync("));
            Assert.That(ApiVersionTests.Required(RecordedNow(unshipped)), Is.EqualTo(ApiVersionTests.Bump.Minor));
        });
    }

    // What the test's own change recorded: the lines the repository's unshipped file does not have already.
    private static string[] RecordedNow(IEnumerable<string> unshipped) =>
        [.. unshipped.Except(File.ReadAllLines(Path.Combine(RepoRoot, "src", "Strategy.Generated", "PublicAPI.Unshipped.txt")))];

    private Task<(int ExitCode, string Output)> BuildAsync() =>
        RunAsync("dotnet", "build", "src/Strategy.Generated", "-f", "net10.0", "-nologo", "-v:q");

    private Task<(int ExitCode, string Output)> RunAsync(string fileName, params string[] arguments) =>
        BuildProcess.RunAsync(_copy, fileName, arguments);

    private static void Copy(string from, string to)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(to)!);
        File.Copy(from, to);
    }

    private static void CopyFolder(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(from, file);
            var top = relative.Split(Path.DirectorySeparatorChar)[0];
            if (top is not ("bin" or "obj"))
            {
                Copy(file, Path.Combine(to, relative));
            }
        }
    }
}
