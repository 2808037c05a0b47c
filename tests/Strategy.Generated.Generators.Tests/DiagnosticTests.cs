using Microsoft.CodeAnalysis;

namespace Strategy.Generated.Generators.Tests;

/// <summary>A wrong declaration in the spec is a compiler error with an id and the spec location, never a crash or silence.</summary>
public sealed class DiagnosticTests
{
    [TestCase("STRAT004", "        wait: GetJob\n        set:", "        wait: GetJobs\n        set:", "        wait: GetJobs", TestName = "Start naming an unknown operation is STRAT004")]
    [TestCase("STRAT004", "        close: ReleaseLock", "        close: ReleaseLocks", "        close: ReleaseLocks", TestName = "Scope naming an unknown operation is STRAT004")]
    [TestCase("STRAT005", "        status: state", "        status: phase", "        status: phase", TestName = "Wait naming an unknown status field is STRAT005")]
    [TestCase("STRAT005", "        items: jobs", "        items: tasks", "        items: tasks", TestName = "Pages naming an unknown items field is STRAT005")]
    [TestCase("STRAT005", "        bind: { jobId: id }", "        bind: { jobId: identifier }", "        bind: { jobId: identifier }", TestName = "Start binding an unknown field is STRAT005")]
    [TestCase("STRAT014", "field: mode,", "field: kind,", "          repeatable:", TestName = "A reopen rule naming an unknown item field is STRAT014")]
    [TestCase("STRAT019", "items: steps,", "items: stages,", "          repeatable:", TestName = "A reopen rule naming an unknown request list is STRAT019")]
    [TestCase("STRAT006", "values: [overwrite]", "values: []", "          repeatable:", TestName = "A reopen rule with no repeatable values is STRAT006")]
    [TestCase("STRAT007", "          on: LOCK_GONE\n", "", "        reopen:", TestName = "A reopen without the error code is STRAT007")]
    [TestCase("STRAT006", "        succeeded: [done]", "        succeeded: []", "        succeeded: []", TestName = "An empty succeeded list is STRAT006")]
    [TestCase("STRAT007", "        helper: AwaitJob\n", "", "x-strategy-wait:", TestName = "A wait without helper is STRAT007")]
    [TestCase("STRAT007", "        openHeader: X-Lock-Id\n", "", "x-strategy-scope:", TestName = "A scope without openHeader is STRAT007")]
    [TestCase("STRAT008", "        helper: AwaitJob", "        helper: Await Job", "        helper: Await Job", TestName = "A helper name with a space is STRAT008")]
    [TestCase("STRAT008", "        helper: AwaitJob", "        helper: class", "        helper: class", TestName = "A helper named after a keyword is STRAT008")]
    [TestCase("STRAT008", "        succeeded: [done]", "        succeeded: [done]\n        failedBelow: zero", "        failedBelow: zero", TestName = "A failedBelow that is not a number is STRAT008")]
    [TestCase("STRAT009", "        succeeded: [done]", "        succeeded: [completed]", "        succeeded: [completed]", TestName = "A status value the enum does not have is STRAT009 at its line")]
    [TestCase("STRAT009", "values: [over] }", "values: [ended] }", "        finished: { field: stage, values: [ended] }", TestName = "A name x-enumNames does not give is STRAT009")]
    [TestCase("STRAT009", "words: { queued:", "words: { waiting:", "        words: { waiting: waiting for a worker, busy: being worked on }", TestName = "Words for a status value the enum does not have are STRAT009 at their line")]
    [TestCase("STRAT009", "        skipped: [skip]", "        skipped: [skipped]", "        skipped: [skipped]", TestName = "A skipped value the enum does not have is STRAT009")]
    [TestCase("STRAT009", "values: [overwrite]", "values: [overwritten]", "          repeatable:", TestName = "A repeatable value the request enum does not have is STRAT009")]
    [TestCase("STRAT013", "        waitTag: Runs", "        waitTag: Runs\n        bind: { jobId: startedAt }", "        bind: { jobId: startedAt }", TestName = "Binding on a start whose answer has no body is STRAT013")]
    [TestCase("STRAT017", "        doneOn: '200'", "        doneOn: '201'", "        doneOn: '201'", TestName = "A doneOn status the start does not answer is STRAT017")]
    [TestCase("STRAT012", "        waitTag: Runs\n", "", "        wait: GetJobRun", TestName = "A wait in another client without waitTag is STRAT012")]
    [TestCase("STRAT012", "        waitTag: Runs", "        waitTag: Jobs", "        waitTag: Jobs", TestName = "A waitTag that is not the wait's tag is STRAT012")]
    [TestCase("STRAT014", "- { items: parts, subject: name }", "- { items: parts, subject: title }", "          - { items: parts, subject: title }", TestName = "A details subject the items lack is STRAT014")]
    [TestCase("STRAT014", "- { items: parts, subject: name }", "- { items: parts, error: failure }", "          - { items: parts, error: failure }", TestName = "A details error object the items lack is STRAT014")]
    [TestCase("STRAT005", "        run: startedAt", "        run: startedWhen", "        run: startedWhen", TestName = "A run field the status lacks is STRAT005")]
    [TestCase("STRAT008", "status: 500, code: NO_RUN", "status: many, code: NO_RUN", "        noStatus:", TestName = "A noStatus status that is not a number is STRAT008")]
    [TestCase("STRAT007", "        finished: { field: stage, values: [over] }", "        finished: { field: stage }", "        finished:", TestName = "A finished without values is STRAT007")]
    [TestCase("STRAT011", "        wait: GetJob\n        set:", "        wait: ListJobs\n        set:", "        wait: ListJobs", TestName = "A start waiting with an operation that declares no wait is STRAT011")]
    [TestCase("STRAT028", "        wait: GetJob\n        set:", "        wait: GetExportStatus\n        waitTag: Exports\n        set:", "        wait: GetExportStatus", TestName = "A start waiting with an HTTP-status wait, which no token can resume, is STRAT028")]
    [TestCase("STRAT015", "        set: { Prefer: respond-async }", "        set: { Preference: respond-async }", "        set: { Preference: respond-async }", TestName = "Setting a parameter the start does not take is STRAT015")]
    [TestCase("STRAT015", "        as: lockId", "        as: lockKey", "        as: lockKey", TestName = "A scope handing its lock to a parameter the body does not take is STRAT015")]
    [TestCase("STRAT016", "        openHeader: X-Lock-Id", "        openHeader: X-Lock", "        openHeader: X-Lock", TestName = "A scope reading a header the open does not declare is STRAT016")]
    [TestCase("STRAT016", "        totalHeader: x-total", "        totalHeader: x-count", "        totalHeader: x-count", TestName = "Pages reading a total header the operation does not declare is STRAT016")]
    [TestCase("STRAT018", "              code: { type: string }\n              message: { type: string }", "              code: { type: string }\n              text: { type: string }", "        errors: errors", TestName = "Errors read from objects without a message are STRAT018")]
    [TestCase("STRAT020", "        header: X-Machine-Status", "        header: X-Machine-Status\n        status: state", "        header: X-Machine-Status", TestName = "A wait reading both a header and a field is STRAT020 at the header")]
    [TestCase("STRAT020", "        header: X-Machine-Status", "        header: X-Machine-Status\n        message: reason", "        message: reason", TestName = "A header wait with a setting that reads a body is STRAT020 at that setting")]
    [TestCase("STRAT021", "      x-enumFlags: true\n      enum: [1, 2, 4, 8]", "      enum: [1, 2, 4, 8]", "        header: X-Machine-Status", TestName = "A header wait on a schema that is not flags is STRAT021")]
    [TestCase("STRAT009", "        running: [Warming]", "        running: [Heating]", "        running: [Heating]", TestName = "A flag the header's schema does not name is STRAT009")]
    [TestCase("STRAT016", "        header: X-Machine-Status", "        header: X-Machine-State", "        header: X-Machine-State", TestName = "A header wait on a header the operation does not declare is STRAT016")]
    [TestCase("STRAT022", "          record: FindLastMachineRun", "          record: FindLastMachineRuns", "          record: FindLastMachineRuns", TestName = "A vanishing status whose record method is missing is STRAT022")]
    [TestCase("STRAT023", "          confirm: GetMachineStatus", "          confirm: GetJob", "          confirm: GetJob", TestName = "A vanishing status confirmed by a wait that reads no flags is STRAT023")]
    [TestCase("STRAT004", "          confirm: GetMachineStatus", "          confirm: GetMachine", "          confirm: GetMachine", TestName = "A vanishing status confirmed by an unknown operation is STRAT004")]
    [TestCase("STRAT005", "          subject: machineId", "          subject: machine", "          subject: machine", TestName = "A vanishing status naming an unknown subject field is STRAT005")]
    [TestCase("STRAT005", "          id: id", "          id: ident", "          id: ident", TestName = "A vanishing status naming an unknown id field is STRAT005")]
    [TestCase("STRAT008", "          on: ['404', '500']", "          on: ['404', gone]", "          on: ['404', gone]", TestName = "A vanishing status on a value that is not an HTTP status is STRAT008")]
    [TestCase("STRAT005", "        message: reason", "        message: why", "        message: why", TestName = "A wait naming an unknown message field is STRAT005")]
    [TestCase("STRAT004", "        cancel: CancelTicket", "        cancel: CancelTickets", "        cancel: CancelTickets", TestName = "A start cancelled by an unknown operation is STRAT004")]
    [TestCase("STRAT017", "          running: ['202']", "          running: ['203']", "          running: ['203']", TestName = "An HTTP-status wait on a code the operation does not answer is STRAT017")]
    [TestCase("STRAT008", "          succeeded: ['200']", "          succeeded: [ready]", "          succeeded: [ready]", TestName = "An HTTP-status wait on a value that is not a code is STRAT008")]
    [TestCase("STRAT016", "          retryAfter: Retry-After", "          retryAfter: Retry-Later", "          retryAfter: Retry-Later", TestName = "An HTTP-status wait reading a Retry-After the operation does not declare is STRAT016")]
    [TestCase("STRAT020", "        httpStatus:\n", "        failedBelow: '1'\n        httpStatus:\n", "        failedBelow: '1'", TestName = "An HTTP-status wait that also reads a field is STRAT020")]
    [TestCase("STRAT005", "        when: { field: state,", "        when: { field: phase,", "        when: { field: phase,", TestName = "A start stopping for input on an unknown field is STRAT005")]
    [TestCase("STRAT009", "values: [asking] }", "values: [waiting] }", "        when: { field: state, values: [waiting] }", TestName = "A start stopping for input on a value the enum does not have is STRAT009")]
    [TestCase("STRAT004", "        list: ListExportQuestions", "        list: ListExportQuestion", "        list: ListExportQuestion", TestName = "A start stopping for input listing with an unknown operation is STRAT004")]
    [TestCase("STRAT015", "        set: { stage: ask }", "        set: { step: ask }", "        set: { step: ask }", TestName = "A start stopping for input fixing a parameter it does not take is STRAT015")]
    [TestCase("STRAT005", "        bind: { exportId: id }", "        bind: { exportId: key }", "        bind: { exportId: key }", TestName = "A start stopping for input binding an unknown field is STRAT005")]
    [TestCase("STRAT007", "        when: { field: state, values: [asking] }\n", "", "      x-strategy-input:", TestName = "A start stopping for input without when is STRAT007")]
    [TestCase("STRAT008", "        signature: 'PK\\x03\\x04'", "        signature: 'P\u0100'", "        signature: 'P\u0100'", TestName = "A file signature with a character of two bytes is STRAT008")]
    [TestCase("STRAT007", "        describe: archive\n", "", "      x-strategy-file:", TestName = "A file without describe is STRAT007")]
    [TestCase("STRAT008", "      x-strategy-project: never", "      x-strategy-project: nowhere", "      x-strategy-project: nowhere", TestName = "A project use that is neither never nor a parameter's values is STRAT008")]
    [TestCase("STRAT015", "x-strategy-project: { stage: [run] }", "x-strategy-project: { stag: [run] }", "      x-strategy-project: { stag: [run] }", TestName = "A project use decided by a parameter the operation does not take is STRAT015")]
    [TestCase("STRAT008", "x-strategy-project: { stage: [run] }", "x-strategy-project: { stage: [walk] }", "      x-strategy-project: { stage: [walk] }", TestName = "A project use on a value the parameter cannot hold is STRAT008")]
    [TestCase("STRAT006", "x-strategy-project: { stage: [run] }", "x-strategy-project: { stage: [] }", "      x-strategy-project: { stage: [] }", TestName = "A project use with no values is STRAT006")]
    [TestCase("STRAT020", "        - { name: X-MSTR-ProjectID, in: header, required: false,", "        - { name: X-MSTR-ProjectID, in: header, required: true,", "      x-strategy-project: { stage: [run] }", TestName = "A project use by values on a required project header is STRAT020")]
    [TestCase("STRAT020", "        totalHeader: x-total\n      parameters:\n", "        totalHeader: x-total\n      parameters:\n        - { name: X-MSTR-ProjectID, in: header, schema: { type: string } }\n", "      x-strategy-project: never", TestName = "Never sending a project header the operation declares is STRAT020")]
    [TestCase("STRAT004", "requires: { read: GetJob,", "requires: { read: GetJobs,", "        requires: { read: GetJobs, field: state, values: [queued, broken], describe: state }", TestName = "A start requiring a field of an unknown operation is STRAT004")]
    [TestCase("STRAT005", "field: state, values: [queued, broken]", "field: stage, values: [queued, broken]", "        requires: { read: GetJob, field: stage, values: [queued, broken], describe: state }", TestName = "A start requiring a field the read does not answer is STRAT005")]
    [TestCase("STRAT009", "values: [queued, broken], describe: state", "values: [queued, gone], describe: state", "        requires: { read: GetJob, field: state, values: [queued, gone], describe: state }", TestName = "A start requiring a value the field cannot hold is STRAT009")]
    [TestCase("STRAT007", ", describe: state }", " }", "        requires:", TestName = "A start requirement without describe is STRAT007")]
    public void A_wrong_declaration_is_reported_at_its_place_in_the_spec(string id, string find, string replace, string expectedLineText)
    {
        Assert.That(GeneratorHarness.FixtureSpec, Does.Contain(find));
        var spec = GeneratorHarness.FixtureSpec.Replace(find, replace);

        var diagnostics = GeneratorHarness.Run(spec, GeneratorHarness.FixtureClients).Diagnostics;

        // A wait dropped for its mistake is also reported by the declarations that wait with it (STRAT011).
        Assert.That(diagnostics.Select(d => d.Id), Does.Contain(id).And.All.Matches<string>(d => d == id || d == "STRAT011"));
        AssertReportedAt(diagnostics.First(d => d.Id == id), id, spec, expectedLineText);
    }

