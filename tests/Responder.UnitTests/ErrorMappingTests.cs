using System.Net;
using GenieCanvas.Contracts;
using GenieCanvas.Responder.Bus;
using GenieCanvas.Responder.Databricks;

namespace GenieCanvas.Responder.UnitTests;

/// <summary>Databricks answers → bus outcomes (DESIGN.md's error table), and the dispatcher's own outcomes.</summary>
public sealed class ErrorMappingTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(404, "RESOURCE_DOES_NOT_EXIST", 404, GenieErrorCodes.NotFound)]
    [InlineData(403, "PERMISSION_DENIED", 404, GenieErrorCodes.NotFound)]
    [InlineData(401, "UNAUTHENTICATED", 502, GenieErrorCodes.UpstreamAuth)]
    [InlineData(400, "INVALID_PARAMETER_VALUE", 400, GenieErrorCodes.InvalidRequest)]
    [InlineData(500, "INTERNAL_ERROR", 502, GenieErrorCodes.UpstreamError)]
    [InlineData(503, "TEMPORARILY_UNAVAILABLE", 502, GenieErrorCodes.UpstreamError)]
    [InlineData(409, "RESOURCE_CONFLICT", 409, GenieErrorCodes.AlreadyExists)]
    public void A_Databricks_error_maps_to_the_contracts_status_and_code(int upstream, string errorCode, int status, string code)
    {
        using var response = new HttpResponseMessage((HttpStatusCode)upstream);

        var outcome = DatabricksErrorMapper.FromResponse(response, $"{{\"error_code\":\"{errorCode}\",\"message\":\"x\"}}", "Genie space 'a'", "a personal access token", Now);

        Assert.Equal(status, outcome.Status);
        Assert.Equal(code, outcome.Code);
        Assert.Equal(upstream, outcome.UpstreamStatus);
    }

    [Fact]
    public void A_429_keeps_its_Retry_After()
    {
        using var response = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        response.Headers.TryAddWithoutValidation("Retry-After", "30");

        var outcome = DatabricksErrorMapper.FromResponse(response, "{}", "Genie space 'a'", "a personal access token", Now);

        Assert.Equal(429, outcome.Status);
        Assert.Equal(GenieErrorCodes.RateLimited, outcome.Code);
        Assert.Equal(30, outcome.RetryAfterSeconds);
    }

    [Fact]
    public void A_body_code_that_is_not_a_Databricks_code_is_not_repeated()
    {
        using var response = new HttpResponseMessage(HttpStatusCode.NotFound);

        var outcome = DatabricksErrorMapper.FromResponse(response, "<html>not found</html>", "Genie space 'a'", "a personal access token", Now);

        Assert.Contains("HTTP 404)", outcome.Message);
    }

    [Fact]
    public void Every_request_slot_busy_is_503_SATURATED_with_Retry_After_and_the_bridge_title()
    {
        var outcome = OperationDispatcher.AtCapacity(8);

        Assert.Equal(503, outcome.Status);
        Assert.Equal(GenieErrorCodes.Saturated, outcome.Code);
        Assert.Equal(OperationDispatcher.SaturatedRetryAfterSeconds, outcome.RetryAfterSeconds);
        Assert.Contains("8 requests", outcome.Message);
        Assert.Equal("Genie responder is busy", GenieErrors.TitleOf(GenieErrorCodes.Saturated));
    }

    [Fact]
    public void Shutdown_and_timeouts_have_their_codes()
    {
        Assert.Equal((503, GenieErrorCodes.ServiceUnavailable), (OperationDispatcher.ShuttingDown.Status, OperationDispatcher.ShuttingDown.Code));
        var timedOut = OperationDispatcher.TimedOut("Genie space 'a'", TimeSpan.FromSeconds(8));
        Assert.Equal((504, GenieErrorCodes.UpstreamTimeout), (timedOut.Status, timedOut.Code));
        Assert.Contains("8 s", timedOut.Message);
    }
}
