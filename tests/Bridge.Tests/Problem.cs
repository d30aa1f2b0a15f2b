using System.Net;
using System.Text.Json;

namespace GenieCanvas.Bridge.Tests;

/// <summary>Reads and checks the ProblemDetails every bridge error must be.</summary>
public sealed record Problem(int Status, string Title, string Detail, string Code, string RequestId, string ResponseRequestId)
{
    /// <summary>
    /// Asserts the response is application/problem+json with the given status and code, carrying a title, a detail
    /// and a requestId equal to the X-Request-Id response header; returns it for further checks.
    /// </summary>
    public static async Task<Problem> AssertAsync(HttpResponseMessage response, HttpStatusCode status, string code, CancellationToken cancellationToken)
    {
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        Assert.True(status == response.StatusCode, $"Expected {(int)status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var json = JsonDocument.Parse(body);
        var root = json.RootElement;
        var problem = new Problem(
            root.GetProperty("status").GetInt32(),
            root.GetProperty("title").GetString() ?? "",
            root.GetProperty("detail").GetString() ?? "",
            root.GetProperty("code").GetString() ?? "",
            root.GetProperty("requestId").GetString() ?? "",
            response.Headers.TryGetValues("X-Request-Id", out var ids) ? ids.Single() : "");
        Assert.Equal((int)status, problem.Status);
        Assert.Equal(code, problem.Code);
        Assert.False(string.IsNullOrWhiteSpace(problem.Title), body);
        Assert.False(string.IsNullOrWhiteSpace(problem.Detail), body);
        Assert.False(string.IsNullOrEmpty(problem.RequestId), body);
        Assert.Equal(problem.ResponseRequestId, problem.RequestId);
        return problem;
    }
}
