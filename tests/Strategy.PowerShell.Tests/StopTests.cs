using Strategy.Emulator;
using Strategy.Emulator.Reports;
using System.Diagnostics;
using System.Management.Automation;
using System.Runtime.InteropServices;
using Strategy.Tests.Shared;

namespace Strategy.PowerShell.Tests;

/// <summary>
/// Ctrl+C and time limits against a publish that really runs for minutes: in a hosted pipeline
/// (<c>Stop()</c>, which is what Ctrl+C calls) and in pwsh as its own process sent a real SIGINT.
/// Afterwards the server holds no instance, and no session once the process is gone.
/// </summary>
[NonParallelizable]
public sealed class StopTests
{
    private EmulatorProcess _emulator = null!;

    [OneTimeSetUp]
    public async Task StartEmulatorAsync() => _emulator = await EmulatorProcess.StartAsync("--publish-duration", "300");

    [OneTimeTearDown]
    public async Task StopEmulatorAsync() => await _emulator.DisposeAsync();

    [Test]
    public async Task Stopping_the_pipeline_mid_publish_deletes_the_instance_and_ends_the_pipeline()
    {
        // Counted from what the server holds now, so an instance another test left does not count.
        var before = (await _emulator.StateAsync()).Instances;
        using var session = new PowerShellSession(_emulator);
        session.Connect().Succeeded();
        var (shell, running) = session.Start($"Publish-StrategyDataModel {Seeds.DataModelId} -Table @{{ ytd_day = 'upsert' }}; 'after'");
        using (shell)
        {
            await WaitUntilAsync(async () => (await _emulator.StateAsync()).Instances == before + 1, "the publish opened its instance");

            // The publish runs for 300 s: a pipeline that ends within the guard's 60 s was ended by the stop.
            shell.Stop();
            var ended = running.AsyncWaitHandle.WaitOne(TimeSpan.FromSeconds(60));

            Assert.Multiple(async () =>
            {
                Assert.That(ended, Is.True, "the pipeline ended");
                Assert.That(shell.InvocationStateInfo.State, Is.EqualTo(PSInvocationState.Stopped));
                Assert.That((await _emulator.StateAsync()).Instances, Is.EqualTo(before), "the instance was deleted before the cmdlet returned");
            });
        }
    }

    [Test]
    public async Task Stopping_a_cmdlet_made_from_the_spec_while_its_answer_is_held_back_ends_the_pipeline()
    {
        using var session = new PowerShellSession(_emulator);
        session.Connect().Succeeded();
        var before = (await _emulator.StateAsync()).FaultsFired;
        await _emulator.ControlAsync("faults", """{"count":1,"method":"GET","pathContains":"/api/projects","delay":300}""");
        var (shell, running) = session.Start("Get-StrategyProjects; 'not stopped'");
        using (shell)
        {
            await WaitUntilAsync(async () => (await _emulator.StateAsync()).FaultsFired == before + 1, "the list's answer is held back");

            // The answer is held for 300 s: a pipeline that ends within the guard's 60 s was ended by the stop.
            shell.Stop();
            var ended = running.AsyncWaitHandle.WaitOne(TimeSpan.FromSeconds(60));

            Assert.Multiple(() =>
            {
                Assert.That(ended, Is.True, "the pipeline ended");
                Assert.That(shell.InvocationStateInfo.State, Is.EqualTo(PSInvocationState.Stopped));
                Assert.That(shell.Streams.Error, Is.Empty, "a stop is not a failure of the call");
            });
        }
    }

    [Test]
    public async Task At_TimeoutSec_the_publish_is_an_OperationTimeout_error_and_the_instance_is_deleted()
    {
        using var session = new PowerShellSession(_emulator);
        session.Connect().Succeeded();

        var result = session.Run($"Publish-StrategyDataModel {Seeds.DataModelId} -TimeoutSec 2");

        Assert.Multiple(async () =>
        {
            Assert.That(result.Error.CategoryInfo.Category, Is.EqualTo(ErrorCategory.OperationTimeout));
            Assert.That(result.Error.FullyQualifiedErrorId, Does.StartWith("WaitTimedOut"));
            Assert.That((await _emulator.StateAsync()).Instances, Is.Zero);
        });
    }

    [Test]
    public async Task Closing_the_runspace_or_removing_the_module_logs_out()
    {
        var before = (await _emulator.StateAsync()).Sessions;
        var session = new PowerShellSession(_emulator);
        session.Connect().Succeeded();
        var connected = (await _emulator.StateAsync()).Sessions;
        session.Dispose();
        var afterClose = (await _emulator.StateAsync()).Sessions;

        using var other = new PowerShellSession(_emulator);
        other.Connect().Succeeded();
        other.Run("Remove-Module Strategy.PowerShell").Succeeded();
        var afterRemove = (await _emulator.StateAsync()).Sessions;

        Assert.Multiple(() =>
        {
            Assert.That(connected, Is.EqualTo(before + 1));
            Assert.That(afterClose, Is.EqualTo(before), "closing the runspace logged out");
            Assert.That(afterRemove, Is.EqualTo(before), "Remove-Module logged out");
        });
    }

