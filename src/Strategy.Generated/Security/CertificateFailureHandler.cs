namespace Strategy.Generated.Http;

/// <summary>
/// Turns a refused server certificate (or a server that does not speak TLS) into a
/// <see cref="StrategyCertificateException"/> that says why, just above the primary handler, so
/// the handlers above see a failure that is not transient: it is not retried, and not "unreachable".
/// </summary>
internal sealed class CertificateFailureHandler(ServerCertificates certificates) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        try
        {
            return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException ex) when (request.RequestUri is { Scheme: "https" } uri && TransportErrors.IsSecureConnectionFailure(ex))
        {
            var server = uri.GetLeftPart(UriPartial.Authority);
            throw certificates.Refusal(uri.Host) is { } refusal
                ? new StrategyCertificateException(server, refusal.Problem, refusal.Details, ex)
                : new StrategyCertificateException(server, StrategyCertificateProblem.NotTls, null, ex);
        }
    }
}
