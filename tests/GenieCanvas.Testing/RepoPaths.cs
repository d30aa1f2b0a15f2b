namespace GenieCanvas.Testing;

/// <summary>Where the repository and the built service binaries are, seen from a test assembly.</summary>
public static class RepoPaths
{
    /// <summary>The folder that holds GenieCanvas.sln.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>
    /// The built dll of a service project, from the same configuration as the running tests
    /// (artifacts/bin/&lt;Project&gt;/&lt;config&gt;/&lt;Project&gt;.dll, see Directory.Build.props).
    /// </summary>
    public static string ServiceDll(string assemblyName)
    {
        var pivot = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Name;
        var dll = Path.Combine(Root, "artifacts", "bin", assemblyName, pivot, assemblyName + ".dll");
        return File.Exists(dll)
            ? dll
            : throw new FileNotFoundException($"{assemblyName} is not built for '{pivot}'; build the solution first.", dll);
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "GenieCanvas.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("GenieCanvas.sln not found above " + AppContext.BaseDirectory);
    }
}
