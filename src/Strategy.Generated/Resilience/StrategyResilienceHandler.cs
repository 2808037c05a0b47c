using System.Net;
using Polly;
using Strategy.Generated.Http;
using Polly.Retry;
using Polly.Timeout;

namespace Strategy.Generated.Http;

/// <summary>
/// Retries transient failures with Polly: exponential backoff with jitter, <c>Retry-After</c>
/// honoured, bounded attempts. Whether a request may be repeated depends on its method; see
/// <see cref="StrategyRetryOptions"/>.
/// </summary>
public sealed class StrategyResilienceHandler : DelegatingHandler
{
    private readonly StrategyRetryOptions _options;
    private readonly TimeProvider _time;
    private readonly ResiliencePipeline<HttpResponseMessage> _idempotent;
    private readonly ResiliencePipeline<HttpResponseMessage> _notIdempotent;
    private volatile int _attemptHandlerBelow;

    private const int Unknown = 0;
    private const int Yes = 1;
    private const int No = 2;

    /// <summary>Creates the handler.</summary>
    /// <param name="options">How to retry; <see cref="StrategyRetryOptions.Default"/> when <see langword="null"/>.</param>
    /// <param name="timeProvider">The clock for delays and <c>Retry-After</c> dates; the system clock when <see langword="null"/>.</param>
    public StrategyResilienceHandler(StrategyRetryOptions? options = null, TimeProvider? timeProvider = null)
    {
        _options = options ?? StrategyRetryOptions.Default;
        _time = timeProvider ?? TimeProvider.System;
        _idempotent = Build(idempotent: true);
        _notIdempotent = Build(idempotent: false);
    }

    /// <summary>Whether a request may be sent again after the server may have acted on it.</summary>
    /// <param name="method">The request method.</param>
    /// <returns><see langword="true"/> for GET, HEAD, OPTIONS, PUT and DELETE.</returns>
    internal static bool IsIdempotent(HttpMethod method) =>
        method == HttpMethod.Get || method == HttpMethod.Head || method == HttpMethod.Options || method == HttpMethod.Put || method == HttpMethod.Delete;

    /// <inheritdoc />
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (!_options.Enabled)
        {
            return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }

        if (request.Content is not null)
        {
            // An attempt may have to send the body again.
            await request.Content.BufferAsync(cancellationToken).ConfigureAwait(false);
        }

