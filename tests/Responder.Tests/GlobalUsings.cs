global using System.Diagnostics;
global using System.Text;
global using System.Text.Json;
global using GenieCanvas.Contracts;
global using GenieCanvas.Testing;
global using Xunit;

// Two cores: at most two test collections (each with its own processes) at a time.
[assembly: CollectionBehavior(MaxParallelThreads = 2)]
