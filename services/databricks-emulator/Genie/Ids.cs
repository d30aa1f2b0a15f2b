using System.Security.Cryptography;

namespace GenieCanvas.DatabricksEmulator.Genie;

/// <summary>Ids in the forms Genie uses: 32 lowercase hex for conversations, messages and attachments; UUIDs for statements.</summary>
public static class Ids
{
    public static string Genie() => "01f1" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(14));

    public static string Statement() => Guid.CreateVersion7().ToString();
}
