using GenieCanvas.Hosting;
using GenieCanvas.Responder.Bus;
using GenieCanvas.Responder.Databricks;
using GenieCanvas.Responder.Operations;
using Microsoft.Extensions.Options;
using Polly;

namespace GenieCanvas.Responder.Hosting;

/// <summary>Every registration of the responder, in one place.</summary>
public static class ResponderHostExtensions
{
    public static IHostApplicationBuilder AddGenieResponder(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;

        services.AddGenieOptions<ResponderOptions>("Responder")
            .Validate(o => o.MaxConcurrency is >= 1 and <= 10_000, "Responder:MaxConcurrency must be between 1 and 10000.")
            .Validate(o => o.MaxInFlight >= o.MaxConcurrency && o.MaxInFlight <= 1_000_000,
                "Responder:MaxInFlight (requests in flight) must be at least Responder:MaxConcurrency (Databricks calls at once) and at most 1000000.")
            .Validate(o => o.TotalBudget > TimeSpan.Zero && o.AttemptTimeout > TimeSpan.Zero && o.AttemptTimeout <= o.TotalBudget,
                "Responder:AttemptTimeout and Responder:TotalBudget must be positive, the attempt no longer than the budget.")
            .Validate(o => o.MaxRetryAttempts is >= 0 and <= 20, "Responder:MaxRetryAttempts must be between 0 and 20.")
            .Validate(o => o.CatalogPageSize is >= 1 and <= 1_000, "Responder:CatalogPageSize must be between 1 and 1000.")
            .Validate(o => o.RetryBaseDelay > TimeSpan.Zero && o.ShutdownGrace >= TimeSpan.Zero,
                "Responder:RetryBaseDelay must be positive and Responder:ShutdownGrace not negative.")
            .Validate(o => o.AskBudget >= TimeSpan.FromSeconds(2) && o.AskBudget <= TimeSpan.FromMinutes(10),
                "Responder:AskBudget must be between 00:00:02 and 00:10:00 (10 minutes, Databricks' own advice for polling Genie).")
            .Validate(o => o.AskMaxRows is >= 1 and <= 5000, "Responder:AskMaxRows must be between 1 and 5000 (Genie returns at most 5000 rows).");
        // Read from the configuration, not IOptions<ResponderOptions>: the host reads HostOptions while it is built, and a
        // failure there would stop the start before the other settings are checked (validation reports them all).
        services.AddOptions<HostOptions>()
            .Configure<IConfiguration>((host, config) => host.ShutdownTimeout = ShutdownGrace(config) + TimeSpan.FromSeconds(5));

        // Databricks: environment first, then a ~/.databrickscfg profile; a problem stops the start with one line.
        services.AddOptions<DatabricksOptions>()
            .Configure<IConfiguration>(DatabricksConfigResolver.Resolve)
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<DatabricksOptions>, DatabricksOptionsValidator>();

        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<ResponderTelemetry>();
        services.AddDatabricksClient();

        // The bus operations: one line each (Operations/). The dispatcher runs them, the host puts them on NATS.
        services.AddBusOperation<GetSpace>();
        services.AddBusOperation<ListSpaces>();
        services.AddBusOperation<AskGenie>();
        services.AddBusOperation<CreateSpace>();
        services.AddBusOperation<ListWarehouses>();
        services.AddBusOperation<ListCatalogs>();
        services.AddBusOperation<ListSchemas>();
        services.AddBusOperation<ListTables>();
        services.AddBusOperation<DeploySupervisor>();
        services.AddBusOperation<GetSupervisor>();
        services.AddBusOperation<DeleteSupervisor>();
        services.AddSingleton<OperationDispatcher>();
        services.AddHostedService<MicroServiceHost>();
        return builder;
    }

    private static TimeSpan ShutdownGrace(IConfiguration config)
    {
        try
        {
            return config.GetValue("Responder:ShutdownGrace", new ResponderOptions().ShutdownGrace);
        }
        catch (InvalidOperationException)
        {
            // A value of the wrong type; ResponderOptions' validation reports it with the other settings.
            return new ResponderOptions().ShutdownGrace;
        }
    }

    /// <summary>The typed Databricks client: one resilience pipeline (retry → attempt timeout), then auth per attempt.</summary>
    private static void AddDatabricksClient(this IServiceCollection services)
    {
        services.AddSingleton<DatabricksCallSlots>();
        services.AddSingleton<SupervisorAgentsClient>();
        services.AddSingleton<PatCredentials>();
        services.AddSingleton<OAuthM2MCredentials>();
        services.AddSingleton<IDatabricksCredentials>(provider =>
            provider.GetRequiredService<IOptions<DatabricksOptions>>().Value.AuthMethod == DatabricksAuthMethod.OAuthM2M
                ? provider.GetRequiredService<OAuthM2MCredentials>()
                : provider.GetRequiredService<PatCredentials>());
        services.AddTransient<DatabricksAuthHandler>();

        // Runs inside an attempt of the API call, so it needs no pipeline of its own.
        // No IHttpClientFactory log handlers: their lines are below the configured level anyway, yet each request paid
        // for their log scope (profiled); a Databricks failure is logged once, by the operation, without headers.
        services.AddHttpClient(OAuthM2MCredentials.HttpClientName)
            .RemoveAllLoggers();

        var client = services.AddHttpClient<DatabricksClient>((provider, http) =>
            {
                http.BaseAddress = new Uri(provider.GetRequiredService<IOptions<DatabricksOptions>>().Value.Host + "/");
                http.Timeout = Timeout.InfiniteTimeSpan; // the request's deadline is the only clock
            })
            .RemoveAllLoggers()
            // The typed client lives in a singleton: let the socket pool, not handler rotation, pick up DNS changes.
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan);
        // Handlers run in the order added: the pipeline wraps the auth handler, so every attempt gets a current token.
        // No budget timeout here: the request's deadline token bounds the whole call, retries included.
        client.AddResilienceHandler("databricks", (pipeline, context) =>
            {
                var options = context.ServiceProvider.GetRequiredService<IOptions<ResponderOptions>>().Value;
                var time = context.ServiceProvider.GetRequiredService<TimeProvider>();
                pipeline
                    .AddRetry(DatabricksRetry.Create(options, time))
                    .AddTimeout(options.AttemptTimeout);
            });
        client.AddHttpMessageHandler<DatabricksAuthHandler>();
    }
}
