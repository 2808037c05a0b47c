using Strategy.Emulator;
using Strategy.Generated;

namespace Strategy.EndToEnd.Tests;

/// <summary>
/// The operations the spec declares plainly (<c>x-strategy-store</c>) served by the emulator's one
/// store, with no code of their own: the database connection instances per node, listed by node and
/// disconnected one by one, with the server's 404 for one already gone.
/// </summary>
public sealed class SpecStoreTests : EmulatorTest
{
    [Test]
    public async Task A_list_is_filtered_by_the_nodes_asked_for()
    {
        var monitors = Connection.CreateClient<MonitorsClient>();

        var first = await monitors.ListDatabaseConnectionInstancesAsync(Seeds.Nodes[0]);
        var both = await monitors.ListDatabaseConnectionInstancesAsync(string.Join(",", Seeds.Nodes));

        Assert.Multiple(() =>
        {
            Assert.That(first.DbConnectionInstances!.Select(c => c.ClusterNode), Is.Not.Empty.And.All.EqualTo(Seeds.Nodes[0]));
            Assert.That(both.DbConnectionInstances!.Select(c => c.ClusterNode).Distinct(), Is.EquivalentTo(Seeds.Nodes));
            Assert.That(first.AdditionalProperties, Is.Empty, "only the fields the answer's schema declares");
        });
    }

    [Test]
    public async Task A_disconnected_connection_is_gone_and_a_second_disconnect_is_not_found()
    {
        var monitors = Connection.CreateClient<MonitorsClient>();
        var id = (await monitors.ListDatabaseConnectionInstancesAsync(Seeds.Nodes[1])).DbConnectionInstances![0].Id!;

        await monitors.DeleteDatabaseConnectionInstanceAsync(id);
        var again = Assert.ThrowsAsync<StrategyApiException>(() => monitors.DeleteDatabaseConnectionInstanceAsync(id));
        var left = await monitors.ListDatabaseConnectionInstancesAsync(string.Join(",", Seeds.Nodes));

        Assert.Multiple(() =>
        {
            Assert.That((again!.StatusCode, again.ErrorCode), Is.EqualTo((404, "ERR004")));
            Assert.That(left.DbConnectionInstances!.Select(c => c.Id), Does.Not.Contain(id).And.Not.Empty);
        });
    }
}
