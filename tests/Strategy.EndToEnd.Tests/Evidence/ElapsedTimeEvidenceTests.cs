using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Strategy.EndToEnd.Tests.Evidence;

/// <summary>
/// No test passes or fails on how fast the machine is. An upper bound on elapsed time is allowed only
/// where the limit itself is the subject (a call or a process bounded by its time limit against a
/// server that never answers), written as that limit plus a named <c>Margin</c> of seconds; everything
/// else counts attempts, drives a fake clock, or asserts the outcome under a guard against a hang.
/// </summary>
public sealed class ElapsedTimeEvidenceTests
{
    [Test]
    public void No_test_outside_the_benchmarks_asserts_an_upper_bound_on_elapsed_time_but_a_limit_plus_its_margin()
    {
        var found = new List<string>();
        var bounds = 0;
        foreach (var path in Directory.EnumerateFiles(Path.Combine(DocumentationSample.RepoRoot, "tests"), "*.cs", SearchOption.AllDirectories))
        {
            var parts = path.Split(Path.DirectorySeparatorChar);
            if (parts.Any(part => part is "bin" or "obj" or "Strategy.Benchmarks"))
            {
                continue;
            }

            var root = CSharpSyntaxTree.ParseText(File.ReadAllText(path), path: path).GetRoot();
            foreach (var assertion in root.DescendantNodes().OfType<InvocationExpressionSyntax>().Where(i => i.Expression.ToString() == "Assert.That" && i.ArgumentList.Arguments.Count >= 2))
            {
                var actual = assertion.ArgumentList.Arguments[0].Expression;
                var constraint = assertion.ArgumentList.Arguments[1].Expression.ToString();
                if (!constraint.Contains("LessThan", StringComparison.Ordinal) || !IsElapsed(actual, assertion))
                {
                    continue;
                }

                bounds++;
                if (!constraint.Contains("Margin", StringComparison.Ordinal))
                {
                    var line = assertion.GetLocation().GetLineSpan();
                    found.Add($"{Path.GetRelativePath(DocumentationSample.RepoRoot, path)}:{line.StartLinePosition.Line + 1}: {assertion}");
                }
            }
        }

        Assert.Multiple(() =>
        {
            Assert.That(bounds, Is.GreaterThan(0), "the scan recognises the bounds that are allowed (the hostile servers' limits)");
            Assert.That(found, Is.Empty, "an upper bound on elapsed time that is not a limit plus its margin");
        });
    }

    /// <summary>
    /// Whether <paramref name="actual"/> is a measured time: a <c>.Elapsed</c>, or a local assigned
    /// from one (<c>var took = clock.Elapsed;</c>) in the same method.
    /// </summary>
    private static bool IsElapsed(ExpressionSyntax actual, SyntaxNode assertion)
    {
        if (actual.ToString().EndsWith(".Elapsed", StringComparison.Ordinal))
        {
            return true;
        }

        if (actual is not IdentifierNameSyntax name)
        {
            return false;
        }

        var method = assertion.Ancestors().OfType<BaseMethodDeclarationSyntax>().FirstOrDefault();
        return method is not null && method.DescendantNodes().Any(node => node switch
        {
            VariableDeclaratorSyntax declarator => declarator.Identifier.Text == name.Identifier.Text && declarator.Initializer?.Value.ToString().Contains(".Elapsed", StringComparison.Ordinal) == true,
            AssignmentExpressionSyntax assignment => assignment.Left.ToString() == name.Identifier.Text && assignment.Right.ToString().Contains(".Elapsed", StringComparison.Ordinal),
            _ => false,
        });
    }
}
