using Microsoft.Extensions.Options;

namespace GenieCanvas.Bridge.Options;

/// <summary>Fills <see cref="BridgeOptions"/> from the flat environment variables the whole stack shares.</summary>
public sealed class BridgeOptionsSetup(IConfiguration configuration, IHostEnvironment environment)
    : IConfigureOptions<BridgeOptions>, IPostConfigureOptions<BridgeOptions>
{
    public void Configure(BridgeOptions options)
    {
        if (configuration["BRIDGE_PORT"] is { Length: > 0 } port)
        {
            // An unparsable value becomes 0 and fails validation with a clear message.
            options.Port = int.TryParse(port, System.Globalization.CultureInfo.InvariantCulture, out var value) ? value : 0;
        }
        if (configuration["GENIE_DEFAULT_SPACE_ID"] is { Length: > 0 } spaceId)
        {
            options.DefaultSpaceId = spaceId;
        }
    }

    public void PostConfigure(string? name, BridgeOptions options)
    {
        options.FrontendPath = string.IsNullOrWhiteSpace(options.FrontendPath)
            ? FindFrontendDist()
            : Path.GetFullPath(options.FrontendPath, environment.ContentRootPath);
    }

    // frontend/dist of the checkout the bridge runs from: above the build output, or above the working directory.
    private string FindFrontendDist()
    {
        foreach (var start in new[] { environment.ContentRootPath, Directory.GetCurrentDirectory() })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (Directory.Exists(Path.Combine(dir.FullName, "frontend")))
                {
                    return Path.Combine(dir.FullName, "frontend", "dist");
                }
            }
        }
        return Path.Combine(Directory.GetCurrentDirectory(), "frontend", "dist");
    }
}
