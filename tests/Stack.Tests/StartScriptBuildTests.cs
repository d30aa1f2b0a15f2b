using GenieCanvas.Testing;

namespace GenieCanvas.Stack.Tests;

/// <summary>
/// start.sh's build step leaves staleness to dotnet build's own incremental build: a deleted source file is a change
/// (a timestamp comparison such as find -newer cannot see it). Run in a scratch copy of the repository, so the
/// deletion touches nothing real, with the copy's solution filter narrowed to the smallest service to keep it short.
/// </summary>
public sealed class StartScriptBuildTests : IDisposable
{
    private const string Emulator = "services/databricks-emulator";

    private readonly string _copy = Directory.CreateTempSubdirectory("start-sh-build-").FullName;

    public void Dispose() => Directory.Delete(_copy, recursive: true);

    [Fact]
    public async Task ADeletedSourceFileIsSeenByTheNextBuild()
    {
        foreach (var file in new[] { "start.sh", "Directory.Build.props", "Directory.Packages.props", "global.json", "GenieCanvas.sln", ".editorconfig" })
        {
            File.Copy(Path.Combine(RepoPaths.Root, file), Path.Combine(_copy, file));
        }
        CopyTree("deploy");
        CopyTree(Emulator);
        await File.WriteAllTextAsync(Path.Combine(_copy, "deploy", "start", "services.slnf"), $$"""
            { "solution": { "path": "../../GenieCanvas.sln", "projects": [ "{{Emulator}}/GenieCanvas.DatabricksEmulator.csproj" ] } }
            """);
        var dll = Path.Combine(_copy, "artifacts", "bin", "GenieCanvas.DatabricksEmulator", "release", "GenieCanvas.DatabricksEmulator.dll");

        var (first, firstOutput) = await BuildAsync();
        Assert.True(first == 0, firstOutput);
        Assert.True(File.Exists(dll), firstOutput);
        var built = File.GetLastWriteTimeUtc(dll);

        // Nothing changed: the build runs and leaves the assembly as it was.
        var (second, secondOutput) = await BuildAsync();
        Assert.True(second == 0, secondOutput);
        Assert.Equal(built, File.GetLastWriteTimeUtc(dll));

        // A deleted file: the emulator has no entry point any more, and the build says so.
        File.Delete(Path.Combine(_copy, Emulator, "Program.cs"));
        var (third, thirdOutput) = await BuildAsync();
        Assert.NotEqual(0, third);
        Assert.Contains("dotnet build (Release) failed", thirdOutput, StringComparison.Ordinal);
        Assert.Contains("CS5001", thirdOutput, StringComparison.Ordinal);
    }

    private void CopyTree(string relative)
    {
        var source = Path.Combine(RepoPaths.Root, relative);
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var rest = Path.GetRelativePath(source, file);
            if (rest.Split(Path.DirectorySeparatorChar)[0] is "bin" or "obj")
            {
                continue;
            }
            var target = Path.Combine(_copy, relative, rest);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    private async Task<(int ExitCode, string Output)> BuildAsync()
    {
        await using var build = ServiceProcess.Start(
            "start.sh --build-only",
            Path.Combine(_copy, "start.sh"),
            ["--build-only"],
            new Dictionary<string, string?> { ["GENIE_CONFIGURATION"] = "Release", ["GENIE_ENV_FILE"] = null, ["GENIE_SKIP_BUILD"] = null },
            _copy);
        Assert.True(await build.WaitForExitAsync(TimeSpan.FromMinutes(4)), "the build did not finish:\n" + build.Output);
        return (build.ExitCode, build.Output);
    }
}
