using System.Net.Http.Headers;

namespace GenieCanvas.Responder.Tests;

/// <summary>
/// The emulator loads its SQL engine (the Unity Catalog tree and the demo tables) on first use, which takes seconds
/// on a loaded machine, longer than a request's budget may allow. Tests that browse or create load it first, then
/// reset the emulator, so their counts start at zero.
/// </summary>
public static class CatalogWarmUp
{
    public static async Task WarmCatalogAsync(this ResponderStack stack)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, stack.Emulator.Url + "/api/2.1/unity-catalog/catalogs");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", stack.Emulator.Token);
        using var response = await http.SendAsync(request, cts.Token);
        response.EnsureSuccessStatusCode();
        await stack.Emulator.ResetAsync(cts.Token);
    }
}
