using Strategy.Emulator;
using Strategy.Generated;

namespace Strategy.EndToEnd.Tests;

/// <summary>The monitor's user connections as a server answers them: per node, the caller's own session not to be disconnected, a stopped node failing alone.</summary>
public sealed class UserConnectionTests : EmulatorTest
{
    [Test]
    public async Task The_callers_own_session_is_listed_and_refused_as_a_server_refuses_it()
    {
        var monitors = Connection.CreateClient<MonitorsClient>();
        var listed = await monitors.ListUserConnectionsAsync(Seeds.Nodes[0]);
        var own = listed.Result.UserConnections!.Single(c => c.Client == "REST API");

        var refused = Assert.ThrowsAsync<StrategyApiException>(() => monitors.DeleteUserConnectionAsync(own.Id!));

        Assert.Multiple(async () =>
        {
            Assert.That(listed.TotalCount, Is.EqualTo(listed.Result.UserConnections!.Count));
            Assert.That((refused!.StatusCode, refused.ErrorCode), Is.EqualTo((500, "ERR001")));
            Assert.That((await monitors.ListUserConnectionsAsync(Seeds.Nodes[0])).Result.UserConnections!.Select(c => c.Id), Does.Contain(own.Id), "still connected");
        });
    }

    [Test]
    public async Task A_stopped_node_fails_its_own_call_while_the_other_node_answers()
    {
        Emulator.SetNodeDown(Seeds.Nodes[1]);
        var monitors = Connection.CreateClient<MonitorsClient>();

        var up = await monitors.ListUserConnectionsAsync(Seeds.Nodes[0]);
        var down = Assert.ThrowsAsync<StrategyApiException>(() => monitors.ListUserConnectionsAsync(Seeds.Nodes[1]));

        Assert.Multiple(() =>
        {
            Assert.That(up.Result.UserConnections, Is.Not.Empty);
            Assert.That(down!.StatusCode, Is.EqualTo(503));
            Assert.That(down.Message, Does.Contain(Seeds.Nodes[1]));
        });
    }
}
