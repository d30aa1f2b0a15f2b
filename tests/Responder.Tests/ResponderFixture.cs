namespace GenieCanvas.Responder.Tests;

/// <summary>One stack (nats-server, emulator, responder with the default settings) shared by the "responder" collection.</summary>
public sealed class ResponderFixture : StackFixture;

[CollectionDefinition(Name)]
public sealed class ResponderCollection : ICollectionFixture<ResponderFixture>
{
    public const string Name = "responder";
}
