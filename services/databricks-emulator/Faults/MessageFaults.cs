using System.Text.RegularExpressions;

namespace GenieCanvas.DatabricksEmulator.Faults;

/// <summary>
/// Faults for Genie messages, consumed when a message is created (start-conversation or a follow-up): the first live
/// fault that matches the space applies and uses up one of its times.
/// </summary>
public sealed partial class MessageFaults
{
    public const string Failed = "FAILED";
    public const string Cancelled = "CANCELLED";
    public const string QueryResultExpired = "QUERY_RESULT_EXPIRED";

    private readonly Lock _lock = new();
    private List<MessageFault> _faults = [];
    private int _nextId;

    public IReadOnlyList<MessageFault> Faults
    {
        get
        {
            lock (_lock)
            {
                return [.. _faults];
            }
        }
    }

    public static string? Problem(MessageFaultRequest f)
    {
        if (f.Status is null && f.StepMs is null)
        {
            return "A message fault needs a status (FAILED, CANCELLED or QUERY_RESULT_EXPIRED), a step_ms (a slow answer), or both.";
        }
        if (f.Status is { } status && status is not (Failed or Cancelled or QueryResultExpired))
        {
            return $"status '{status}' is not one a fault can cause; use FAILED, CANCELLED or QUERY_RESULT_EXPIRED.";
        }
        if ((f.ErrorType ?? f.Error) is not null && f.Status != Failed)
        {
            return "error_type and error describe a failure; give status FAILED too.";
        }
        if (f.ErrorType is { } type && !ErrorType().IsMatch(type))
        {
            return "error_type must be a MessageErrorType such as SQL_EXECUTION_EXCEPTION (A-Z, 0-9, _; at most 100).";
        }
        if (f.Error is { Length: 0 or > 2000 })
        {
            return "error, when given, must be 1-2000 characters.";
        }
        if (f.StepMs is { } step && step is < 1 or > 60_000)
        {
            return $"step_ms must be from 1 to 60000; got {step}.";
        }
        if (f.Times is { } times && times < 1)
        {
            return $"times must be 1 or more (or left out for 'until cleared'); got {times}.";
        }
        if (f.SpaceId is { Length: 0 or > 128 })
        {
            return "space_id, when given, must be 1-128 characters.";
        }
        return null;
    }

    public MessageFault Add(MessageFaultRequest r)
    {
        lock (_lock)
        {
            var fault = new MessageFault(++_nextId, r.SpaceId, r.Status, r.ErrorType, r.Error, r.StepMs, r.Times, r.Times, 0);
            _faults.Add(fault);
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

    public MessageFault? Take(string spaceId)
    {
        lock (_lock)
        {
            for (var i = 0; i < _faults.Count; i++)
            {
                var f = _faults[i];
                if (f.Remaining is not 0 && (f.SpaceId is null || f.SpaceId == spaceId))
                {
                    _faults[i] = f with { Remaining = f.Remaining - 1, Applied = f.Applied + 1 };
                    return _faults[i];
                }
            }
            return null;
        }
    }

    [GeneratedRegex("^[A-Z][A-Z0-9_]{0,99}$")]
    private static partial Regex ErrorType();
}
