using System.Net;

namespace GenieCanvas.Bridge.Tests;

/// <summary>Polls a bridge URL until it answers a status (readiness is cached ~1 s, reconnects take a moment).</summary>
public static class Eventually
{
    public static async Task StatusAsync(HttpClient client, string path, HttpStatusCode expected, CancellationToken cancellationToken)
    {
        HttpStatusCode? last = null;
        var lastBody = "";
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                using var response = await client.GetAsync(path, cancellationToken);
                last = response.StatusCode;
                if (last == expected)
                {
                    return;
                }
                lastBody = await response.Content.ReadAsStringAsync(cancellationToken);
                await Task.Delay(100, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
        Assert.Fail($"{path} never answered {(int)expected}; last {(int?)last}: {lastBody}");
    }
}
