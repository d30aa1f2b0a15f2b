using System.Text;

namespace GenieCanvas.Bridge.Tests;

/// <summary>A request as a browser or a tool would send it: a method, a path, the headers that matter and a JSON body.</summary>
public static class CallerRequest
{
    public const string SpaceBody = "{\"space_id\":\"s1\"}";

    /// <summary>Sends it; "{port}" in a header value becomes the bridge's port. A body is JSON (POST/PUT/PATCH only).</summary>
    public static Task<HttpResponseMessage> SendAsync(
        HttpClient client, string method, string path, int port, IReadOnlyDictionary<string, string>? headers, CancellationToken cancellationToken)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method is "POST" or "PUT" or "PATCH")
        {
            request.Content = new StringContent(SpaceBody, Encoding.UTF8, "application/json");
        }
        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            var text = value.Replace("{port}", port.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
            if (string.Equals(name, "Host", StringComparison.OrdinalIgnoreCase))
            {
                request.Headers.Host = text;
            }
            else
            {
                request.Headers.TryAddWithoutValidation(name, text);
            }
        }
        return client.SendAsync(request, cancellationToken);
    }
}