    [Test]
    [Platform("Linux", Reason = "A signal reaches pwsh through GNU env --default-signal.")]
    public async Task SIGINT_to_pwsh_mid_publish_deletes_the_instance_and_the_process_ends_logged_out()
    {
        var pwsh = await PwshTool.LocateAsync(TestPaths.RepoRoot);
        var script = $$"""
            Import-Module '{{ModuleSetUp.ManifestPath}}'
            $credential = [pscredential]::new('administrator', (ConvertTo-SecureString $env:STRATEGY_TEST_PASSWORD -AsPlainText -Force))
            Connect-StrategyServer '{{_emulator.BaseUrl}}' {{Seeds.ProjectId}} -Credential $credential | Out-Null
            Publish-StrategyDataModel {{Seeds.DataModelId}} -Table @{ ytd_day = 'upsert' } -Verbose
            Write-Output 'not stopped'
            """;
        var before = await _emulator.StateAsync();
        using var process = StartPwsh(pwsh, script);

        // The publish runs for 300 s; a busy machine may take a while to delete, log out and exit.
        // Ready once the server holds the instance and the cmdlet has said so: the server answers
        // before the cmdlet writes its verbose line, so the instance alone can race the signal.
        var text = await InterruptAsync(
            process,
            async written => written.Contains("Opened instance") && (await _emulator.StateAsync()).Instances == before.Instances + 1,
            "pwsh opened the instance and said so");
        var state = await _emulator.StateAsync();
        Assert.Multiple(() =>
        {
            Assert.That(text, Does.Contain("Opened instance"), "it was publishing");
            Assert.That(text, Does.Not.Contain("not stopped"), "Ctrl+C ended the script");
            Assert.That(process.ExitCode, Is.Not.Zero, "pwsh -Command says it was stopped");
            Assert.That(state.Instances, Is.EqualTo(before.Instances), "the instance was deleted");
            Assert.That(state.Sessions, Is.EqualTo(before.Sessions), "the session was logged out when pwsh exited");
            Assert.That(text, Does.Not.Contain(EmulatorProcess.Password));
        });
    }

    [Test]
    [Platform("Linux", Reason = "A signal reaches pwsh through GNU env --default-signal.")]
    public async Task SIGINT_to_pwsh_mid_export_leaves_no_file_under_either_name_and_the_process_ends_logged_out()
    {
        var pwsh = await PwshTool.LocateAsync(TestPaths.RepoRoot);
        var folder = Directory.CreateTempSubdirectory("strategy-ps-sigint-").FullName;
        var target = Path.Combine(folder, "large.csv");
        var script = $$"""
            Import-Module '{{ModuleSetUp.ManifestPath}}'
            $credential = [pscredential]::new('administrator', (ConvertTo-SecureString $env:STRATEGY_TEST_PASSWORD -AsPlainText -Force))
            Connect-StrategyServer '{{_emulator.BaseUrl}}' {{Seeds.ProjectId}} -Credential $credential | Out-Null
            Export-StrategyReport {{ReportSeeds.LargeReportId}} -Path '{{target}}' -PageSize 500
            Write-Output 'not stopped'
            """;
        var before = await _emulator.StateAsync();
        using var process = StartPwsh(pwsh, script);

        // Rows are being written under the temporary name: the export of a million rows is mid-way, not done.
        var text = await InterruptAsync(process, _ => Task.FromResult(Directory.GetFiles(folder).Any(f => new FileInfo(f).Length > 0)), "pwsh wrote the first pages");
        var state = await _emulator.StateAsync();
        var left = Directory.GetFiles(folder);
        Directory.Delete(folder, recursive: true);
        Assert.Multiple(() =>
        {
            Assert.That(text, Does.Not.Contain("not stopped"), "Ctrl+C ended the script");
            Assert.That(process.ExitCode, Is.Not.Zero, "pwsh -Command says it was stopped");
            Assert.That(left, Is.Empty, "neither the file nor its temporary name is left");
            Assert.That(state.Sessions, Is.EqualTo(before.Sessions), "the session (and the report instance with it) ended when pwsh exited");
            Assert.That(text, Does.Not.Contain(EmulatorProcess.Password));
        });
    }

    /// <summary>pwsh as its own process, non-interactive, with the password in its environment only.</summary>
    private static Process StartPwsh(string pwsh, string script)
    {
        // env --default-signal: under `dotnet test` of the solution, a test host run from an MSBuild
        // worker node inherits SIGINT as ignored, and .NET keeps an ignored signal ignored in pwsh.
        var start = new ProcessStartInfo("env") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { "--default-signal=INT,TERM", "dotnet", pwsh, "-NoProfile", "-NonInteractive", "-Command", script })
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["STRATEGY_TEST_PASSWORD"] = EmulatorProcess.Password;
        return Process.Start(start)!;
    }

    /// <summary>
    /// Sends pwsh a real SIGINT once <paramref name="ready"/> holds for what pwsh has written so far,
    /// and answers all it wrote by the time it exited (killed if it never does).
    /// </summary>
    private static async Task<string> InterruptAsync(Process process, Func<string, Task<bool>> ready, string what)
    {
        var written = new System.Text.StringBuilder();
        void Collect(object sender, DataReceivedEventArgs line)
        {
            if (line.Data is not null)
            {
                lock (written)
                {
                    written.AppendLine(line.Data);
                }
            }
        }

        string WrittenSoFar()
        {
            lock (written)
            {
                return written.ToString();
            }
        }

        process.OutputDataReceived += Collect;
        process.ErrorDataReceived += Collect;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await WaitUntilAsync(() => ready(WrittenSoFar()), what, TimeSpan.FromSeconds(120));

            Assert.That(Kill(process.Id, 2), Is.Zero, "kill -INT");
            using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(120));
            await process.WaitForExitAsync(limit.Token);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }

        // WaitForExit without a limit drains the redirected streams once the process has exited.
        process.WaitForExit();
        return WrittenSoFar();
    }

    private static Task WaitUntilAsync(Func<Task<bool>> condition, string what, TimeSpan? limit = null) =>
        Eventually.HoldsAsync(condition, what, limit);

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}
