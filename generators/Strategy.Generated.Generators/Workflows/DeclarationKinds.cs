using System.Collections.Generic;
using Strategy.Generated.Generators.Workflows.File;
using Strategy.Generated.Generators.Workflows.Input;
using Strategy.Generated.Generators.Workflows.Pages;
using Strategy.Generated.Generators.Workflows.Scope;
using Strategy.Generated.Generators.Workflows.Start;
using Strategy.Generated.Generators.Workflows.Wait;

namespace Strategy.Generated.Generators.Workflows;

/// <summary>The declaration kinds the generator knows, in the order they are resolved and their helpers written.</summary>
internal static class DeclarationKinds
{
    /// <summary>
    /// Every kind: waits first (starts and scopes wait with them), then starts, scopes, pages, starts that stop for input, and files. A
    /// new kind is its folder and one line here; a test hands the generator a list of its own.
    /// </summary>
    public static IReadOnlyList<DeclarationKind> Default { get; } =
    [
        new WaitKind(),
        new StartKind(),
        new ScopeKind(),
        new PagesKind(),
        new InputKind(),
        new FileKind(),
    ];
}