    [Test]
    public void A_misspelled_setting_is_STRAT010_at_its_line_with_the_setting_meant()
    {
        var spec = GeneratorHarness.FixtureSpec.Replace("        succeeded: [done]", "        succeeded: [done]\n        sucseeded: [done]");

        var diagnostics = GeneratorHarness.Run(spec, GeneratorHarness.FixtureClients).Diagnostics;

        var unknown = diagnostics.First(d => d.Id == "STRAT010");
        AssertReportedAt(unknown, "STRAT010", spec, "        sucseeded: [done]");
        Assert.That(unknown.GetMessage(), Does.Contain("'sucseeded'").And.Contain("did you mean 'succeeded'?"));
    }

    [Test]
    public void A_misspelled_extension_is_STRAT010_with_the_kind_meant()
    {
        var spec = GeneratorHarness.FixtureSpec.Replace("      x-strategy-wait:", "      x-strategy-wiat:");

        var diagnostics = GeneratorHarness.Run(spec, GeneratorHarness.FixtureClients).Diagnostics;

        var unknown = diagnostics.First(d => d.Id == "STRAT010");
        AssertReportedAt(unknown, "STRAT010", spec, "      x-strategy-wiat:");
        Assert.That(unknown.GetMessage(), Does.Contain("did you mean 'x-strategy-wait'?"));
    }

