using GenieCanvas.DatabricksEmulator.Auth;
using GenieCanvas.DatabricksEmulator.Calls;
using GenieCanvas.DatabricksEmulator.Faults;

namespace GenieCanvas.DatabricksEmulator.Databricks;

/// <summary>
/// What every request to a Databricks path (/api, /oidc) goes through before its handler, in this order:
/// it is counted; an injected fault may delay it or answer for it; /api paths need a valid bearer token.
/// Faults come before auth: they stand for the workspace's front door (throttling, outages) failing.
/// </summary>
public sealed class DatabricksGate(RequestDelegate next, CallCounter counter, FaultInjector faults, TokenStore tokens)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "/";
        var isApi = path.StartsWith("/api/", StringComparison.Ordinal);
        if (!isApi && !path.StartsWith("/oidc/", StringComparison.Ordinal))
        {
            await next(context);
            return;
        }
        // Routing ran first, so the endpoint's {id} (a space id) is known here.
        var spaceId = context.Request.RouteValues.TryGetValue("id", out var id) ? id as string : null;
        counter.Count(path, spaceId, Route(context));

        if (faults.Take(path, spaceId, context.Request.Method) is { } fault)
        {
            if (fault.DelayMs is > 0)
            {
                try
                {
                    await Task.Delay(fault.DelayMs.Value, context.RequestAborted);
                }
                catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
                {
                    return; // The client gave up waiting (as a timing-out client should); nothing to answer.
                }
            }
            if (fault.Status is { } status)
            {
                if (fault.RetryAfter is not null)
                {
                    context.Response.Headers.RetryAfter = fault.RetryAfter;
                }
                await DatabricksErrors.WriteAsync(context, status,
                    fault.ErrorCode ?? DatabricksErrors.CodeFor(status),
                    fault.Message ?? DatabricksErrors.MessageFor(status, spaceId));
                return;
            }
        }

        if (isApi && BearerAuth.Reject(context, tokens) is { } rejection)
        {
            await rejection;
            return;
        }
        await next(context);
    }

    /// <summary>"METHOD /route/{pattern}" (no trailing slash), so tests can count e.g. every poll of any message.</summary>
    private static string? Route(HttpContext context) =>
        context.GetEndpoint() is RouteEndpoint { RoutePattern.RawText: { } pattern }
            ? $"{context.Request.Method} {(pattern.Length > 1 ? pattern.TrimEnd('/') : pattern)}"
            : null;
}
