using System.Security.Cryptography;
using LiveCall.Core.Data;
using LiveCall.Core.Notifications.Push;
using LiveCall.Core.Secrets;
using LiveCall.Tests.Support;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LiveCall.Tests.Infrastructure;

/// <summary>
/// The sign-in key ring and the VAPID private key are stored sealed with a key file that is not in the database:
/// a copy of the database alone reads neither, and the key file can be rotated.
/// </summary>
public sealed class SecretsAtRestTests
{
    private const string Purpose = "LiveCall.Tests.SecretsAtRest";

    [Fact]
    public async Task StoredSecrets_AreSealed_WithAKeyFileBesideTheDatabase_NotInIt()
    {
        await using var h = await ServiceHost.StartAsync();
        h.Get<IDataProtectionProvider>().CreateProtector(Purpose).Protect("a sign-in cookie");
        await h.Get<VapidKeyStore>().GetAsync(default);

        await using var db = await h.DbAsync();
        var ring = await db.DataProtectionKeys.AsNoTracking().ToListAsync();
        Assert.NotEmpty(ring);
        Assert.All(ring, k => Assert.DoesNotContain("<masterKey", k.Xml));
        Assert.All(ring, k => Assert.Contains("sealedByLiveCall", k.Xml));
        var vapid = await db.VapidKeyPairs.AsNoTracking().SingleAsync();
        Assert.StartsWith("lc1.", vapid.PrivateKey);
        Assert.Equal(43, vapid.OpenPrivateKey(h.Get<AtRestKeys>()).Length);

        var keyFile = Path.Combine(h.DataDirectory, "livecall.secrets.key");
        Assert.Equal(32, Convert.FromBase64String(File.ReadAllText(keyFile).Trim()).Length);
        if (!OperatingSystem.IsWindows()) Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(keyFile));
    }

    [Fact]
    public async Task ACopiedDatabase_WithoutTheKeyFile_OpensNoCookie()
    {
        await using var h = await ServiceHost.StartAsync();
        var cookie = h.Get<IDataProtectionProvider>().CreateProtector(Purpose).Protect("a sign-in cookie");
        var copy = await CopyDatabaseAsync(h);

        // The thief's app: the same application name, the copied key ring, no key file of ours.
        var services = new ServiceCollection();
        services.AddDbContext<LiveCallDbContext>(o => o.UseSqlite($"Data Source={copy};Pooling=False"));
        services.AddDataProtection().PersistKeysToDbContext<LiveCallDbContext>().SetApplicationName("LiveCall");
        await using var thief = services.BuildServiceProvider();

        Assert.ThrowsAny<CryptographicException>(() => thief.GetRequiredService<IDataProtectionProvider>().CreateProtector(Purpose).Unprotect(cookie));
        Assert.Equal("a sign-in cookie", h.Get<IDataProtectionProvider>().CreateProtector(Purpose).Unprotect(cookie));
    }

    [Fact]
    public async Task Rotation_SealsEverythingWithTheNewKey_AndTheOldKeyFileCanGoAfterwards()
    {
        var dir = Directory.CreateTempSubdirectory("livecall-rotation-").FullName;
        var (oldKey, newKey) = (Path.Combine(dir, "old.key"), Path.Combine(dir, "new.key"));
        await File.WriteAllTextAsync(oldKey, Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
        await File.WriteAllTextAsync(newKey, Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
        var database = Path.Combine(dir, "livecall.db");
        string cookie, publicKey;
        await using (var before = await ServiceHost.StartAsync(o => o.AddSettings(new() { ["Database:Path"] = database, ["Secrets:KeyFile"] = oldKey })))
        {
            cookie = before.Get<IDataProtectionProvider>().CreateProtector(Purpose).Protect("a sign-in cookie");
            publicKey = (await before.Get<VapidKeyStore>().GetAsync(default)).PublicKey;
        }

        await using (var rotating = await ServiceHost.StartAsync(o => o.AddSettings(new()
        {
            ["Database:Path"] = database, ["Secrets:KeyFile"] = newKey, ["Secrets:PreviousKeyFiles:0"] = oldKey,
        })))
        {
            var newId = rotating.Get<AtRestKeys>().CurrentKeyId;
            await using var db = await rotating.DbAsync();
            Assert.All(await db.DataProtectionKeys.AsNoTracking().ToListAsync(), k => Assert.Contains("lc1." + newId + ".", k.Xml));
            Assert.StartsWith("lc1." + newId + ".", (await db.VapidKeyPairs.AsNoTracking().SingleAsync()).PrivateKey);
        }

        await using var after = await ServiceHost.StartAsync(o => o.AddSettings(new() { ["Database:Path"] = database, ["Secrets:KeyFile"] = newKey }));
        Assert.Equal("a sign-in cookie", after.Get<IDataProtectionProvider>().CreateProtector(Purpose).Unprotect(cookie));
        var store = after.Get<VapidKeyStore>();
        var pair = await store.GetAsync(default);
        Assert.Equal(publicKey, pair.PublicKey);
        using var signing = store.CreateSigningKey(pair);
        Assert.NotNull(signing);
    }

    [Fact]
    public async Task AKeyRingWrittenBeforeSealing_IsSealedAtStart_AndItsCookiesStillOpen()
    {
        var dir = Directory.CreateTempSubdirectory("livecall-legacy-").FullName;
        var database = Path.Combine(dir, "livecall.db");
        await using (var empty = Open(database)) await empty.Database.MigrateAsync();
        // As an older LiveCall wrote it: the master key in the clear, as Data Protection stores it without an encryptor.
        string cookie;
        await using (var unsealedApp = UnsealedRing(database))
            cookie = unsealedApp.GetRequiredService<IDataProtectionProvider>().CreateProtector(Purpose).Protect("a sign-in cookie");
        await using (var check = Open(database))
            Assert.Contains(await check.DataProtectionKeys.AsNoTracking().ToListAsync(), k => k.Xml!.Contains("<masterKey"));

        await using var after = await ServiceHost.StartAsync(o => o.AddSettings(new() { ["Database:Path"] = database }));

        await using var db = await after.DbAsync();
        Assert.All(await db.DataProtectionKeys.AsNoTracking().ToListAsync(), k => Assert.DoesNotContain("<masterKey", k.Xml));
        Assert.Equal("a sign-in cookie", after.Get<IDataProtectionProvider>().CreateProtector(Purpose).Unprotect(cookie));
    }

    [Fact]
    public async Task OutsideDevelopment_StartWithoutAKeyFile_IsRefusedWithWhatToDo()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => ServiceHost.StartAsync(o => o.Environment = "Production"));

        Assert.Contains("Secrets:KeyFile is not set", error.Message);
        Assert.Contains("openssl rand -base64 32", error.Message);
    }

    private static ServiceProvider UnsealedRing(string database)
    {
        var services = new ServiceCollection();
        services.AddDbContext<LiveCallDbContext>(o => o.UseSqlite($"Data Source={database};Pooling=False"));
        services.AddDataProtection().PersistKeysToDbContext<LiveCallDbContext>().SetApplicationName("LiveCall");
        return services.BuildServiceProvider();
    }

    private static LiveCallDbContext Open(string database) =>
        new(new DbContextOptionsBuilder<LiveCallDbContext>().UseSqlite($"Data Source={database};Pooling=False").Options);

    private static async Task<string> CopyDatabaseAsync(ServiceHost h)
    {
        var copy = Path.Combine(Directory.CreateTempSubdirectory("livecall-stolen-").FullName, "livecall.db");
        await using var source = new SqliteConnection($"Data Source={Path.Combine(h.DataDirectory, "livecall.db")}");
        await source.OpenAsync();
        await using var target = new SqliteConnection($"Data Source={copy};Pooling=False");
        await target.OpenAsync();
        source.BackupDatabase(target);
        return copy;
    }
}