    [Test]
    public void A_misspelled_operation_or_field_names_the_one_meant()
    {
        var operation = GeneratorHarness.Run(GeneratorHarness.FixtureSpec.Replace("        wait: GetJob\n        set:", "        wait: GetJobs\n        set:"), GeneratorHarness.FixtureClients).Diagnostics;
        var field = GeneratorHarness.Run(GeneratorHarness.FixtureSpec.Replace("        status: state", "        status: stat"), GeneratorHarness.FixtureClients).Diagnostics;

        Assert.Multiple(() =>
        {
            Assert.That(operation.First(d => d.Id == "STRAT004").GetMessage(), Does.EndWith("did you mean 'GetJob'?"));
            Assert.That(field.First(d => d.Id == "STRAT005").GetMessage(), Does.EndWith("did you mean 'state'?"));
        });
    }

    [Test]
    public void Unreadable_YAML_is_STRAT001_at_the_error()
    {
        var spec = GeneratorHarness.FixtureSpec.Replace("  /jobs:\n", "  /jobs: [unclosed\n");

        var diagnostic = GeneratorHarness.Run(spec, GeneratorHarness.FixtureClients).Diagnostics.First();

        Assert.Multiple(() =>
        {
            Assert.That(diagnostic.Id, Is.EqualTo("STRAT001"));
            Assert.That(diagnostic.Severity, Is.EqualTo(DiagnosticSeverity.Error));
            Assert.That(diagnostic.Location.GetLineSpan().Path, Is.EqualTo(GeneratorHarness.SpecPath));
        });
    }

