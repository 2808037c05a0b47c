using System.Management.Automation;
using Strategy.Emulator;

namespace Strategy.PowerShell.Tests;

/// <summary>
/// The cmdlets made from the spec's operations (declarations only, one shared runner): in PowerShell
/// against the emulator, with the spec's words as help, its values checked, the pipeline bound by Id,
/// and nothing sent on -WhatIf.
/// </summary>
public sealed class OperationCmdletTests : ServerFixture
{
    [SetUp]
    public void ConnectFirst() => Shell.Connect().Succeeded();

    [Test]
    public void A_list_writes_its_items_as_objects_with_the_answers_fields()
    {
        var ids = Shell.Run("Get-StrategyProjects | ForEach-Object id").Succeeded().Output.Select(o => o.ToString());

        Assert.That(ids, Does.Contain(Seeds.ProjectId));
    }

    [Test]
    public void Items_of_one_list_bind_to_the_next_cmdlets_Id_by_property_name()
    {
        var listed = Shell.Run("Get-StrategyCubeCaches -ClusterNode $Node | ForEach-Object id", ("Node", Seeds.Nodes[0])).Succeeded().Output.Select(o => o.ToString()).ToList();
        var got = Shell.Run("Get-StrategyCubeCaches -ClusterNode $Node | Get-StrategyCubeCache | ForEach-Object id", ("Node", Seeds.Nodes[0])).Succeeded().Output.Select(o => o.ToString());

        Assert.Multiple(() =>
        {
            Assert.That(listed, Is.Not.Empty);
            Assert.That(got, Is.EquivalentTo(listed));
        });
    }

    [Test]
    public void A_paged_list_streams_every_page_and_Limit_is_how_many_in_all()
    {
        var all = Shell.Run("Get-StrategyCubeCaches -ClusterNode $Node", ("Node", Seeds.Nodes[0])).Succeeded().Output;
        var one = Shell.Run("Get-StrategyCubeCaches -ClusterNode $Node -Limit 1", ("Node", Seeds.Nodes[0])).Succeeded().Output;
        var first = Shell.Run("Get-StrategyCubeCaches -ClusterNode $Node | Select-Object -First 1", ("Node", Seeds.Nodes[0])).Succeeded().Output;

        Assert.Multiple(() =>
        {
            Assert.That(all, Is.Not.Empty);
            Assert.That(one, Has.Count.EqualTo(1));
            Assert.That(first, Has.Count.EqualTo(1), "the pipeline stops the reading");
        });
    }

    [Test]
    public void A_listed_connection_is_disconnected_through_the_pipeline_by_its_id()
    {
        var script = "Get-StrategyUserConnection -ClusterNode $Node | Where-Object username -eq 'analyst2' | Disconnect-StrategyUserConnection -Confirm:$false";
        Shell.Run(script, ("Node", Seeds.Nodes[0])).Succeeded();
        var left = Shell.Run("Get-StrategyUserConnection -ClusterNode $Node | ForEach-Object username", ("Node", Seeds.Nodes[0])).Succeeded().Output.Select(o => o.ToString());

        Assert.That(left, Does.Not.Contain("analyst2").And.Contain("administrator"));
    }

    [Test]
    public void A_bodys_simple_fields_are_parameters_set_on_top_of_the_body()
    {
        var result = Shell.Run("Disconnect-StrategyUserConnections -UserConnectionIds 'NO-SUCH-CONNECTION', 'NOR-THIS-ONE' -Confirm:$false");
        var missing = Shell.Run("Disconnect-StrategyUserConnections -Confirm:$false");

        Assert.Multiple(() =>
        {
            Assert.That(result.Output.Select(o => o.Properties["id"].Value), Is.EqualTo(new object[] { "NO-SUCH-CONNECTION", "NOR-THIS-ONE" }), "every value given, in order");
            Assert.That(missing.Error.Exception.Message, Does.Contain("userConnectionIds"));
            Assert.That(missing.Error.CategoryInfo.Category, Is.EqualTo(ErrorCategory.InvalidArgument));
        });
    }

    [Test]
    public void A_403_that_carries_every_ids_status_writes_them_and_an_error()
    {
        var result = Shell.Run("Disconnect-StrategyUserConnections -Body '{\"userConnectionIds\":[\"NO-SUCH-CONNECTION\"]}' -Confirm:$false");

        Assert.Multiple(() =>
        {
            Assert.That(result.Terminated, Is.Null);
            Assert.That(result.Output.Select(o => (o.Properties["id"].Value, o.Properties["status"].Value)), Is.EqualTo(new (object, object)[] { ("NO-SUCH-CONNECTION", 404L) }), "every id's status is written");
            Assert.That(result.Error.Exception.Message, Does.Contain("answered 403"));
            Assert.That(result.Error.CategoryInfo.Category, Is.EqualTo(ErrorCategory.InvalidResult));
        });
    }

