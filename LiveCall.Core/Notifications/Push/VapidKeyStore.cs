using System.Buffers.Text;
using System.Security.Cryptography;
using LiveCall.Core.Data;
using LiveCall.Core.Secrets;
using Microsoft.EntityFrameworkCore;

namespace LiveCall.Core.Notifications.Push;

/// <summary>Loads the VAPID key pair from the database, generating and storing it on first use (the private key sealed).</summary>
public sealed class VapidKeyStore(IDbContextFactory<LiveCallDbContext> dbFactory, AtRestKeys secrets, TimeProvider time)
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private VapidKeyPair? _keys;

    /// <summary>The public key (base64url) for the browser's <c>applicationServerKey</c>.</summary>
    public async Task<string> GetPublicKeyAsync(CancellationToken cancellationToken) => (await GetAsync(cancellationToken)).PublicKey;

    public async Task<VapidKeyPair> GetAsync(CancellationToken cancellationToken)
    {
        if (_keys is { } cached) return cached;
        await _gate.WaitAsync(cancellationToken);
        try
        {
            return _keys ??= await LoadOrCreateAsync(cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>A signing key for the stored pair; dispose it after use.</summary>
    public ECDsa CreateSigningKey(VapidKeyPair keys) =>
        ECDsa.Create(WebPushEncryptor.PublicParameters(Base64Url.DecodeFromChars(keys.PublicKey), Base64Url.DecodeFromChars(keys.OpenPrivateKey(secrets))));

    private async Task<VapidKeyPair> LoadOrCreateAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (await db.VapidKeyPairs.AsNoTracking().FirstOrDefaultAsync(cancellationToken) is { } existing) return existing;

        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var p = key.ExportParameters(true);
        var pair = new VapidKeyPair(Base64Url.EncodeToString(WebPushEncryptor.PublicKeyBytes(key)), Base64Url.EncodeToString(p.D), time.GetUtcNow().UtcDateTime);
        pair.SealPrivateKey(secrets);
        db.VapidKeyPairs.Add(pair);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return pair;
        }
        catch (DbUpdateException)
        {
            // Another instance generated the pair first: use theirs.
            await using var again = await dbFactory.CreateDbContextAsync(cancellationToken);
            return await again.VapidKeyPairs.AsNoTracking().FirstAsync(cancellationToken);
        }
    }
}
