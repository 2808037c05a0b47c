// Stands in for the NSwag output of jobs.openapi.yaml: the shapes the generator reads, no bodies.
#nullable enable
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Fixture
{
    public partial class StrategyResponse
    {
        public int StatusCode { get; } = 200;

        public IReadOnlyDictionary<string, IEnumerable<string>> Headers { get; } = new Dictionary<string, IEnumerable<string>>();
    }

    public partial class StrategyResponse<TResult> : StrategyResponse
    {
        public TResult Result { get; } = default!;
    }

    public enum JobState { Queued, Busy, Done, Broken }

    public enum PreferHeader { RespondAsync }

    public class JobError
    {
        public string? Code { get; set; }

        public string? Message { get; set; }
    }

    public class Job
    {
        public string Id { get; set; } = "";

        public JobState State { get; set; }

        public IList<JobError>? Errors { get; set; }
    }

    public enum StepMode { Overwrite, Append }

    public class RunStep
    {
        public string Name { get; set; } = "";

        public StepMode Mode { get; set; }
    }

    public class RunRequest
    {
        public IList<RunStep> Steps { get; set; } = new List<RunStep>();
    }

    public class JobList
    {
        public IList<Job> Jobs { get; set; } = new List<Job>();
    }

    public partial class JobsClient : Strategy.Generated.Http.StrategyClientBase
    {
        public virtual Task<StrategyResponse<JobList>> ListJobsAsync(int? offset, int? limit, CancellationToken cancellationToken) => throw null!;

        public virtual Task<Job?> StartJobAsync(PreferHeader? prefer, CancellationToken cancellationToken) => throw null!;

        public virtual Task<Job> GetJobAsync(string jobId, CancellationToken cancellationToken) => throw null!;

        public virtual Task<StrategyResponse> TakeLockAsync(CancellationToken cancellationToken) => throw null!;

        public virtual Task ReleaseLockAsync(string lockId, CancellationToken cancellationToken) => throw null!;

        public virtual Task RunLockedAsync(string jobId, string lockId, RunRequest body, CancellationToken cancellationToken) => throw null!;
    }
}
