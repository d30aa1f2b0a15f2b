namespace GenieCanvas.Bridge.Flows;

/// <summary>A flow's latest revision: the document as it was stored, byte for byte.</summary>
public sealed record FlowEntry(string Name, ulong Revision, DateTimeOffset Updated, byte[] Document);
