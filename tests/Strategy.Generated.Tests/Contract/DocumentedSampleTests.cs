using System.Collections;
using System.Reflection;
using Newtonsoft.Json;
using Strategy.Generated.Tests.Support;
using Strategy.Tests.Shared;

namespace Strategy.Generated.Tests.Contract;

/// <summary>
/// The documented sample answers (Strategy's REST docs and the Playground's sample responses, under
/// <c>tests/Shared/DocumentedSamples</c> with their sources) read into the generated models with every
/// field they carry landing in a typed property: a spec that misnames or lacks a field the server
/// documents fails here, whatever the emulator does. A field whose schema is a free-form object
/// (a dictionary) is typed as such.
/// </summary>
public sealed class DocumentedSampleTests
{
    public static IEnumerable<TestCaseData> Samples() =>
        DocumentedSamples.Files.Select(file => new TestCaseData(file).SetArgDisplayNames(file));

    [Test]
    public void Every_sample_names_its_source_and_every_source_its_sample()
    {
        Assert.Multiple(() =>
        {
            Assert.That(DocumentedSamples.Sources.Keys, Is.EquivalentTo(DocumentedSamples.Files));
            Assert.That(DocumentedSamples.Sources.Values, Has.All.Match("^MicroStrategy/rest-api-(docs|playground)@[0-9a-f]{7,40}:"));
            Assert.That(DocumentedSamples.Operations, Is.SubsetOf(StrategyOperations.All.Select(o => o.OperationId)), "each sample is named after an operation of the spec");
            Assert.That(DocumentedSamples.Undocumented.Select(u => u.Evidence), Has.All.Match("^MicroStrategy/(rest-api-docs|mstrio-py)@[0-9a-f]{7,40}:"), "a field no sample shows rests on other evidence, named");
        });
    }

    [TestCaseSource(nameof(Samples))]
    public void A_documented_answer_reads_into_typed_properties_only(string file)
    {
        var model = JsonConvert.DeserializeObject(DocumentedSamples.Text(file), DocumentedSamples.ModelTypeFor(file), StrategyJson.ReadingSettings);

        Assert.That(UndeclaredFields.Of(model), Is.Empty, () => $"{file} ({DocumentedSamples.Sources[file]}) carries fields the spec does not declare");
    }

    [Test]
    public void A_field_the_spec_lacks_is_caught()
    {
        var sample = DocumentedSamples.Json("GetCubeCache.200.json");
        sample["renamedByTheServer"] = 1;

        var model = JsonConvert.DeserializeObject<CubeCache>(sample.ToString(), StrategyJson.ReadingSettings);

        Assert.That(UndeclaredFields.Of(model), Is.EqualTo(new[] { "$.renamedByTheServer" }), "the check above can fail");
    }

    [Test]
    public void Documented_times_read_as_the_server_wrote_them()
    {
        var search = JsonConvert.DeserializeObject<SearchResults>(DocumentedSamples.Text("SearchObjects.200.json"), StrategyJson.ReadingSettings)!;
        var cache = JsonConvert.DeserializeObject<CubeCache>(DocumentedSamples.Text("GetCubeCache.200.json"), StrategyJson.ReadingSettings)!;

        Assert.Multiple(() =>
        {
            Assert.That(search.Result![0].DateCreated, Is.EqualTo(new DateTimeOffset(2006, 5, 22, 11, 42, 6, TimeSpan.FromHours(-4))), "-0400, a zone without a colon");
            Assert.That(search.Result![0].DateCreated!.Value.Offset, Is.EqualTo(TimeSpan.FromHours(-4)));
            Assert.That(cache.LastUpdateTime, Is.EqualTo("2018-02-12 07:15:17"), "no zone: kept as written, not moved into this machine's zone");
            Assert.That((cache.Source!.Name, cache.Size, cache.Node), Is.EqualTo(("C02_callctr_image", 101376L, "10.23.5.85")), "the name is the source's, the size in bytes, the node in the id");
        });
    }

    [Test]
    public void The_documented_node_list_reads_as_a_project_settled_on_every_node()
    {
        var nodes = JsonConvert.DeserializeObject<ClusterNodeList>(DocumentedSamples.Text("ListClusterNodes.200.json"), StrategyJson.ReadingSettings)!;
        var pending = DocumentedSamples.Json("ListClusterNodes.200.json");
        pending["nodes"]![0]!["projects"]![0]!["status"] = "unloaded_pending";

        var settled = MonitorsClient.ClassifyAwaitProjectOnNodes(nodes);
        var running = MonitorsClient.ClassifyAwaitProjectOnNodes(JsonConvert.DeserializeObject<ClusterNodeList>(pending.ToString(), StrategyJson.ReadingSettings)!);

        Assert.Multiple(() =>
        {
            Assert.That((settled.State, settled.Words), Is.EqualTo((StrategyOutcome.Succeeded, "loaded on all 1")));
            Assert.That((running.State, running.Words), Is.EqualTo((StrategyOutcome.Running, "unloaded_pending on 1 of 1")));
        });
    }

    [Test]
    public void The_docs_list_the_operations_with_a_sample_and_those_without()
    {
        var page = File.ReadAllText(Path.Combine(RepoRoot(), "docs", "contributing", "documented-samples.md"));
        var listed = System.Text.RegularExpressions.Regex.Matches(page, @"^\| `(\w+)` \| (yes|none) ", System.Text.RegularExpressions.RegexOptions.Multiline)
            .ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value == "yes");

        Assert.Multiple(() =>
        {
            Assert.That(listed.Keys, Is.EquivalentTo(StrategyOperations.All.Select(o => o.OperationId)), "every operation has its row");
            Assert.That(listed.Where(p => p.Value).Select(p => p.Key), Is.EquivalentTo(DocumentedSamples.Operations), "a row says yes exactly when there is a sample");
        });
    }

    private static string RepoRoot() =>
        typeof(DocumentedSampleTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "RepoRoot").Value!;
}