    [Test]
    public void A_declared_header_on_an_unwrapped_method_is_STRAT002()
    {
        var clients = GeneratorHarness.FixtureClients.Replace("Task<StrategyResponse> TakeLockAsync", "Task TakeLockAsync");

        var diagnostics = GeneratorHarness.Run(GeneratorHarness.FixtureSpec, clients).Diagnostics;

        var unwrapped = diagnostics.First(d => d.Id == "STRAT002");
        AssertReportedAt(unwrapped, "STRAT002", GeneratorHarness.FixtureSpec, "            X-Lock-Id:");
        Assert.That(unwrapped.GetMessage(), Does.Contain("JobsClient.TakeLock"));
    }

    [TestCase("STRAT024", "Task<StrategyResponse<Export>> GetExportStatusAsync", "Task<Export> GetExportStatusAsync", "        httpStatus:", "'ExportsClient.GetExportStatus'", TestName = "An HTTP-status wait on a method that answers no status code is STRAT024 at its httpStatus")]
    [TestCase("STRAT025", "Task<FileResponse> DownloadExportAsync", "Task<Export> DownloadExportAsync", "        helper: DownloadExportTo", "DownloadExportAsync answers global::Fixture.Export", TestName = "A file on an operation that answers a model is STRAT025 at its helper")]
    [TestCase("STRAT015", "AnswerExportQuestionsAsync(string exportId, Answers body,", "AnswerExportQuestionsAsync(string exportId,", "        answer: AnswerExportQuestions", "the answers are its request body", TestName = "A start stopping for input whose answer call takes no body is STRAT015")]
    public void A_client_that_does_not_fit_its_declaration_is_reported_at_the_declaration(string id, string find, string replace, string expectedLineText, string says)
    {
        Assert.That(GeneratorHarness.FixtureClients, Does.Contain(find));
        var clients = GeneratorHarness.FixtureClients.Replace(find, replace);

        var diagnostics = GeneratorHarness.Run(GeneratorHarness.FixtureSpec, clients).Diagnostics;

        var reported = diagnostics.Single(d => d.Id == id);
        AssertReportedAt(reported, id, GeneratorHarness.FixtureSpec, expectedLineText);
        Assert.That(reported.GetMessage(), Does.Contain(says));
    }

