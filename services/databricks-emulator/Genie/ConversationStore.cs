using System.Collections.Concurrent;

namespace GenieCanvas.DatabricksEmulator.Genie;

/// <summary>
/// Conversations in memory, bounded: at most <see cref="MaxConversations"/> (the oldest is forgotten first) and
/// <see cref="MaxMessages"/> messages each (likewise), so a long benchmark cannot grow the emulator without limit.
/// </summary>
public sealed class ConversationStore
{
    public const int MaxConversations = 10_000;
    public const int MaxMessages = 100;

    private readonly ConcurrentDictionary<string, GenieConversation> _byId = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _order = new();

    public int Count => _byId.Count;

    public void Add(GenieConversation conversation)
    {
        _byId[conversation.ConversationId] = conversation;
        _order.Enqueue(conversation.ConversationId);
        while (_byId.Count > MaxConversations && _order.TryDequeue(out var oldest))
        {
            _byId.TryRemove(oldest, out _);
        }
    }

    /// <summary>The conversation, if it exists in this space.</summary>
    public GenieConversation? Find(string spaceId, string conversationId) =>
        _byId.TryGetValue(conversationId, out var c) && c.SpaceId == spaceId ? c : null;

    public void Clear()
    {
        _byId.Clear();
        _order.Clear();
    }
}
