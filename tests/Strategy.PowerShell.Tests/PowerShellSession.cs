using System.Collections.ObjectModel;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Text;

namespace Strategy.PowerShell.Tests;

/// <summary>
/// A PowerShell 7 runspace hosted in this process with the published module imported by its
/// manifest, as a user's session has it. Each script's streams are kept whole for assertions.
/// </summary>
internal sealed class PowerShellSession : IDisposable
{
    private readonly Runspace _runspace;

    public PowerShellSession(EmulatorProcess? emulator = null)
    {
        var state = InitialSessionState.CreateDefault2();
        _runspace = RunspaceFactory.CreateRunspace(state);
        _runspace.Open();
        var imported = Run("Import-Module $ModulePath -ErrorAction Stop", ("ModulePath", ModuleSetUp.ManifestPath));
        Assert.That(imported.Errors, Is.Empty, "the module imports");
        if (emulator is not null)
        {
            Set("BaseUrl", emulator.BaseUrl.ToString());
            Set("Password", EmulatorProcess.Password);
            Set("ApiToken", EmulatorProcess.ApiToken);
            Run("$Credential = [pscredential]::new('administrator', (ConvertTo-SecureString $Password -AsPlainText -Force)); Remove-Variable Password");
        }
    }

    /// <summary>Sets a variable the scripts can use.</summary>
    public void Set(string name, object? value) => _runspace.SessionStateProxy.SetVariable(name, value);

    /// <summary>Logs in to <paramref name="emulator"/> with its seeded project (needs the session made with it).</summary>
    public ScriptResult Connect() =>
        Run("Connect-StrategyServer -BaseUrl $BaseUrl -ProjectId $ProjectId -Credential $Credential", ("ProjectId", Strategy.Emulator.Seeds.ProjectId));

    /// <summary>Runs a script; a terminating error is kept in <see cref="ScriptResult.Terminated"/>, not thrown.</summary>
    public ScriptResult Run(string script, params (string Name, object? Value)[] variables)
    {
        using var shell = System.Management.Automation.PowerShell.Create();
        shell.Runspace = _runspace;
        foreach (var (name, value) in variables)
        {
            _runspace.SessionStateProxy.SetVariable(name, value);
        }

        shell.AddScript(script);
        Collection<PSObject> output = [];
        Exception? terminated = null;
        try
        {
            output = shell.Invoke();
        }
        catch (RuntimeException ex)
        {
            terminated = ex;
        }

        return new ScriptResult(output, shell.Streams.Error.ToList(), shell.Streams.Verbose.Select(v => v.Message).ToList(), shell.Streams.Warning.Select(w => w.Message).ToList(), shell.Streams.Progress.ToList(), shell.Streams.Debug.Select(d => d.Message).ToList(), shell.Streams.Information.Select(i => i.ToString()).ToList(), terminated);
    }

    /// <summary>Starts a script without waiting, to stop it midway as Ctrl+C does.</summary>
    public (System.Management.Automation.PowerShell Shell, IAsyncResult Running) Start(string script)
    {
        var shell = System.Management.Automation.PowerShell.Create();
        shell.Runspace = _runspace;
        shell.AddScript(script);
        return (shell, shell.BeginInvoke());
    }

    public void Dispose() => _runspace.Dispose();
}

/// <summary>What a script wrote, stream by stream, and the terminating error that ended it, if any.</summary>
internal sealed record ScriptResult(
    IReadOnlyList<PSObject> Output,
    IReadOnlyList<ErrorRecord> Errors,
    IReadOnlyList<string> Verbose,
    IReadOnlyList<string> Warnings,
    IReadOnlyList<ProgressRecord> Progress,
    IReadOnlyList<string> Debug,
    IReadOnlyList<string> Information,
    Exception? Terminated)
{
    /// <summary>The only error, terminating or not: the error record either way.</summary>
    public ErrorRecord Error =>
        Terminated is IContainsErrorRecord { ErrorRecord: { } record } ? record
        : Errors.Count == 1 ? Errors[0]
        : throw new AssertionException($"Expected one error; got {Errors.Count} and {(Terminated is null ? "no terminating error" : Terminated.Message)}.");

    /// <summary>Everything written, every stream, as text: what a user could see.</summary>
    public string AllText()
    {
        var text = new StringBuilder();
        foreach (var item in Output)
        {
            text.AppendLine(item?.ToString());
        }

        foreach (var line in Errors.Select(e => e.ToString() + " " + e.Exception) .Concat(Verbose).Concat(Warnings).Concat(Debug).Concat(Information).Concat(Progress.Select(p => p.Activity + " " + p.StatusDescription)))
        {
            text.AppendLine(line);
        }

        if (Terminated is not null)
        {
            text.AppendLine(Terminated.ToString());
        }

        return text.ToString();
    }

    /// <summary>Fails with every error's message when the script wrote any.</summary>
    public ScriptResult Succeeded()
    {
        Assert.That(Terminated, Is.Null, () => Terminated!.Message);
        Assert.That(Errors, Is.Empty, () => string.Join(Environment.NewLine, Errors.Select(e => $"{e.FullyQualifiedErrorId}: {e.Exception.Message}")));
        return this;
    }
}
