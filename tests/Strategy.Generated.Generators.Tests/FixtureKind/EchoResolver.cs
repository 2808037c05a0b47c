using Strategy.Generated.Generators.Workflows;

namespace Strategy.Generated.Generators.Tests.FixtureKind;

/// <summary>Resolves <c>x-strategy-echo</c>: the operation must answer a body (a shared check), and the helper answers its HTTP call.</summary>
internal static class EchoResolver
{
    public static void Resolve(EchoDeclaration echo, ResolveContext context)
    {
        if (context.RequireResult(echo.Places.Block))
        {
            context.Add(new EchoHelper(echo.Helper, context.Operation.Method + " " + context.Operation.Path));
        }
    }
}