    [Test]
    public void A_table_shows_the_columns_the_spec_marks_and_every_field_stays_on_the_object()
    {
        var table = Shell.Run("Get-StrategyUserConnection -ClusterNode $Node | Format-Table | Out-String -Width 300", ("Node", Seeds.Nodes[0])).Succeeded().Output.Single().ToString()!;
        var fields = Shell.Run("Get-StrategyUserConnection -ClusterNode $Node | Select-Object -First 1 | ForEach-Object { $_.PSObject.Properties.Name }", ("Node", Seeds.Nodes[0])).Succeeded().Output.Select(o => o.ToString());
        var typeNames = Shell.Run("@(Get-StrategyUserConnection -ClusterNode $Node)[0].PSObject.TypeNames", ("Node", Seeds.Nodes[0])).Succeeded().Output.Select(o => o.ToString());
        var shown = Shell.Run("Get-StrategyUserConnection -ClusterNode $Node | Out-String -Width 300", ("Node", Seeds.Nodes[0])).Succeeded().Output.Single().ToString()!;

        Assert.Multiple(() =>
        {
            Assert.That(Header(table), Is.EqualTo(new[] { "id", "username", "projectName", "client", "dateConnectionCreated", "openJobsCount" }));
            Assert.That(Header(shown), Is.EqualTo(Header(table)), "shown as that table without Format-Table: six columns would otherwise be a list");
            Assert.That(fields, Does.Contain("sessionId").And.Contain("userFullName"), "the other fields are still there for Select-Object");
            Assert.That(typeNames.Take(2), Is.EqualTo(new[] { "Strategy.Generated.UserConnection#ListUserConnections", "Strategy.Generated.UserConnection" }), "typed as the library's model, then selected by the operation's own view");
        });

        static string[] Header(string table) => table.Split('\n').Select(l => l.Trim()).First(l => l.Length > 0).Split(' ', StringSplitOptions.RemoveEmptyEntries);
    }

    [Test]
    public void WhatIf_sends_nothing()
    {
        // An instance the emulator does not have: sent, the call would fail with ObjectNotFound.
        var result = Shell.Run("Remove-StrategyDataModelInstance -DataModelId $Model -InstanceId 'NO SUCH INSTANCE' -WhatIf", ("Model", Seeds.DataModelId));
        var sent = Shell.Run("Remove-StrategyDataModelInstance -DataModelId $Model -InstanceId 'NO SUCH INSTANCE' -Confirm:$false", ("Model", Seeds.DataModelId));

        Assert.Multiple(() =>
        {
            Assert.That(result.Terminated, Is.Null);
            Assert.That(result.Errors, Is.Empty);
            Assert.That(sent.Error.CategoryInfo.Category, Is.EqualTo(ErrorCategory.ObjectNotFound), "the same call, sent, fails: -WhatIf did not send it");
        });
    }

    [Test]
    public void A_value_the_spec_does_not_list_is_refused_by_PowerShell_before_anything_runs()
    {
        var result = Shell.Run("Get-StrategyDependentSubscriptions -ObjectId X -Type users");

        Assert.That(result.Error.Exception, Is.InstanceOf<ParameterBindingException>());
    }

    [Test]
    public void A_secret_in_the_body_as_plain_text_is_refused_and_as_a_SecureString_is_taken()
    {
        var plain = Shell.Run("Submit-StrategyReportInstancePrompts -ReportId R -InstanceId I -Body @{ password = 'hunter2' } -WhatIf");
        var secure = Shell.Run("Submit-StrategyReportInstancePrompts -ReportId R -InstanceId I -Body @{ password = (ConvertTo-SecureString 'hunter2' -AsPlainText -Force) } -WhatIf");

        Assert.Multiple(() =>
        {
            Assert.That(plain.Error.CategoryInfo.Category, Is.EqualTo(ErrorCategory.InvalidArgument));
            Assert.That(plain.AllText(), Does.Contain("SecureString").And.Not.Contain("hunter2"));
            Assert.That(secure.Errors, Is.Empty);
            Assert.That(secure.Terminated, Is.Null);
        });
    }

    [Test]
    public void Help_is_the_specs_words_and_a_deletion_asks_first()
    {
        var synopsis = Shell.Run("(Get-Help Get-StrategyProjects).Synopsis").Succeeded().Output.Single().ToString();
        var parameter = Shell.Run("(Get-Help Get-StrategyCubeCaches -Parameter ClusterNode).Description.Text").Succeeded().Output.Single().ToString();
        var impact = Shell.Run("(Get-Command Remove-StrategyDataModelInstance).ImplementingType.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false)[0].ConfirmImpact").Succeeded().Output.Single().ToString();

        Assert.Multiple(() =>
        {
            Assert.That(synopsis, Does.StartWith("Lists the projects the user may work in"));
            Assert.That(parameter, Is.Not.Empty);
            Assert.That(impact, Is.EqualTo("High"));
        });
    }
}
