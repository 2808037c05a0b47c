using System.Management.Automation;
using Strategy.Generated;
using Strategy.Shared;

namespace Strategy.PowerShell;

/// <summary>Applies a list of people like a plan: creates, updates and disables users, and writes how each person's change ended.</summary>
/// <remarks>
/// <para>Sync-StrategyUser takes rows from the pipeline (Import-Csv's objects, with the properties username, fullName, email, enabled, groups separated by ;, securityRoles in the project separated by ;, and ldapdn) and, once the pipeline ends, compares them with the server in a few reads: every user, the groups once, the managed group's members once. Each person is then created, updated (only what differs), left unchanged, or, with -ManagedGroup, disabled when missing from the list; never this session's user, never deleted.</para>
/// <para>A row that cannot be read stops the cmdlet before anything is sent. A row naming a group that does not exist, and each change that failed, is a non-terminating error with the server's reason; the others go on. New people with a Strategy password get a one-time password that must be changed at the first login, written to -PasswordPath (a new file only you can read) and nowhere else. -WhatIf shows each change and sends none.</para>
/// </remarks>
/// <example>
/// <code>Import-Csv people.csv | Sync-StrategyUser -ManagedGroup 'Sales' -PasswordPath ./new-passwords.csv</code>
/// <para>Applies the list: people missing from it who are members of Sales are disabled.</para>
/// </example>
/// <example>
/// <code>Import-Csv people.csv | Sync-StrategyUser -WhatIf</code>
/// <para>Shows what would change, and sends nothing.</para>
/// </example>
[Cmdlet(VerbsData.Sync, "StrategyUser", SupportsShouldProcess = true)]
[OutputType(typeof(StrategyPersonOutcome))]
public sealed class SyncStrategyUserCommand : StrategyCmdlet
{
    private readonly List<StrategyPerson> _people = [];

    /// <summary>A person: a row of Import-Csv (or any object with the properties named above), or a StrategyPerson.</summary>
    [Parameter(Mandatory = true, ValueFromPipeline = true)]
    [ValidateNotNull]
    public PSObject InputObject { get; set; } = null!;

    /// <summary>The group whose direct members the list manages: one missing from the list is disabled.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? ManagedGroup { get; set; }

    /// <summary>How many people are changed at once.</summary>
    [Parameter]
    [ValidateRange(1, 64)]
    public int ThrottleLimit { get; set; } = 4;

    /// <summary>The file new people's one-time passwords are written to: created new, readable by you only, never overwritten. Required when the list creates anyone with a Strategy password.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? PasswordPath { get; set; }

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        var source = $"input {_people.Count + 1}";
        if (InputObject.BaseObject is StrategyPerson person)
        {
            _people.Add(person with { Source = person.Source ?? source });
            return;
        }

        try
        {
            var values = InputObject.Properties.Where(p => p.IsGettable).ToDictionary(p => p.Name, p => p.Value?.ToString(), StringComparer.OrdinalIgnoreCase);
            PeopleRows.CheckColumns(values.Keys, source);
            _people.Add(PeopleRows.Person(values, source));
        }
        catch (ArgumentException ex)
        {
            ThrowTerminatingError(new ErrorRecord(ex, "InvalidArgument", ErrorCategory.InvalidArgument, InputObject));
        }
    }

    /// <inheritdoc />
    protected override void EndProcessing()
    {
        if (_people.Count == 0)
        {
            return;
        }

        var users = Server.Client<UsersClient>();
        var plan = Run(token => users.PlanAsync(_people, new StrategyPeoplePlanOptions { ManagedGroup = ManagedGroup, MaxConcurrency = ThrottleLimit }, token));
        foreach (var refused in plan.Changes.Where(c => c.Action == StrategyPersonAction.Refused))
        {
            WriteError(new ErrorRecord(new ArgumentException($"{refused.Person}: {refused.Problem}"), "PersonRefused", ErrorCategory.InvalidArgument, refused.Person));
        }

        var confirmed = plan.Only(change => change.Action switch
        {
            StrategyPersonAction.Refused => false,
            StrategyPersonAction.Unchanged => true,
            _ => ShouldProcess($"user {change.Username} on {Server.BaseUrl}", change.ToString()),
        });
        if (confirmed.Changes.All(c => c.Action == StrategyPersonAction.Unchanged) && MyInvocation.BoundParameters.ContainsKey("WhatIf"))
        {
            return;
        }

        var secrets = PasswordPath is null ? null : new OneTimePasswordFile(SessionState.Path.GetUnresolvedProviderPathFromPSPath(PasswordPath));
        if (confirmed.Changes.Any(c => c.Action == StrategyPersonAction.Create) && secrets is null && plan.Changes.Any(c => c.Action == StrategyPersonAction.Create && c.Person.LdapDn is null))
        {
            ThrowTerminatingError(new ErrorRecord(new ArgumentException("The list creates people with a Strategy password: give -PasswordPath, a new file only you can read, for their one-time passwords. Nothing was sent."), "PasswordPathRequired", ErrorCategory.InvalidArgument, null));
        }

        try
        {
            secrets?.CheckCanCreate();
        }
        catch (ArgumentException ex)
        {
            ThrowTerminatingError(new ErrorRecord(ex, "PasswordPathExists", ErrorCategory.ResourceExists, PasswordPath));
        }

        var reporter = new Reporter(outcome => Post(() =>
        {
            if (outcome.Succeeded)
            {
                WriteObject(outcome);
            }
            else if (outcome.Action != StrategyPersonAction.Refused)
            {
                WriteError(outcome.Error is { } error && Errors.Record(error, outcome) is { } record
                    ? new ErrorRecord(new InvalidOperationException(outcome.ToString(), error), record.FullyQualifiedErrorId, record.CategoryInfo.Category, outcome)
                    : new ErrorRecord(new InvalidOperationException(outcome.ToString()), outcome.State == StrategyPersonOutcomeState.NotStarted ? "PersonNotStarted" : "PersonFailed", outcome.State == StrategyPersonOutcomeState.NotStarted ? ErrorCategory.OperationStopped : ErrorCategory.InvalidResult, outcome));
            }
        }));
        try
        {
            Run(token => users.ApplyAsync(confirmed, new StrategyPeopleApplyOptions
            {
                MaxConcurrency = ThrottleLimit,
                TimeLimit = TimeLimit,
                OneTimePasswords = secrets is null ? null : secrets.WriteAsync,
            }, reporter, token));
        }
        finally
        {
            if (secrets is not null)
            {
                secrets.DisposeAsync().AsTask().GetAwaiter().GetResult();
                if (secrets.Count > 0)
                {
                    WriteVerbose($"{secrets.Count} one-time password(s) written to {secrets.Path}; each person must change it at the first login.");
                }
            }
        }
    }

    /// <summary>Sees each outcome on the thread it ends on.</summary>
    private sealed class Reporter(Action<StrategyPersonOutcome> report) : IProgress<StrategyPersonOutcome>
    {
        public void Report(StrategyPersonOutcome value) => report(value);
    }
}
