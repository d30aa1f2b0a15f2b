using System.Net;
using System.Text;
using GenieCanvas.Testing;

namespace GenieCanvas.EndToEnd.Tests;

/// <summary>
/// Another web site on this machine: a real HTTP server (HttpListener) on another loopback port, so its pages are
/// another origin than the bridge's. "/" is an empty page, "/own.json" and "/frame-me" are its own resources (a
/// test's control that fetching and framing work at all).
/// </summary>
public sealed class SecondOrigin : IAsyncDisposable
{
    public const string FramedText = "framed page of the other site";

    private readonly HttpListener _listener;
    private readonly Task _serving;

    private SecondOrigin(HttpListener listener, int port)
    {
        _listener = listener;
        Url = new Uri($"http://127.0.0.1:{port}/");
        _serving = Task.Run(ServeAsync);
    }

    public Uri Url { get; }

    public static SecondOrigin Start()
    {
        for (var attempt = 1; ; attempt++)
        {
            var port = FreeTcpPort.Next();
            var listener = new HttpListener();
            listener.Prefixes.Add($"http://127.0.0.1:{port}/");
            try
            {
                listener.Start();
                return new SecondOrigin(listener, port);
            }
            catch (HttpListenerException) when (attempt < 3)
            {
                listener.Close();
            }
        }
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }
            var (type, body) = context.Request.Url?.AbsolutePath switch
            {
                "/own.json" => ("application/json", "{\"own\":true}"),
                "/frame-me" => ("text/html", $"<!doctype html><title>framed</title><p id=\"framed\">{FramedText}</p>"),
                _ => ("text/html", "<!doctype html><title>another site</title><p>another site</p>"),
            };
            var bytes = Encoding.UTF8.GetBytes(body);
            context.Response.ContentType = type + "; charset=utf-8";
            context.Response.ContentLength64 = bytes.Length;
            await context.Response.OutputStream.WriteAsync(bytes);
            context.Response.Close();
        }
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        await _serving.WaitAsync(TimeSpan.FromSeconds(5));
    }
}
