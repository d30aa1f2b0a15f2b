using System.Text.Json;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace GenieCanvas.Bridge.Health;

/// <summary>
/// Health answers as JSON: <c>{"status": "Unhealthy", "reason": "…", "checks": {"nats": {...}, "genie-responders": {...}}}</c>;
/// <c>reason</c> is the first failing check's description.
/// </summary>
public static class HealthResponseWriter
{
    public static async Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        await using var json = new Utf8JsonWriter(context.Response.Body);
        json.WriteStartObject();
        json.WriteString("status", report.Status.ToString());
        var failing = report.Entries.Values.FirstOrDefault(e => e.Status != HealthStatus.Healthy);
        if (failing.Description is not null)
        {
            json.WriteString("reason", failing.Description);
        }
        json.WriteStartObject("checks");
        foreach (var (name, entry) in report.Entries)
        {
            json.WriteStartObject(name);
            json.WriteString("status", entry.Status.ToString());
            json.WriteString("description", entry.Description);
            json.WriteNumber("durationMs", Math.Round(entry.Duration.TotalMilliseconds, 1));
            json.WriteEndObject();
        }
        json.WriteEndObject();
        json.WriteEndObject();
        await json.FlushAsync(context.RequestAborted);
    }
}
