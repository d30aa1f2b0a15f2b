namespace GenieCanvas.DatabricksEmulator.Calls;

/// <summary>
/// <c>GET /_emulator/calls</c>: <c>{"total": n, "by_space": {id: n}, "by_path": {path: n}, "by_route": {"GET /route/{x}": n}}</c>.
/// </summary>
public sealed record CallsReply(long Total, IDictionary<string, long> BySpace, IDictionary<string, long> ByPath, IDictionary<string, long> ByRoute);
