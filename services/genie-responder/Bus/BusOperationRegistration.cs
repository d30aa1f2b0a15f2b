namespace GenieCanvas.Responder.Bus;

/// <summary>The one registration line per operation: <c>services.AddBusOperation&lt;GetSpace&gt;()</c>.</summary>
public static class BusOperationRegistration
{
    public static IServiceCollection AddBusOperation<T>(this IServiceCollection services) where T : class, IBusOperation =>
        services.AddSingleton<IBusOperation, T>();
}
