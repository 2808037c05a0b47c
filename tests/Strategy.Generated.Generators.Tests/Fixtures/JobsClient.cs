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

    public enum JobState { Queued, Busy, Done, Finished, Broken }

    public enum PreferHeader { RespondAsync }

    public partial class JobError
    {
        public string? Code { get; set; }

        public string? Message { get; set; }
    }

    public partial class Job
    {
        public string Id { get; set; } = "";

        public JobState State { get; set; }

        public IList<JobError>? Errors { get; set; }
    }

    public enum StepMode { Overwrite, Append }

    public partial class RunStep
    {
        public string Name { get; set; } = "";

        public StepMode Mode { get; set; }
    }

    public partial class RunRequest
    {
        public IList<RunStep> Steps { get; set; } = new List<RunStep>();
    }

    public partial class JobList
    {
        public IList<Job> Jobs { get; set; } = new List<Job>();
    }

    public enum RunStage { Running = 0, Over = 1 }

    [System.Flags]
    public enum MachineStatus { Warming = 1, Ready = 2, Faulted = 4, Idle = 8 }

    public enum TicketState { Open, Closed, Failed }

    public partial class Ticket
    {
        public string Id { get; set; } = "";

        public TicketState? State { get; set; }

        public string? Reason { get; set; }

        public string? MachineId { get; set; }
    }

    public enum RunResult { None = 0, Ok = 1, Failed = 2, Cancelled = 3, Skip = 4 }

    public partial class RunError
    {
        public int? Code { get; set; }

        public string? Message { get; set; }
    }

    public partial class RunPart
    {
        public string? Name { get; set; }

        public RunError? Error { get; set; }
    }

    public partial class JobRun
    {
        public RunStage? Stage { get; set; }

        public RunResult? Result { get; set; }

        public System.DateTimeOffset? StartedAt { get; set; }

        public IList<RunPart>? Parts { get; set; }
    }

    public partial class RunsClient : Strategy.Generated.Http.StrategyClientBase
    {
        private System.Net.Http.HttpClient _httpClient;

        public RunsClient(System.Net.Http.HttpClient httpClient) => _httpClient = httpClient;

        public virtual Task<JobRun> GetJobRunAsync(string jobId, CancellationToken cancellationToken) => throw null!;
    }

    public enum ExportState { Asking, Ready }

    public enum ExportStage { Ask, Run }

    public partial class Export
    {
        public string? Id { get; set; }

        public ExportState? State { get; set; }
    }

    public partial class Question
    {
        public string? Key { get; set; }
    }

    public partial class Answers
    {
        public IList<string> Keys { get; set; } = new List<string>();
    }

    public partial class FileResponse : System.IDisposable
    {
        public IReadOnlyDictionary<string, IEnumerable<string>> Headers { get; } = new Dictionary<string, IEnumerable<string>>();

        public System.IO.Stream Stream { get; } = System.IO.Stream.Null;

        public void Dispose() => Stream.Dispose();
    }

    public partial class ExportsClient : Strategy.Generated.Http.StrategyClientBase
    {
        private System.Net.Http.HttpClient _httpClient;

        public ExportsClient(System.Net.Http.HttpClient httpClient) => _httpClient = httpClient;

        public virtual Task<Export> StartExportAsync(ExportStage? stage, string? label, CancellationToken cancellationToken) => throw null!;

        public virtual Task<IList<Question>> ListExportQuestionsAsync(string exportId, string? label, CancellationToken cancellationToken) => throw null!;

        public virtual Task AnswerExportQuestionsAsync(string exportId, Answers body, CancellationToken cancellationToken) => throw null!;

        public virtual Task<StrategyResponse<Export>> GetExportStatusAsync(string exportId, CancellationToken cancellationToken) => throw null!;

        public virtual Task<FileResponse> DownloadExportAsync(string exportId, int? part, CancellationToken cancellationToken) => throw null!;
    }

    public partial class JobsClient : Strategy.Generated.Http.StrategyClientBase
    {
        private System.Net.Http.HttpClient _httpClient;

        public JobsClient(System.Net.Http.HttpClient httpClient) => _httpClient = httpClient;

        public virtual Task RunJobAsync(string jobId, CancellationToken cancellationToken) => throw null!;

        public virtual Task<StrategyResponse<JobList>> ListJobsAsync(int? offset, int? limit, CancellationToken cancellationToken) => throw null!;

        public virtual Task<Job?> StartJobAsync(PreferHeader? prefer, CancellationToken cancellationToken) => throw null!;

        public virtual Task<Job> GetJobAsync(string jobId, CancellationToken cancellationToken) => throw null!;

        public virtual Task<StrategyResponse> TakeLockAsync(CancellationToken cancellationToken) => throw null!;

        public virtual Task ReleaseLockAsync(string lockId, CancellationToken cancellationToken) => throw null!;

        public virtual Task RunLockedAsync(string jobId, string lockId, RunRequest body, CancellationToken cancellationToken) => throw null!;

        public virtual Task<StrategyResponse> GetMachineStatusAsync(string machineId, CancellationToken cancellationToken) => throw null!;

        public virtual Task<Ticket> OpenTicketAsync(string machineId, CancellationToken cancellationToken) => throw null!;

        public virtual Task<Ticket> GetTicketAsync(string ticketId, CancellationToken cancellationToken) => throw null!;

        public virtual Task CancelTicketAsync(string ticketId, CancellationToken cancellationToken) => throw null!;

        public virtual Task<Strategy.Generated.StrategyLastUpdate?> FindLastMachineRunAsync(string machineId, string ticketId, CancellationToken cancellationToken) => throw null!;
    }
}
