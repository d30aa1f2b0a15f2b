using GenieCanvas.Responder.Bus;
using GenieCanvas.Responder.Databricks;
using GenieCanvas.Responder.Genie;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Timeout;
using Serilog;

namespace GenieCanvas.Responder.Hosting;

/// <summary>Every registration of the responder, in one place.</summary>
public static class ResponderHostExtensions
{
    public static IHostApplicationBuilder AddGenieResponder(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;

        services.AddSerilog((provider, logger) => logger
            .ReadFrom.Configuration(builder.Configuration)
            .ReadFrom.Services(provider)
            .Enrich.FromLogContext()
            // A configuration problem is reported once, as one line, by Program.cs; not again with a stack trace by the host.
            .Filter.ByExcluding(e => ConfigurationProblem.Is(e.Exception)));

        services.AddOptions<ResponderOptions>()
            .BindConfiguration("Responder")
            .Validate(o => o.MaxConcurrency is >= 1 and <= 10_000, "Responder:MaxConcurrency must be between 1 and 10000.")
            .Validate(o => o.MaxInFlight >= o.MaxConcurrency && o.MaxInFlight <= 1_000_000,
                "Responder:MaxInFlight (requests in flight) must be at least Responder:MaxConcurrency (Databricks calls at once) and at most 1000000.")
            .Validate(o => o.TotalBudget > TimeSpan.Zero && o.AttemptTimeout > TimeSpan.Zero && o.AttemptTimeout <= o.TotalBudget,
                "Responder:AttemptTimeout and Responder:TotalBudget must be positive, the attempt no longer than the budget.")
            .Validate(o => o.MaxRetryAttempts is >= 0 and <= 20, "Responder:MaxRetryAttempts must be between 0 and 20.")
            .Validate(o => o.RetryBaseDelay > TimeSpan.Zero && o.ShutdownGrace >= TimeSpan.Zero,
                "Responder:RetryBaseDelay must be positive and Responder:ShutdownGrace not negative.")
            .ValidateOnStart();
        // Read from the configuration, not IOptions<ResponderOptions>: the host reads HostOptions while it is built, and a
        // validation failure there would stop the start before the other settings are checked (Program.cs reports all).
        services.AddOptions<HostOptions>()
            .Configure<IConfiguration>((host, config) => host.ShutdownTimeout =
                (config.GetSection("Responder").Get<ResponderOptions>() ?? new ResponderOptions()).ShutdownGrace + TimeSpan.FromSeconds(5));

        // Databricks: environment first, then a ~/.databrickscfg profile; a problem stops the start with one line.
        services.AddOptions<DatabricksOptions>()
            .Configure<IConfiguration>(DatabricksConfigResolver.Resolve)
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<DatabricksOptions>, DatabricksOptionsValidator>();

        services.AddOptions<BusOptions>()
            .Configure<IConfiguration>((bus, config) =>
            {
                bus.Url = string.IsNullOrWhiteSpace(config["NATS_URL"]) ? BusOptions.DefaultUrl : config["NATS_URL"]!;
                bus.CredsFile = config["NATS_CREDS"];
                bus.User = config["NATS_USER"];
                bus.Password = config["NATS_PASSWORD"];
                bus.Token = config["NATS_TOKEN"];
            })
            .Validate(bus => BusUrl.IsValid(bus.Url), "NATS_URL must be one or more comma-separated URLs like nats://127.0.0.1:4222.")
            .Validate(bus => string.IsNullOrWhiteSpace(bus.User) == string.IsNullOrWhiteSpace(bus.Password),
                "NATS_USER and NATS_PASSWORD must be set together.")
            .Validate(bus => string.IsNullOrWhiteSpace(bus.CredsFile) || File.Exists(bus.CredsFile), "NATS_CREDS names a file that does not exist.")
            .ValidateOnStart();

        services.AddSingleton(TimeProvider.System);
        services.AddDatabricksClient();

        services.AddSingleton<BusConnectionFactory>();
        services.AddSingleton<RequestDispatcher>();
        services.AddSingleton<GenieOperations>();
        services.AddSingleton<GenieRequestHandler>();
        services.AddHostedService<GenieService>();
        return builder;
    }

    /// <summary>The typed Databricks client: one resilience pipeline (budget → retry → attempt timeout), then auth per attempt.</summary>
    private static void AddDatabricksClient(this IServiceCollection services)
    {
        services.AddSingleton<PatCredentials>();
        services.AddSingleton<OAuthM2MCredentials>();
        services.AddSingleton<IDatabricksCredentials>(provider =>
            provider.GetRequiredService<IOptions<DatabricksOptions>>().Value.AuthMethod == DatabricksAuthMethod.OAuthM2M
                ? provider.GetRequiredService<OAuthM2MCredentials>()
                : provider.GetRequiredService<PatCredentials>());
        services.AddTransient<DatabricksAuthHandler>();

        // Runs inside an attempt of the API call, so it needs no pipeline of its own.
        services.AddHttpClient(OAuthM2MCredentials.HttpClientName)
            .RedactLoggedHeaders(_ => true);

        var client = services.AddHttpClient<DatabricksClient>((provider, http) =>
            {
                http.BaseAddress = new Uri(provider.GetRequiredService<IOptions<DatabricksOptions>>().Value.Host + "/");
                http.Timeout = Timeout.InfiniteTimeSpan; // the pipeline's budget is the only clock
            })
            .RedactLoggedHeaders(_ => true)
            // The typed client lives in a singleton: let the socket pool, not handler rotation, pick up DNS changes.
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan);
        // Handlers run in the order added: the pipeline wraps the auth handler, so every attempt gets a current token.
        client.AddResilienceHandler("databricks", (pipeline, context) =>
            {
                var options = context.ServiceProvider.GetRequiredService<IOptions<ResponderOptions>>().Value;
                var time = context.ServiceProvider.GetRequiredService<TimeProvider>();
                pipeline
                    .AddTimeout(new TimeoutStrategyOptions
                    {
                        Name = "databricks-budget",
                        Timeout = options.TotalBudget,
                        // What is left of the request's budget, which started when it arrived; TotalBudget at most.
                        TimeoutGenerator = args => ValueTask.FromResult(
                            RetryBudget.Remaining(args.Context.GetRequestMessage(), time.GetUtcNow(), options.TotalBudget)),
                    })
                    .AddRetry(DatabricksRetry.Create(options, time))
                    .AddTimeout(options.AttemptTimeout);
            });
        client.AddHttpMessageHandler<DatabricksAuthHandler>();
    }
}
