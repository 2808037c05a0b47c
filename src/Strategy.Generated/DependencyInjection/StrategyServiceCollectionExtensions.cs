using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Strategy.Generated;
using Strategy.Generated.Http;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the Strategy clients with <see cref="IHttpClientFactory"/>, the session, retries and logging.</summary>
public static class StrategyServiceCollectionExtensions
{
    /// <summary>The name of the HTTP client the Strategy clients share.</summary>
    public const string HttpClientName = "Strategy";

    /// <summary>Registers every Strategy client with options bound from <paramref name="configuration"/> (for example the <c>Strategy</c> section).</summary>
    /// <param name="services">The services.</param>
    /// <param name="configuration">The configuration section with <c>BaseUrl</c>, <c>ProjectId</c>, <c>LoginMode</c>, <c>Username</c>, <c>Password</c>.</param>
    /// <returns>The HTTP client builder, to add handlers of your own.</returns>
    public static IHttpClientBuilder AddStrategyClient(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return services.AddStrategyClient(options => configuration.Bind(options));
    }

    /// <summary>Registers every Strategy client (each generated client and its interface, transient) on one shared session.</summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Sets the options.</param>
    /// <returns>The HTTP client builder, to add handlers of your own.</returns>
    /// <exception cref="OptionsValidationException">At host start (or when a client is first resolved without a host), if the options are incomplete.</exception>
    public static IHttpClientBuilder AddStrategyClient(this IServiceCollection services, Action<StrategyClientOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<StrategyClientOptions>().Configure(configure).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<StrategyClientOptions>, StrategyClientOptionsValidator>());

        // One session for every pipeline the factory builds: one login, one token, one set of cookies.
        services.TryAddSingleton(sp => StrategyPipelineParts.For(
            sp.GetRequiredService<IOptions<StrategyClientOptions>>().Value,
            sp.GetRequiredService<ILoggerFactory>().CreateLogger("Strategy.Generated.Http"),
            sp.GetService<TimeProvider>()));
        services.TryAddSingleton(sp => sp.GetRequiredService<StrategyPipelineParts>().Session);
        services.TryAddSingleton<StrategySessionLifetime>();

        var builder = services.AddHttpClient(HttpClientName, (sp, client) => StrategyPipeline.Configure(client, sp.GetRequiredService<IOptions<StrategyClientOptions>>().Value))
            .ConfigurePrimaryHttpMessageHandler(sp => sp.GetRequiredService<StrategyPipelineParts>().CreatePrimaryHandler())
            // The library logs each attempt itself (secrets redacted); the factory's own lines would repeat it with full URLs.
            .RemoveAllLoggers();
        builder.ConfigureAdditionalHttpMessageHandlers((handlers, sp) =>
        {
            foreach (var handler in StrategyPipeline.CreateHandlers(sp.GetRequiredService<StrategyPipelineParts>()))
            {
                handlers.Add(handler);
            }
        });

        services.TryAddTransient(sp =>
        {
            sp.GetRequiredService<StrategySessionLifetime>();
            return new StrategyWorkResumer(() => sp.GetRequiredService<IHttpClientFactory>().CreateClient(HttpClientName));
        });

        foreach (var client in StrategyOperations.Clients)
        {
            services.TryAddTransient(client.ClientType, sp => CreateClient(sp, client));
            if (client.InterfaceType is { } clientInterface)
            {
                services.TryAddTransient(clientInterface, sp => sp.GetRequiredService(client.ClientType));
            }
        }

        return builder;
    }

    private static StrategyClientBase CreateClient(IServiceProvider services, StrategyClientType client)
    {
        var options = services.GetRequiredService<IOptions<StrategyClientOptions>>().Value;
        var http = services.GetRequiredService<IHttpClientFactory>().CreateClient(HttpClientName);

        // Resolved after the factory, so the container disposes it (and logs out) before the pipelines go.
        services.GetRequiredService<StrategySessionLifetime>();
        return client.Create(http, options.ProjectId);
    }

    /// <summary>Logs the shared session out when the container (the host) is disposed: once, with one attempt, within <see cref="StrategySession.LogoutTimeLimit"/>.</summary>
    private sealed class StrategySessionLifetime(StrategySession session) : IAsyncDisposable, IDisposable
    {
        public ValueTask DisposeAsync() => new(session.LogoutAtEndAsync());

        // A container disposed synchronously still logs out, within the same limit.
        public void Dispose() => session.LogoutAtEndAsync().GetAwaiter().GetResult();
    }

    private sealed class StrategyClientOptionsValidator : IValidateOptions<StrategyClientOptions>
    {
        public ValidateOptionsResult Validate(string? name, StrategyClientOptions options) =>
            options.Problems(requireProject: true) is { Count: > 0 } problems ? ValidateOptionsResult.Fail(problems) : ValidateOptionsResult.Success;
    }
}
