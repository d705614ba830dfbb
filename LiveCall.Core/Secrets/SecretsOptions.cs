namespace LiveCall.Core.Secrets;

/// <summary>
/// Section "Secrets": the key that encrypts what the database holds in secret (the sign-in key ring, the VAPID private
/// key). It lives in a file, never in the database, so a copied database cannot forge a sign-in or a push.
/// </summary>
public sealed class SecretsOptions
{
    public const string Section = "Secrets";

    /// <summary>
    /// The current key file: 32 random bytes in base64, one line (<c>openssl rand -base64 32 &gt; livecall.key</c>).
    /// Required outside Development; there a file next to the database is generated on first start.
    /// </summary>
    public string? KeyFile { get; set; }

    /// <summary>Key files used before a rotation: still read, re-encrypted with <see cref="KeyFile"/> at start, then removable.</summary>
    public string[] PreviousKeyFiles { get; set; } = [];
}
