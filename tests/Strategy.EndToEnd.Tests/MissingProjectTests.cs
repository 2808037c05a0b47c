using Strategy.Emulator;
using Strategy.Generated;

namespace Strategy.EndToEnd.Tests;

/// <summary>
/// A connection made without a project works for what needs none, and a call that needs one says so
/// in the client's terms before anything is sent, instead of the server's ERR006 after a login.
/// </summary>
public sealed class MissingProjectTests : EmulatorTest
{
    [Test]
    public async Task A_call_that_works_in_a_project_without_one_names_the_setting_and_sends_nothing()
    {
        await using var connection = StrategyConnection.Create(Emulator.BaseUrl, StrategyCredentials.Standard("administrator", string.Empty), projectId: null);
        var logins = Emulator.RequestCount("POST", "/api/auth/login");

        var error = Assert.ThrowsAsync<ArgumentException>(() => connection.CreateClient<CubesClient>().GetCubeStatusFlagsAsync(Seeds.SalesCubeId));

        Assert.Multiple(() =>
        {
            Assert.That(error!.ParamName, Is.EqualTo("projectId"));
            Assert.That(error.Message, Does.Contain("GetCubeStatus works in a project, and none was given").And.Contain("StrategyConnection.Create"));
            Assert.That(Emulator.RequestCount("POST", "/api/auth/login"), Is.EqualTo(logins), "not even a login was sent");
            Assert.That(Emulator.RequestCount("HEAD", "/api/cubes/"), Is.Zero);
        });
    }

    [Test]
    public async Task A_call_that_needs_no_project_goes_through_without_one()
    {
        await using var connection = StrategyConnection.Create(Emulator.BaseUrl, StrategyCredentials.Standard("administrator", string.Empty), projectId: null);

        var projects = await connection.CreateClient<ProjectsClient>().ListProjectsAsync();

        Assert.That(projects, Is.Not.Empty);
    }
}
