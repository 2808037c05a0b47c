using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Strategy.Tests.Shared;

namespace Strategy.EndToEnd.Tests.Evidence;

/// <summary>
/// The fault matrix prints only what its rows measured: every row of every suite is built from
/// measured values (a literal figure is caught here, in the source), and a row whose assertions fail
/// is published as failed.
/// </summary>
public sealed class FaultMatrixEvidenceTests
{
    // The figures a row measures; Runs may be a literal (a row that runs one command ran one).
    private static readonly string[] Figures =
    [
        nameof(FaultMatrixRow.Completed),
        nameof(FaultMatrixRow.TypedFailures),
        nameof(FaultMatrixRow.UntypedFailures),
        nameof(FaultMatrixRow.LeakedInstances),
        nameof(FaultMatrixRow.LeakedSessions),
        nameof(FaultMatrixRow.DuplicatedSubscriptions),
        nameof(FaultMatrixRow.SecretsInLogs),
    ];

    // Not [CallerFilePath]: a CI build maps source paths away from the disk.
    private static string ThisFile() => Path.Combine(DocumentationSample.RepoRoot, "tests", "Strategy.EndToEnd.Tests", "Evidence", nameof(FaultMatrixEvidenceTests) + ".cs");

    /// <summary>Every test source that builds rows, but this one: its own rows are made to fail on purpose.</summary>
    private static IEnumerable<string> TestSources() =>
        Directory.EnumerateFiles(Path.Combine(DocumentationSample.RepoRoot, "tests"), "*.cs", SearchOption.AllDirectories)
            .Where(path => !path.Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj"))
            .Where(path => Path.GetFullPath(path) != Path.GetFullPath(ThisFile()))
            .Where(path => File.ReadAllText(path).Contains(nameof(FaultMatrixRow), StringComparison.Ordinal));

    [Test]
    public void No_row_prints_a_literal_figure()
    {
        var (rows, found) = Scan(TestSources());

        Assert.Multiple(() =>
        {
            Assert.That(rows, Is.GreaterThanOrEqualTo(6), "the scan found the rows of every suite (library, CLI process, PowerShell)");
            Assert.That(found, Is.Empty, "a figure that was not measured is null (printed n/a), never a literal");
        });
    }

    [Test]
    public void The_scan_catches_the_literal_figures_of_this_files_own_row()
    {
        var (rows, found) = Scan([ThisFile()]);

        Assert.Multiple(() =>
        {
            Assert.That(rows, Is.EqualTo(1), "the row made to fail below");
            Assert.That(found.Select(f => f[(f.IndexOf(": ", StringComparison.Ordinal) + 2)..]), Is.EqualTo(new[]
            {
                "Completed: 0", "TypedFailures: 1", "UntypedFailures: 0", "LeakedSessions: 2", "SecretsInLogs: 0",
            }));
        });
    }

    /// <summary>The rows built in <paramref name="paths"/>, and each literal figure among them with its file and line.</summary>
    private static (int Rows, List<string> Found) Scan(IEnumerable<string> paths)
    {
        var found = new List<string>();
        var rows = 0;
        foreach (var path in paths)
        {
            var root = CSharpSyntaxTree.ParseText(File.ReadAllText(path), path: path).GetRoot();
            foreach (var creation in root.DescendantNodes().OfType<BaseObjectCreationExpressionSyntax>())
            {
                var isRow = creation switch
                {
                    ObjectCreationExpressionSyntax { Type: var type } => type.ToString() == nameof(FaultMatrixRow),
                    ImplicitObjectCreationExpressionSyntax => ReturnsOrDeclaresRow(creation),
                    _ => false,
                };
                if (!isRow || creation.ArgumentList is not { } arguments)
                {
                    continue;
                }

                rows++;
                for (var position = 0; position < arguments.Arguments.Count; position++)
                {
                    var argument = arguments.Arguments[position];
                    var parameter = argument.NameColon?.Name.Identifier.Text ?? ParameterAt(position);
                    if (Figures.Contains(parameter) && IsLiteralFigure(argument.Expression))
                    {
                        found.Add(Where(argument, $"{parameter}: {argument.Expression}"));
                    }
                }
            }

            // "row with { LeakedSessions = 0 }" publishes a literal just the same.
            foreach (var with in root.DescendantNodes().OfType<WithExpressionSyntax>())
            {
                foreach (var assignment in with.Initializer.Expressions.OfType<AssignmentExpressionSyntax>())
                {
                    if (assignment.Left.ToString() is var name && Figures.Contains(name) && IsLiteralFigure(assignment.Right))
                    {
                        found.Add(Where(assignment, assignment.ToString()));
                    }
                }
            }
        }

        return (rows, found);
    }

    [Test]
    public void A_row_whose_assertions_fail_is_published_as_failed_and_a_figure_not_measured_as_n_a()
    {
        var directory = Path.Combine(Path.GetTempPath(), "fault-matrix-" + Guid.NewGuid().ToString("N"));
        try
        {
            var measured = new FaultMatrixRow("made to fail", 1, 0, 1, 0, null, 2, null, 0);
            Assert.Throws<MultipleAssertException>(() => FaultMatrixReport.WriteAfter(measured, directory, () => Assert.That(measured.LeakedSessions, Is.Zero)));
            FaultMatrixReport.WriteAfter(measured with { Fault = "passes" }, directory, () => Assert.That(measured.Runs, Is.EqualTo(1)));

            var written = Directory.GetFiles(directory, "*.row").Select(File.ReadAllText).Order(StringComparer.Ordinal).ToList();
            Assert.That(written, Is.EqualTo(new[]
            {
                "| FAILED: made to fail | 1 | 0 | 1 | 0 | n/a | 2 | n/a | 0 | - |\n",
                "| passes | 1 | 0 | 1 | 0 | n/a | 2 | n/a | 0 | - |\n",
            }));
        }
        finally
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
    }

    [Test]
    public void Typed_means_what_the_errors_page_promises_in_every_suite()
    {
        Assert.Multiple(() =>
        {
            Assert.That(FaultMatrixReport.IsTyped(new Strategy.Generated.StrategyUnreachableException("ListSchedules", "http://127.0.0.1:1", 1, new HttpRequestException("refused"))), Is.True);
            Assert.That(FaultMatrixReport.IsTyped(new HttpRequestException("refused")), Is.False, "a raw transport error escaped the library");
            Assert.That(FaultMatrixReport.IsTyped(new TimeoutException()), Is.False);
            Assert.That(FaultMatrixReport.IsTyped(new OperationCanceledException()), Is.False, "a cancellation nobody asked for");
            Assert.That(FaultMatrixReport.IsTyped(new OperationCanceledException(), callerCancelled: true), Is.True);
            Assert.That(FaultMatrixReport.IsTypedExit(4, "error: the server at http://127.0.0.1:1 could not be reached\n"), Is.True);
            Assert.That(FaultMatrixReport.IsTypedExit(130, "Cancelled; nothing is held on the server.\n"), Is.True);
            Assert.That(FaultMatrixReport.IsTypedExit(1, "Unhandled exception: System.NullReferenceException\n   at Strategy.Cli…\n"), Is.False, "a crash is not a reported failure");
            Assert.That(FaultMatrixReport.IsTypedExit(0, string.Empty), Is.False, "a success is not a failure");
        });
    }

    private static bool ReturnsOrDeclaresRow(SyntaxNode node) =>
        node.Ancestors().FirstOrDefault(a => a is MethodDeclarationSyntax or LocalFunctionStatementSyntax or VariableDeclarationSyntax) switch
        {
            MethodDeclarationSyntax method => method.ReturnType.ToString() == nameof(FaultMatrixRow),
            LocalFunctionStatementSyntax local => local.ReturnType.ToString() == nameof(FaultMatrixRow),
            VariableDeclarationSyntax variable => variable.Type.ToString() == nameof(FaultMatrixRow),
            _ => false,
        };

    private static string ParameterAt(int position) =>
        typeof(FaultMatrixRow).GetConstructors().Single().GetParameters() is var parameters && position < parameters.Length ? parameters[position].Name! : string.Empty;

    /// <summary>A number written in the source, however wrapped: <c>0</c>, <c>(0)</c>, <c>true ? 0 : 0</c>.</summary>
    private static bool IsLiteralFigure(ExpressionSyntax expression) => expression switch
    {
        LiteralExpressionSyntax literal => literal.IsKind(SyntaxKind.NumericLiteralExpression),
        ParenthesizedExpressionSyntax parenthesized => IsLiteralFigure(parenthesized.Expression),
        ConditionalExpressionSyntax conditional => conditional.Condition is LiteralExpressionSyntax || (IsLiteralFigure(conditional.WhenTrue) && IsLiteralFigure(conditional.WhenFalse) && conditional.WhenTrue.ToString() == conditional.WhenFalse.ToString()),
        _ => false,
    };

    private static string Where(SyntaxNode node, string what)
    {
        var line = node.GetLocation().GetLineSpan();
        return $"{Path.GetRelativePath(DocumentationSample.RepoRoot, line.Path)}:{line.StartLinePosition.Line + 1}: {what}";
    }
}
