namespace GenieCanvas.DatabricksEmulator.Genie;

/// <summary>A conversation in one space and its messages (the newest <see cref="ConversationStore.MaxMessages"/>).</summary>
public sealed class GenieConversation(string spaceId, string conversationId, string title, long createdMs)
{
    private readonly Lock _lock = new();
    private readonly List<GenieMessage> _messages = [];

    public string SpaceId { get; } = spaceId;
    public string ConversationId { get; } = conversationId;
    public string Title { get; } = title;
    public long CreatedMs { get; } = createdMs;

    public void Add(GenieMessage message)
    {
        lock (_lock)
        {
            _messages.Add(message);
            if (_messages.Count > ConversationStore.MaxMessages)
            {
                _messages.RemoveAt(0);
            }
        }
    }

    public GenieMessage? Find(string messageId)
    {
        lock (_lock)
        {
            return _messages.Find(m => m.MessageId == messageId);
        }
    }
}
