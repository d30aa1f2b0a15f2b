using GenieCanvas.DatabricksEmulator.Admin;
using GenieCanvas.DatabricksEmulator.Agents;
using GenieCanvas.DatabricksEmulator.Auth;
using GenieCanvas.DatabricksEmulator.Genie;
using GenieCanvas.DatabricksEmulator.Sql;
using GenieCanvas.DatabricksEmulator.Calls;
using GenieCanvas.DatabricksEmulator.Faults;
using GenieCanvas.DatabricksEmulator.Fixture;
using Serilog;

namespace GenieCanvas.DatabricksEmulator;

/// <summary>Every service registration of the emulator, in one place.</summary>
public static class EmulatorRegistration
{
    public static WebApplicationBuilder AddDatabricksEmulator(this WebApplicationBuilder builder)
    {
        // Stage two of Serilog: the real logger from configuration (sinks live in appsettings.json only).
        builder.Services.AddSerilog((services, lc) => lc
            .ReadFrom.Configuration(builder.Configuration)
            .ReadFrom.Services(services)
            .Enrich.FromLogContext());

        builder.Services.AddOptions<EmulatorOptions>()
            .Bind(builder.Configuration)
            .ValidateDataAnnotations()
            .ValidateOnStart();

        // Handlers pass EmulatorJsonContext.Relaxed explicitly; this only keeps ProblemDetails free of reflection.
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.TypeInfoResolverChain.Insert(0, EmulatorJsonContext.Default));
        builder.Services.AddProblemDetails();

        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(_ => SpaceCatalog.LoadEmbedded());
        builder.Services.AddSingleton<CallCounter>();
        builder.Services.AddSingleton<FaultInjector>();
        builder.Services.AddSingleton<TokenStore>();
        builder.Services.AddSingleton<RuntimeSettings>();
        builder.Services.AddSingleton(_ => DemoWarehouse.LoadEmbedded());
        builder.Services.AddSingleton(s => AnswerBook.LoadEmbedded(s.GetRequiredService<DemoWarehouse>()));
        builder.Services.AddSingleton<ConversationStore>();
        builder.Services.AddSingleton<MessageFaults>();
        builder.Services.AddSingleton<GenieEngine>();
        builder.Services.AddSingleton<SupervisorStore>();
        return builder;
    }

    /// <summary>
    /// One log line per request; successful Databricks calls only at Debug, because the emulator is also
    /// the upstream of load benchmarks. Paths are logged, never headers, forms or query strings (they may carry secrets).
    /// </summary>
    public static WebApplication UseEmulatorRequestLogging(this WebApplication app)
    {
        app.UseSerilogRequestLogging(o => o.GetLevel = (context, _, ex) =>
            ex is not null || context.Response.StatusCode >= 500 ? Serilog.Events.LogEventLevel.Warning
            : context.Response.StatusCode >= 400 ? Serilog.Events.LogEventLevel.Information
            : Serilog.Events.LogEventLevel.Debug);
        return app;
    }
}