    [Test]
    public void Two_operations_with_one_command_is_STRAT026_at_the_second_ones_declaration_naming_the_first()
    {
        // ListJobs' command is derived: jobs list.
        var spec = GeneratorHarness.FixtureSpec.Replace("      operationId: GetJob\n", "      operationId: GetJob\n      x-strategy-command: \"jobs list\"\n");

        var diagnostics = GeneratorHarness.Run(spec, GeneratorHarness.FixtureClients).Diagnostics;

        var taken = diagnostics.Single(d => d.Id == "STRAT026");
        AssertReportedAt(taken, "STRAT026", spec, "      x-strategy-command: \"jobs list\"");
        Assert.That(taken.GetMessage(), Does.Contain("command 'jobs list' is already the command of 'ListJobs'"));
    }

    [Test]
    public void Operations_a_hand_written_workflow_reaches_may_share_its_name_but_a_derived_one_may_not()
    {
        var shared = GeneratorHarness.FixtureSpec
            .Replace("      operationId: StartJob\n", "      operationId: StartJob\n      x-strategy-cmdlet: { handwritten: \"Start-StrategyJob\" }\n")
            .Replace("      operationId: RunJob\n", "      operationId: RunJob\n      x-strategy-cmdlet: { handwritten: \"Start-StrategyJob\" }\n");
        var clash = GeneratorHarness.FixtureSpec.Replace("      operationId: RunJob\n", "      operationId: RunJob\n      x-strategy-cmdlet: { handwritten: \"Get-StrategyJob\" }\n");

        Assert.Multiple(() =>
        {
            Assert.That(GeneratorHarness.Run(shared, GeneratorHarness.FixtureClients).Diagnostics.Where(d => d.Id == "STRAT026"), Is.Empty);

            // GetJob's derived cmdlet, Get-StrategyJob, comes first; the hand-written one after it is the clash.
            var reported = GeneratorHarness.Run(clash, GeneratorHarness.FixtureClients).Diagnostics.Single(d => d.Id == "STRAT026");
            AssertReportedAt(reported, "STRAT026", clash, "      x-strategy-cmdlet: { handwritten: \"Get-StrategyJob\" }");
            Assert.That(reported.GetMessage(), Does.Contain("is already the cmdlet of 'GetJob'"));
        });
    }

