using System.Text;

namespace GenieCanvas.Faults.Tests;

/// <summary>
/// Seeded generator of space_id values a hostile or broken client might send: valid ids (fixture and unknown), too long
/// ones, unicode (look-alikes, RTL override, zero-width, emoji, combining marks), control characters, whitespace,
/// path and query metacharacters (../, %2e%2e, ?, #, &amp;, =), JSON fragments, and mixes of these spliced into valid
/// ids. Every value is a well-formed UTF-16 string (no lone surrogates), so it survives URL and JSON encoding as is.
/// </summary>
public sealed class HostileIds(int seed)
{
    private const string IdChars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-";

    /// <summary>The fixture spaces of the emulator that answer 200 (a few of them, by id).</summary>
    private static readonly string[] KnownIds =
    [
        EmulatorProcess.SalesSpaceId, "01f0b2c4e8a91d3fa7c6b0e5d4f3a2b1", "01f0e1f2a3b4c5d6e7f8a9b0c1d2e3f4", "01f0c1d2e3f4a5b6c7d8e9f0a1b2c3d4",
    ];

    private static readonly string[] Fragments =
    [
        "../", "..\\", "..", "/", "\\", "%2e%2e", "%2e%2e%2f", "..%2f", "%2F", "%00", "%", "%%", "%zz", "?", "#", "&", "=",
        "?space_id=x", "&space_id=../x", "#frag", "a=b&c=d", "/etc/passwd", "/api/2.0/genie/spaces", "//evil.example/",
        "http://127.0.0.1:1/", "@", ":", ";", ",", "+", "*", "~", ".", "'", "\"", "`", "<script>", "${jndi:x}", "{{7*7}}",
        "{", "}", "[", "]", "{\"space_id\":\"x\"}", "\"}", "{\"$ne\":null}", "null", "true", "[1,2]", "\\u0000", "\\\"",
        "\0", "\t", "\n", "\r", "\r\n", "\u001b[31m", "\u007f", "\u0085", "\u00a0", "\u2028", "\u2029", " ", "  ",
        "\u200b", "\u200d", "\u202e", "\ufeff", "\uff21\uff22", "\u0130", "\u0131", "e\u0301", "\u00e9", "\u0410",
        "\u4e2d\u6587", "\ud83d\ude00", "\ud83c\udff3\ufe0f\u200d\ud83c\udf08", "\uffff", "\ufffd", "\u0000\u0000",
    ];

    private readonly Random _random = new(seed);

    public int Seed { get; } = seed;

    public List<string> Take(int count) => Enumerable.Range(0, count).Select(_ => Next()).ToList();

    public string Next() => _random.Next(14) switch
    {
        0 => KnownIds[_random.Next(KnownIds.Length)],
        1 => Valid(_random.Next(1, SpaceId.MaxLength + 1)),
        2 => Valid(_random.Next(SpaceId.MaxLength + 1, 3000)),
        3 => "",
        4 => Whitespace(),
        5 => Splice(Valid(_random.Next(1, 40)), Pick()),
        6 => string.Concat(Enumerable.Range(0, _random.Next(1, 5)).Select(_ => Pick())),
        7 => RandomUnicode(_random.Next(1, 300)),
        8 => Controls(_random.Next(1, 50)),
        9 => Valid(_random.Next(1, 40)) + Pick() + Valid(_random.Next(0, 40)),
        10 => Pick() + KnownIds[0],
        11 => string.Concat(Enumerable.Repeat(Pick(), _random.Next(1, 60))),
        12 => "{\"space_id\":\"" + Valid(12) + "\"" + Pick() + "}",
        _ => Pick(),
    };

    private string Pick() => Fragments[_random.Next(Fragments.Length)];

    private string Valid(int length)
    {
        var chars = new char[length];
        for (var i = 0; i < length; i++)
        {
            chars[i] = IdChars[_random.Next(IdChars.Length)];
        }
        return new string(chars);
    }

    private string Splice(string into, string what)
    {
        var at = _random.Next(into.Length + 1);
        return into[..at] + what + into[at..];
    }

    private string Whitespace() => new([.. Enumerable.Range(0, _random.Next(1, 6)).Select(_ => " \t\n\r\u00a0\u3000"[_random.Next(6)])]);

    private string Controls(int length) => new([.. Enumerable.Range(0, length).Select(_ => (char)_random.Next(0, 0x20))]);

    /// <summary>Random scalar values from the whole Unicode range (never a lone surrogate).</summary>
    private string RandomUnicode(int length)
    {
        var builder = new StringBuilder();
        for (var i = 0; i < length; i++)
        {
            int scalar;
            do
            {
                scalar = _random.Next(4) == 0 ? _random.Next(0x10000, 0x110000) : _random.Next(0, 0x10000);
            }
            while (scalar is >= 0xD800 and <= 0xDFFF);
            builder.Append(char.ConvertFromUtf32(scalar));
        }
        return builder.ToString();
    }
}
