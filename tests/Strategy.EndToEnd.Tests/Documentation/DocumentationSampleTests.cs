using Strategy.Emulator;

namespace Strategy.EndToEnd.Tests;

/// <summary>
/// The C# samples of README.md and docs/ as a reader takes them: each compiles on its own as
/// printed (no name from another sample, every using it needs), and each one that is a program
/// runs to its end against a fresh emulator, found through the environment as a script finds its server.
/// </summary>
[NonParallelizable]
public sealed class DocumentationSampleTests
{
    private static IEnumerable<DocumentationSample> Samples => DocumentationSample.All();

    private static IEnumerable<DocumentationSample> Programs => DocumentationSample.All().Where(s => !s.CompileOnly);

    [Test]
    public void The_documentation_has_samples_and_every_one_is_found() =>
        Assert.That(Samples.Count(), Is.GreaterThanOrEqualTo(8), "the parser reads the documents");

    [Test]
    public void A_sample_that_leans_on_another_samples_usings_or_names_does_not_compile()
    {
        var withoutUsing = SampleCompiler.Compile(new DocumentationSample("x.md", 10, "var options = new StrategyWaitOptions();\n", CompileOnly: false));
        var withoutName = SampleCompiler.Compile(new DocumentationSample("x.md", 10, "using Strategy.Generated;\n\nvar client = connection.CreateClient<SchemaClient>();\n", CompileOnly: false));

        Assert.Multiple(() =>
        {
            Assert.That(withoutUsing.Errors, Has.Some.StartsWith("x.md:10: CS0246"), "no using but the SDK's implicit ones");
            Assert.That(withoutName.Errors, Has.Some.StartsWith("x.md:12: CS0103"), "the error is at the document's line");
        });
    }

    [TestCaseSource(nameof(Samples))]
    public void A_sample_compiles_on_its_own_as_printed(DocumentationSample sample)
    {
        var (_, errors) = SampleCompiler.Compile(sample);

        Assert.That(errors, Is.Empty, () => sample.Code);
    }

    [TestCaseSource(nameof(Programs))]
    public async Task A_sample_program_runs_to_its_end_against_the_emulator(DocumentationSample sample)
    {
        var (assembly, errors) = SampleCompiler.Compile(sample);
        Assert.That(errors, Is.Empty);
        await using var emulator = await StrategyEmulator.StartAsync(new StrategyEmulatorOptions
        {
            PathBase = "/MicroStrategyLibrary",
            TaskDuration = TimeSpan.FromMilliseconds(200),
            PublishDuration = TimeSpan.FromMilliseconds(300),
        });
        var environment = new Dictionary<string, string?>
        {
            ["STRATEGY_BASE_URL"] = emulator.BaseUrl.ToString(),
            ["STRATEGY_PASSWORD"] = string.Empty,
            ["STRATEGY_PROJECT_ID"] = Seeds.ProjectId,
        };
        var saved = environment.Keys.ToDictionary(k => k, Environment.GetEnvironmentVariable);
        var output = new StringWriter();
        var console = Console.Out;
        try
        {
            foreach (var (name, value) in environment)
            {
                Environment.SetEnvironmentVariable(name, value);
            }

            Console.SetOut(output);
            var entry = assembly!.EntryPoint;
            Assert.That(entry, Is.Not.Null, "a sample that runs is a program");
            var result = entry!.Invoke(null, entry.GetParameters().Length == 0 ? [] : [Array.Empty<string>()]);
            if (result is Task task)
            {
                await task.WaitAsync(TimeSpan.FromSeconds(60));
            }
        }
        finally
        {
            Console.SetOut(console);
            foreach (var (name, value) in saved)
            {
                Environment.SetEnvironmentVariable(name, value);
            }
        }

        TestContext.Out.WriteLine(output.ToString());
        Assert.Multiple(() =>
        {
            Assert.That(emulator.OpenInstanceCount, Is.Zero, "the sample leaves nothing on the server");
            Assert.That(emulator.SessionCount, Is.Zero, "the sample logs out");
        });
    }
}
