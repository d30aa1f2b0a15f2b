using GenieCanvas.DatabricksEmulator.Sql;

namespace GenieCanvas.DatabricksEmulator.Genie;

/// <summary>
/// One question and Genie's work on it. The status is not driven by a timer: it follows from the time since the
/// message was created (one status per <see cref="Step"/>), so thousands of messages cost no threads.
/// A query answer goes SUBMITTED → FETCHING_METADATA → ASKING_AI → EXECUTING_QUERY → COMPLETED; a clarifying answer
/// skips EXECUTING_QUERY. An injected fault ends it FAILED (after ASKING_AI), CANCELLED (after FETCHING_METADATA), or
/// QUERY_RESULT_EXPIRED (instead of COMPLETED, until execute-query re-runs the SQL).
/// </summary>
public sealed class GenieMessage
{
    private readonly Lock _lock = new();
    private StatementResult? _result;
    private string? _sqlError;
    private string _statementId;
    private bool _expired;

    public GenieMessage(string spaceId, string conversationId, string messageId, string content, DateTimeOffset created, TimeSpan step,
        Answer? answer, string followUpText, IReadOnlyList<string> suggestions, string? faultStatus, string? errorType, string? error)
    {
        SpaceId = spaceId;
        ConversationId = conversationId;
        MessageId = messageId;
        Content = content;
        Created = created;
        Step = step;
        Answer = answer;
        FollowUpText = followUpText;
        Suggestions = suggestions;
        FaultStatus = faultStatus;
        ErrorType = errorType;
        Error = error;
        _expired = faultStatus == Faults.MessageFaults.QueryResultExpired && answer is not null;
        _statementId = Ids.Statement();
    }

    public string SpaceId { get; }
    public string ConversationId { get; }
    public string MessageId { get; }
    public string Content { get; }
    public DateTimeOffset Created { get; }
    public TimeSpan Step { get; }

    /// <summary>The query answer; null when Genie asks the user to clarify (<see cref="FollowUpText"/>).</summary>
    public Answer? Answer { get; }
    public string FollowUpText { get; }
    public IReadOnlyList<string> Suggestions { get; }
    public string? FaultStatus { get; }
    public string? ErrorType { get; }
    public string? Error { get; }

    public string QueryAttachmentId { get; } = Ids.Genie();
    public string TextAttachmentId { get; } = Ids.Genie();
    public string SuggestionsAttachmentId { get; } = Ids.Genie();

    public (StatementResult? Result, string? SqlError, string StatementId, bool Expired) Execution
    {
        get
        {
            lock (_lock)
            {
                return (_result, _sqlError, _statementId, _expired);
            }
        }
    }

    /// <summary>Runs the answer's SQL, when the message is created.</summary>
    public void Execute(DemoWarehouse warehouse) => Run(warehouse, newStatement: false);

    /// <summary>execute-query: runs the SQL again as a new statement; the result is fresh, no longer expired.</summary>
    public void Reexecute(DemoWarehouse warehouse) => Run(warehouse, newStatement: true);

    private void Run(DemoWarehouse warehouse, bool newStatement)
    {
        if (Answer is null)
        {
            return;
        }
        StatementResult? result = null;
        string? error = null;
        try
        {
            result = warehouse.Run(Answer.Sql);
        }
        catch (Microsoft.Data.Sqlite.SqliteException e)
        {
            error = e.Message;
        }
        lock (_lock)
        {
            _result = result;
            _sqlError = error;
            if (newStatement)
            {
                _statementId = Ids.Statement();
                _expired = false;
            }
        }
    }

    /// <summary>The status at <paramref name="now"/>, and when it began (last_updated_timestamp).</summary>
    public (string Status, DateTimeOffset Since) StatusAt(DateTimeOffset now)
    {
        var steps = Math.Max(0, (int)Math.Min(int.MaxValue, (now - Created).Ticks / Math.Max(1, Step.Ticks)));
        var timeline = Timeline();
        var index = Math.Min(steps, timeline.Count - 1);
        return (timeline[index], Created + (Step * index));
    }

    private List<string> Timeline()
    {
        List<string> steps = ["SUBMITTED", "FETCHING_METADATA"];
        if (FaultStatus == Faults.MessageFaults.Cancelled)
        {
            steps.Add("CANCELLED");
            return steps;
        }
        steps.Add("ASKING_AI");
        if (FaultStatus == Faults.MessageFaults.Failed)
        {
            steps.Add("FAILED");
            return steps;
        }
        if (Answer is null)
        {
            steps.Add("COMPLETED");
            return steps;
        }
        steps.Add("EXECUTING_QUERY");
        var (_, sqlError, _, expired) = Execution;
        steps.Add(sqlError is not null ? "FAILED" : expired ? "QUERY_RESULT_EXPIRED" : "COMPLETED");
        return steps;
    }
}