        // Most calls need one attempt. The first is made here, outside the retry pipeline, which costs a call
        // that needs no retry about a quarter of the bare client's time (CallShapeBenchmarks); an outcome the
        // pipeline might retry is handed to it as its own first attempt's, so every retry decision stays its own.
        var idempotent = IsIdempotent(request.Method);
        HttpResponseMessage? answer = null;
        System.Runtime.ExceptionServices.ExceptionDispatchInfo? failure = null;
        CancellationTokenRegistration link = default;
        ITimer? timer = null;
        var attempt = idempotent ? AttemptCancellation.Rent(_time, _options.AttemptTimeout, cancellationToken, out link, out timer) : null;
        try
        {
            answer = await SendAttempt(request, attempt?.Token ?? cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException ex) when (attempt is { IsCancellationRequested: true } && !cancellationToken.IsCancellationRequested)
        {
            // What the pipeline's own attempt timeout throws.
            failure = System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(new TimeoutRejectedException("The attempt was not answered within its timeout.", _options.AttemptTimeout, ex));
        }
        catch (Exception ex)
        {
            failure = System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(ex);
        }
        finally
        {
            if (attempt is not null)
            {
                AttemptCancellation.Return(attempt, link, timer, _time);
            }
        }

        var first = failure is null ? Outcome.FromResult(answer!) : Outcome.FromException<HttpResponseMessage>(failure.SourceException);
        try
        {
            if (_options.MaxRetries == 0 || !(idempotent ? IsTransient(first) : WasNeverSent(first)))
            {
                failure?.Throw();
                return answer!;
            }

            return await (idempotent ? _idempotent : _notIdempotent).ExecuteAsync(
                static (attempts, token) => attempts.NextAsync(token),
                new Attempts(this, request, first),
                cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutRejectedException ex)
        {
            var attempts = StrategyRequestOptions.Attempt(request) + 1;
            throw new StrategyUnreachableException(
                RequestDescription.Describe(request),
                request.RequestUri is { IsAbsoluteUri: true } uri ? uri.GetLeftPart(UriPartial.Authority) : null,
                _options.AttemptTimeout,
                FormattableString.Invariant($"no attempt was answered in that time ({attempts} attempt{(attempts == 1 ? string.Empty : "s")}, StrategyRetryOptions.AttemptTimeout)"),
                ex);
        }
    }

    /// <summary>The attempts the retry pipeline makes: the first one's outcome, made already, then new ones.</summary>
    private sealed class Attempts(StrategyResilienceHandler handler, HttpRequestMessage request, Outcome<HttpResponseMessage> first)
    {
        private Outcome<HttpResponseMessage>? _first = first;

        public ValueTask<HttpResponseMessage> NextAsync(CancellationToken cancellationToken)
        {
            if (_first is { } made)
            {
                _first = null;
                return made.Exception is { } exception
                    ? new ValueTask<HttpResponseMessage>(Task.FromException<HttpResponseMessage>(exception))
                    : new ValueTask<HttpResponseMessage>(made.Result!);
            }

            // Hands Polly the attempt's task as it is: no state machine of its own per attempt.
            return new ValueTask<HttpResponseMessage>(handler.SendAttempt(request, cancellationToken));
        }
    }

    private Task<HttpResponseMessage> SendAttempt(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (StrategyRequestOptions.NextAttempt(request) > 0)
        {
            StrategyDiagnostics.Retries.Add(1, new KeyValuePair<string, object?>("strategy.operation", StrategyRequestOptions.OperationId(request)));
        }

        // In the client's own pipeline the attempt handler, innermost, records what each attempt came
        // to: the attempt goes on as it is, with no async step of its own. Composed by hand without it, this handler records.
        return HasAttemptHandlerBelow() ? base.SendAsync(request, cancellationToken) : SendRecordedAsync(request, cancellationToken);
    }

    private async Task<HttpResponseMessage> SendRecordedAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        try
        {
            var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            ConnectionFailureBudget.Current?.RecordAttemptAnswer();

            // Whether an answer is worth a retry may depend on what the request's operation declares.
            response.RequestMessage ??= request;
            return response;
        }
        catch (Exception ex) when (TransportErrors.IsConnectionFailure(ex))
        {
            // Each attempt spends the wait's budget, so a dead server is given up on after the
            // budget, not after retries x status calls.
            ConnectionFailureBudget.Current?.RecordAttemptFailure(request.RequestUri);
            throw;
        }
    }

    // The handlers below are linked before the first request and never change after it.
    private bool HasAttemptHandlerBelow()
    {
        if (_attemptHandlerBelow == Unknown)
        {
            var found = false;
            for (var inner = InnerHandler as DelegatingHandler; inner is not null && !found; inner = inner.InnerHandler as DelegatingHandler)
            {
                found = inner is AttemptHandler;
            }

            _attemptHandlerBelow = found ? Yes : No;
        }

        return _attemptHandlerBelow == Yes;
    }

    private ResiliencePipeline<HttpResponseMessage> Build(bool idempotent)
    {
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = _time };
        if (_options.MaxRetries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = _options.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = _options.BaseDelay,
                MaxDelay = _options.MaxDelay,
                ShouldHandle = async args =>
                    (idempotent ? IsTransient(args.Outcome) : WasNeverSent(args.Outcome))
                    && ConnectionFailureBudget.Current?.IsExhausted != true
                    // The answer the spec says means "no status yet" is the server's word, not a passing failure.
                    && !(args.Outcome.Result is { } answer && await StrategyAnswers.IsNoStatusAsync(answer, args.Context.CancellationToken).ConfigureAwait(false)),
                DelayGenerator = args => new ValueTask<TimeSpan?>(RetryAfterHeader.Read(args.Outcome.Result?.Headers.RetryAfter, _time)),
                OnRetry = args =>
                {
                    args.Outcome.Result?.Dispose();
                    return default;
                },
            });
        }

        if (idempotent)
        {
            builder.AddTimeout(_options.AttemptTimeout);
        }

        return builder.Build();
    }

    private static bool IsTransient(Outcome<HttpResponseMessage> outcome) => outcome switch
    {
        { Result: { } response } => TransientFailures.IsTransientStatus((int)response.StatusCode),
        { Exception: HttpRequestException or TimeoutRejectedException } => true,
        _ => false,
    };

    /// <summary>The connection could not be made, so the request never reached the server: safe to send even a POST again.</summary>
    private static bool WasNeverSent(Outcome<HttpResponseMessage> outcome) =>
        outcome.Exception is { } exception && TransportErrors.NeverReachedServer(exception);
}
