namespace GenieCanvas.DatabricksEmulator.Auth;

/// <summary>What the workspace thinks of a bearer token.</summary>
public enum TokenCheck
{
    Valid,
    Invalid,
    Expired,
}
