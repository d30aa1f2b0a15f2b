using GenieCanvas.BusBench;

// Usage: GenieCanvas.BusBench <nats-url> [sequential-requests=2000] [concurrency=32] [seconds=10] [space-id ...]
var settings = BenchSettings.FromArgs(args);
await using var bench = await Bench.ConnectAsync(settings);

Console.WriteLine($"bus bench: {settings.Url}, {settings.SpaceIds.Count} space id(s)");
await bench.WarmUpAsync();
var sequential = await bench.SequentialAsync();
Console.WriteLine(sequential);
var concurrent = await bench.ConcurrentAsync();
Console.WriteLine(concurrent);
return sequential.Errors + concurrent.Errors == 0 ? 0 : 1;
