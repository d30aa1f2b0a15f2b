namespace GenieCanvas.Bridge.Tests;

/// <summary>A <see cref="ScriptedGenieStack"/> whose genie service answers every request with <see cref="TestGenieService.SampleSpace"/>.</summary>
public sealed class AnsweringGenieStack() : ScriptedGenieStack(m => m.ReplyAsync(TestGenieService.SampleSpace, serializer: TestGenieService.Raw));
