using System.Reflection;

namespace Strategy.Tests.Shared;

/// <summary>
/// One row of the fault matrix: a fault, what the runs under it did, and what they left on the server.
/// A figure the row did not measure is <see langword="null"/> and prints as "n/a": a row never prints a
/// figure it did not look for (a test scans every construction of a row for literal figures).
/// </summary>
internal sealed record FaultMatrixRow(
    string Fault,
    int Runs,
    int? Completed,
    int? TypedFailures,
    int? UntypedFailures,
    int? LeakedInstances,
    int? LeakedSessions,
    int? DuplicatedSubscriptions,
    int? SecretsInLogs,
    string TimeLimit = "-");

/// <summary>
/// Writes fault matrix rows under <c>artifacts/fault-matrix/</c>, one file per row, so several
/// test projects (in-process and out-of-process faults) add to one table; <c>.ci/run</c> prints it.
/// </summary>
internal static class FaultMatrixReport
{
    public const string Header =
        "| Fault | Runs | Completed | Typed failures | Untyped failures | Left on the server | Leaked sessions | Done twice | Secrets in logs | Time limit |\n"
        + "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |";

    /// <summary>
    /// What "typed" means in every row, as docs/library/errors.md promises it: a <c>StrategyException</c>,
    /// or a cancellation the caller asked for. A raw HttpRequestException or TimeoutException is untyped.
    /// </summary>
    public static bool IsTyped(Exception error, bool callerCancelled = false) =>
        IsStrategyException(error) || (callerCancelled && error is OperationCanceledException);

    /// <summary>
    /// The same definition for the <c>strategy</c> command as a child process: the command reported a
    /// library failure the way it reports every one of them (an <c>error:</c> line and the exit code the
    /// table gives its class), or its cancellation (130, 143, a <c>Cancelled</c> line). An exception the
    /// command did not recognise reaches System.CommandLine, which prints "Unhandled exception" and a stack.
    /// </summary>
    public static bool IsTypedExit(int exitCode, string standardError) =>
        exitCode != 0
        && !standardError.Contains("Unhandled exception", StringComparison.Ordinal)
        && (exitCode is 130 or 143
            ? standardError.Contains("Cancelled", StringComparison.Ordinal)
            : standardError.Split('\n').Any(line => line.StartsWith("error: ", StringComparison.Ordinal)));

    /// <summary>
    /// The row one run of the <c>strategy</c> command measured, from what it printed and what the server
    /// kept: completed (exit 0) or failed typed or not (<see cref="IsTypedExit"/>), what it left on the
    /// server and the sessions still open (<see langword="null"/> where the server keeps none: n/a), and
    /// <paramref name="secrets"/> searched for in its stdout and stderr. The command creates no subscription.
    /// </summary>
    public static FaultMatrixRow ForProcess(string fault, int exitCode, string output, string error, int? leftOnServer, int? openSessions, IEnumerable<string> secrets, string timeLimit)
    {
        var typed = IsTypedExit(exitCode, error);
        return new FaultMatrixRow(
            fault,
            Runs: 1,
            Completed: exitCode == 0 ? 1 : 0,
            TypedFailures: typed ? 1 : 0,
            UntypedFailures: exitCode != 0 && !typed ? 1 : 0,
            LeakedInstances: leftOnServer,
            LeakedSessions: openSessions,
            DuplicatedSubscriptions: null,
            SecretsInLogs: SecretsIn(output + error, secrets),
            timeLimit);
    }

    /// <summary>
    /// How many of <paramref name="secrets"/> (the password, every token and cookie the server issued
    /// during the row) occur in <paramref name="captured"/>: everything the row captured, logs at every
    /// level, exceptions with their stacks, output streams, resume tokens. Empty secrets are not looked for.
    /// </summary>
    public static int SecretsIn(string captured, IEnumerable<string> secrets) =>
        secrets.Where(s => s.Length > 0).Distinct(StringComparer.Ordinal).Count(s => captured.Contains(s, StringComparison.Ordinal));

    // By name: the PowerShell suite compiles this file without a reference to the library.
    private static bool IsStrategyException(Exception error)
    {
        for (var type = error.GetType(); type is not null; type = type.BaseType)
        {
            if (type.FullName == "Strategy.Generated.StrategyException")
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Runs the row's assertions, then writes the row: after them, so a row whose test failed says so
    /// in the report instead of publishing clean figures.
    /// </summary>
    public static void WriteAfter(FaultMatrixRow row, Assembly testAssembly, NUnit.Framework.TestDelegate assertions) =>
        WriteAfter(row, DirectoryOf(testAssembly), assertions);

    /// <summary>Runs the row's assertions, then writes the row into <paramref name="directory"/>.</summary>
    internal static void WriteAfter(FaultMatrixRow row, string directory, NUnit.Framework.TestDelegate assertions)
    {
        var passed = false;
        try
        {
            NUnit.Framework.Assert.Multiple(assertions);
            passed = true;
        }
        finally
        {
            Write(row, directory, passed);
        }
    }

    /// <summary>The text of a row as the report prints it.</summary>
    public static string Format(FaultMatrixRow row) =>
        $"| {row.Fault} | {row.Runs} | {Figure(row.Completed)} | {Figure(row.TypedFailures)} | {Figure(row.UntypedFailures)} | {Figure(row.LeakedInstances)} | {Figure(row.LeakedSessions)} | {Figure(row.DuplicatedSubscriptions)} | {Figure(row.SecretsInLogs)} | {row.TimeLimit} |";

    private static string Figure(int? measured) => measured?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "n/a";

    private static string DirectoryOf(Assembly testAssembly)
    {
        var repoRoot = testAssembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "RepoRoot").Value!;
        return Path.Combine(repoRoot, "artifacts", "fault-matrix");
    }

    /// <summary>Writes a row; one whose assertions failed (<paramref name="passed"/> false) says so in the report.</summary>
    private static void Write(FaultMatrixRow row, string directory, bool passed)
    {
        if (!passed)
        {
            row = row with { Fault = "FAILED: " + row.Fault };
        }

        // A suite run against another asset of the library adds its own rows, labelled with that asset.
        if (LibraryAsset.IsNetStandard)
        {
            row = row with { Fault = row.Fault + " (netstandard2.0 asset)" };
        }

        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, "header.md"), Header + "\n");
        var name = new string(row.Fault.Select(c => char.IsLetterOrDigit(c) ? c : '-').ToArray());
        File.WriteAllText(Path.Combine(directory, name + ".row"), Format(row) + "\n");
    }
}