    [TestCase("STRAT014", "x-strategy-columns: [id, stat]", "names field 'stat', which the items of 'jobs' do not have", TestName = "A column the list's items do not have is STRAT014 at its name")]
    [TestCase("STRAT027", "x-strategy-cmdlet: \"List-StrategyJobs\"", "'List' is not an approved PowerShell verb", TestName = "A cmdlet with an unapproved verb is STRAT027 at its name")]
    [TestCase("STRAT008", "x-strategy-command: \"Jobs List\"", "'<group> <verb>' in lower-case words", TestName = "A command name of the wrong shape is STRAT008 at its name")]
    [TestCase("STRAT008", "x-strategy-cmdlet: \"Get-JobList\"", "'<Verb>-Strategy<Noun>'", TestName = "A cmdlet name without Strategy is STRAT008 at its name")]
    [TestCase("STRAT007", "x-strategy-command: { generated: \"jobs all\" }", "'handwritten: <name>' alone", TestName = "A command mapping without handwritten is STRAT007")]
    public void A_command_or_cmdlet_name_written_wrong_is_reported_at_its_line(string id, string declaration, string says)
    {
        var spec = GeneratorHarness.FixtureSpec.Replace("      operationId: ListJobs\n", "      operationId: ListJobs\n      " + declaration + "\n");

        var reported = GeneratorHarness.Run(spec, GeneratorHarness.FixtureClients).Diagnostics.Single(d => d.Id == id);

        AssertReportedAt(reported, id, spec, "      " + declaration.Split(':')[0]);
        Assert.That(reported.GetMessage(), Does.Contain(says));
    }

    [Test]
    public void An_operation_without_a_generated_method_is_STRAT003()
    {
        var clients = GeneratorHarness.FixtureClients.Replace("ReleaseLockAsync", "FreeLockAsync");

        var diagnostics = GeneratorHarness.Run(GeneratorHarness.FixtureSpec, clients).Diagnostics;

        AssertReportedAt(diagnostics.First(d => d.Id == "STRAT003"), "STRAT003", GeneratorHarness.FixtureSpec, "      operationId: ReleaseLock");
    }

    private static void AssertReportedAt(Diagnostic diagnostic, string id, string spec, string expectedLineText)
    {
        var lines = spec.Split('\n');
        var expectedLine = Array.FindIndex(lines, l => l.StartsWith(expectedLineText.Split('\n')[0], StringComparison.Ordinal) || l.Contains(expectedLineText.Split('\n')[0].Trim()));
        var span = diagnostic.Location.GetLineSpan();

        Assert.Multiple(() =>
        {
            Assert.That(diagnostic.Id, Is.EqualTo(id), diagnostic.ToString());
            Assert.That(diagnostic.Severity, Is.EqualTo(DiagnosticSeverity.Error));
            Assert.That(span.Path, Is.EqualTo(GeneratorHarness.SpecPath));
            Assert.That(span.StartLinePosition.Line, Is.EqualTo(expectedLine), diagnostic.ToString());
            Assert.That(diagnostic.GetMessage(), Is.Not.Empty);
        });
    }
}
