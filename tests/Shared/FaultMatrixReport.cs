using System.Reflection;

namespace Strategy.Tests.Shared;

/// <summary>One row of the fault matrix: a fault, what the runs under it did, and what they left on the server.</summary>
internal sealed record FaultMatrixRow(
    string Fault,
    int Runs,
    int Completed,
    int TypedFailures,
    int UntypedFailures,
    int LeakedInstances,
    int LeakedSessions,
    int DuplicatedSubscriptions,
    int SecretsInLogs,
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
    public static void WriteAfter(FaultMatrixRow row, Assembly testAssembly, NUnit.Framework.TestDelegate assertions)
    {
        var passed = false;
        try
        {
            NUnit.Framework.Assert.Multiple(assertions);
            passed = true;
        }
        finally
        {
            Write(row, testAssembly, passed);
        }
    }

    /// <summary>Writes a row; one whose assertions failed (<paramref name="passed"/> false) says so in the report.</summary>
    public static void Write(FaultMatrixRow row, Assembly testAssembly, bool passed = true)
    {
        if (!passed)
        {
            row = row with { Fault = "FAILED: " + row.Fault };
        }

        var repoRoot = testAssembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "RepoRoot").Value!;

        // A suite run against another asset of the library adds its own rows, labelled with that asset.
        if (LibraryAsset.IsNetStandard)
        {
            row = row with { Fault = row.Fault + " (netstandard2.0 asset)" };
        }

        var directory = Directory.CreateDirectory(Path.Combine(repoRoot, "artifacts", "fault-matrix"));
        File.WriteAllText(Path.Combine(directory.FullName, "header.md"), Header + "\n");
        var name = new string(row.Fault.Select(c => char.IsLetterOrDigit(c) ? c : '-').ToArray());
        File.WriteAllText(
            Path.Combine(directory.FullName, name + ".row"),
            $"| {row.Fault} | {row.Runs} | {row.Completed} | {row.TypedFailures} | {row.UntypedFailures} | {row.LeakedInstances} | {row.LeakedSessions} | {row.DuplicatedSubscriptions} | {row.SecretsInLogs} | {row.TimeLimit} |\n");
    }
}
