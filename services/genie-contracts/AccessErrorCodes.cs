namespace GenieCanvas.Contracts;

/// <summary>
/// Stable ProblemDetails <c>code</c>s of the bridge's caller checks (DESIGN.md, "Who may call the bridge"). HTTP only:
/// a refused request never reaches the bus.
/// </summary>
public static class AccessErrorCodes
{
    /// <summary>The request's Host is not one of the bridge's own names (DNS rebinding, a misrouted proxy).</summary>
    public const string HostNotAllowed = "HOST_NOT_ALLOWED";

    /// <summary>A state-changing request sent by another site's page (foreign Origin, or Sec-Fetch-Site: cross-site).</summary>
    public const string CrossSiteRequest = "CROSS_SITE_REQUEST";
}
