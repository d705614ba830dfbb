namespace LiveCall.Core.Notifications.Push;

/// <summary>Every intermediate value of RFC 8291 key derivation (so a test can find a failing step).</summary>
public sealed record WebPushKeys(byte[] EcdhSecret, byte[] PrkKey, byte[] Ikm, byte[] Prk, byte[] Cek, byte[] Nonce);
