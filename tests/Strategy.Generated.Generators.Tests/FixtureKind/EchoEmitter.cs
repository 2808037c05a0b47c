using Strategy.Generated.Generators.Common;
using Strategy.Generated.Generators.Workflows;

namespace Strategy.Generated.Generators.Tests.FixtureKind;

/// <summary>Writes <c>x-strategy-echo</c>'s helper on the client, and declares it on the interface.</summary>
internal static class EchoEmitter
{
    public static void Emit(EchoHelper echo, EmitContext context)
    {
        var docs = new SourceWriter().Doc("Answers the HTTP call of the operation.");
        context.Member(docs, "public ", "string " + echo.Name + "()");
        context.Writer.Line("return " + EmitContext.Quote(echo.Call) + ";");
        context.Writer.Close();
    }
}
