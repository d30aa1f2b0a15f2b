namespace GenieCanvas.DatabricksEmulator.Faults;

/// <summary>
/// The faults tests have injected, checked in the order they were added. The first live fault that matches
/// a request applies to it and uses up one of its times. With no faults, the check is one volatile read.
/// </summary>
public sealed class FaultInjector
{
    private readonly Lock _lock = new();
    private volatile Fault[] _faults = [];
    private int _nextId;

    public IReadOnlyList<Fault> Faults => _faults;

    public Fault Add(FaultRequest request)
    {
        lock (_lock)
        {
            var fault = new Fault(
                ++_nextId, request.SpaceId, request.PathPrefix, request.Status, request.ErrorCode, request.Message,
                request.Times, request.RetryAfter, request.DelayMs, Remaining: request.Times, Applied: 0, request.Method?.ToUpperInvariant());
            _faults = [.. _faults, fault];
            return fault;
        }
    }

    public void Clear()
    {
        lock (_lock)
        {
            _faults = [];
        }
    }

    /// <summary>The fault to apply to this request, if any; consumes one of its times.</summary>
    public Fault? Take(string path, string? spaceId, string method = "GET")
    {
        if (_faults.Length == 0)
        {
            return null;
        }
        lock (_lock)
        {
            var faults = _faults;
            for (var i = 0; i < faults.Length; i++)
            {
                var fault = faults[i];
                if (fault.Remaining is not 0 && fault.Matches(path, spaceId, method))
                {
                    var used = fault with { Remaining = fault.Remaining - 1, Applied = fault.Applied + 1 };
                    var copy = (Fault[])faults.Clone();
                    copy[i] = used;
                    _faults = copy;
                    return used;
                }
            }
            return null;
        }
    }
}
