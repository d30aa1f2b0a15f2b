using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace GenieCanvas.DatabricksEmulator.Auth;

/// <summary>
/// The credentials the workspace accepts: the configured personal access token and the OAuth access tokens
/// it issued (until they expire). Comparisons are constant-time; no value is ever logged.
/// </summary>
public sealed class TokenStore(IOptions<EmulatorOptions> options, TimeProvider time)
{
    private readonly byte[] _pat = Encoding.UTF8.GetBytes(options.Value.Token);
    private readonly byte[] _clientId = Encoding.UTF8.GetBytes(options.Value.ClientId);
    private readonly byte[] _clientSecret = Encoding.UTF8.GetBytes(options.Value.ClientSecret);
    private readonly ConcurrentDictionary<string, DateTimeOffset> _issued = new(StringComparer.Ordinal);

    public TimeSpan TokenLifetime { get; } = TimeSpan.FromSeconds(options.Value.TokenTtlSeconds);

    public TokenCheck Check(string token)
    {
        if (CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(token), _pat))
        {
            return TokenCheck.Valid;
        }
        if (_issued.TryGetValue(token, out var expires))
        {
            return time.GetUtcNow() < expires ? TokenCheck.Valid : TokenCheck.Expired;
        }
        return TokenCheck.Invalid;
    }

    public bool IsClient(string clientId, string clientSecret) =>
        // Both compared, always, so timing does not tell which one was wrong.
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(clientId), _clientId)
        & CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(clientSecret), _clientSecret);

    /// <summary>
    /// Revokes issued OAuth tokens: one (when <paramref name="token"/> is given) or all. A revoked token is unknown
    /// from then on, so it gets 401 "Invalid access token." as Databricks answers for a revoked token. The PAT stays.
    /// </summary>
    public int Revoke(string? token = null)
    {
        if (token is not null)
        {
            return _issued.TryRemove(token, out _) ? 1 : 0;
        }
        var count = 0;
        foreach (var issued in _issued.Keys)
        {
            count += _issued.TryRemove(issued, out _) ? 1 : 0;
        }
        return count;
    }

    public int IssuedCount => _issued.Count;

    /// <summary>Issues a new OAuth access token; forgets expired ones so the table stays small.</summary>
    public string Issue()
    {
        var now = time.GetUtcNow();
        foreach (var (token, expires) in _issued)
        {
            if (expires <= now)
            {
                _issued.TryRemove(token, out _);
            }
        }
        var issued = "emu-oauth-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        _issued[issued] = now + TokenLifetime;
        return issued;
    }
}
