namespace Strategy.Tests.Shared;

/// <summary>
/// One operation added to the repository's spec and nothing else: a plain read of a database connection
/// instance, served by the emulator's store (<c>x-strategy-store</c>). The spec-change tests of the emulator,
/// of the module's generator and of a whole copy of the repository (its command, cmdlet and reference pages) apply the same change.
/// </summary>
internal static class SpecChange
{
    /// <summary>Where the operation goes: beside the delete of the same path.</summary>
    public const string Anchor = "  /api/monitors/dbConnectionInstances/{connectionId}:\n    delete:\n";

    private const string Added = """
          /api/monitors/dbConnectionInstances/{connectionId}:
            get:
              tags: [Monitors]
              operationId: GetDatabaseConnectionInstance
              x-strategy-project: never
              x-strategy-store: dbConnectionInstances
              summary: Gets one database connection instance.
              parameters:
                - name: connectionId
                  in: path
                  required: true
                  description: The database connection instance.
                  schema: { type: string }
              responses:
                '200':
                  description: The connection instance.
                  content:
                    application/json:
                      schema: { $ref: '#/components/schemas/DatabaseConnectionInstance' }
                '404': { $ref: '#/components/responses/NotFound' }

        """;

    /// <summary>The spec with the operation added; the spec must have <see cref="Anchor"/>.</summary>
    public static string AddTo(string spec) =>
        spec.Contains(Anchor, StringComparison.Ordinal)
            ? spec.Replace(Anchor, Added + "    delete:\n", StringComparison.Ordinal)
            : throw new InvalidOperationException("The spec no longer has the delete of a database connection instance the change goes beside.");
}
