using Npgsql;

namespace Strategy.Samples.RefreshWorker;

/// <summary>Records each item's outcome once per run, in the cluster's database: a second worker that saw the same end writes nothing.</summary>
public sealed class OutcomeLog(string connectionString, string worker)
{
    /// <summary>Records an outcome; answers whether this call wrote it (false: it was already there).</summary>
    public async Task<bool> RecordAsync(string runId, RefreshItem item, string outcome, string? detail, bool resumed, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var insert = new NpgsqlCommand(
            "INSERT INTO refresh_outcomes (run_id, item, outcome, detail, worker, resumed) VALUES (@run, @item, @outcome, @detail, @worker, @resumed) ON CONFLICT DO NOTHING",
            connection);
        insert.Parameters.AddWithValue("run", runId);
        insert.Parameters.AddWithValue("item", item.ToString());
        insert.Parameters.AddWithValue("outcome", outcome);
        insert.Parameters.AddWithValue("detail", (object?)detail ?? DBNull.Value);
        insert.Parameters.AddWithValue("worker", worker);
        insert.Parameters.AddWithValue("resumed", resumed);
        return await insert.ExecuteNonQueryAsync(cancellationToken) == 1;
    }
}
