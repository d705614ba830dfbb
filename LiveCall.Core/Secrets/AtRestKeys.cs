using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using LiveCall.Core.Data;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace LiveCall.Core.Secrets;

/// <summary>
/// Encrypts secrets before they are stored (AES-256-GCM, the purpose bound as associated data) with the key from
/// <see cref="SecretsOptions.KeyFile"/>; reads values sealed with it or with a previous key. A sealed value reads
/// <c>lc1.{key id}.{nonce, ciphertext, tag in base64url}</c>; the key id is the start of the key's SHA-256.
/// </summary>
public sealed class AtRestKeys
{
    private const string Prefix = "lc1.";
    private const int NonceBytes = 12, TagBytes = 16;
    private readonly Lazy<(string Id, byte[] Key)> _current;
    private readonly Lazy<IReadOnlyDictionary<string, byte[]>> _all;

    public AtRestKeys(IOptions<SecretsOptions> options, IOptions<DatabaseOptions> database, IHostEnvironment environment)
    {
        var o = options.Value;
        _current = new(() => Read(CurrentPath(o, database.Value, environment), createIfMissing: string.IsNullOrWhiteSpace(o.KeyFile)));
        _all = new(() =>
        {
            var keys = o.PreviousKeyFiles.Select(f => Read(Path.GetFullPath(f, environment.ContentRootPath), createIfMissing: false)).ToDictionary(k => k.Id, k => k.Key);
            keys[_current.Value.Id] = _current.Value.Key;
            return keys;
        });
    }

    /// <summary>The id of the current key (loads it: a missing or unreadable key file fails here, at start).</summary>
    public string CurrentKeyId => _current.Value.Id;

    public static bool IsSealed(string value) => value.StartsWith(Prefix, StringComparison.Ordinal);

    /// <summary>Whether <paramref name="value"/> is sealed with a key other than the current one (or not at all).</summary>
    public bool NeedsSealing(string value) => !IsSealed(value) || KeyIdOf(value) != CurrentKeyId;

    public string Seal(string plaintext, string purpose)
    {
        var (id, key) = _current.Value;
        var data = Encoding.UTF8.GetBytes(plaintext);
        var sealedBytes = new byte[NonceBytes + data.Length + TagBytes];
        var nonce = sealedBytes.AsSpan(0, NonceBytes);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(key, TagBytes);
        aes.Encrypt(nonce, data, sealedBytes.AsSpan(NonceBytes, data.Length), sealedBytes.AsSpan(NonceBytes + data.Length), Encoding.UTF8.GetBytes(purpose));
        return Prefix + id + "." + Base64Url.EncodeToString(sealedBytes);
    }

    /// <summary>The plaintext of a sealed value; throws <see cref="CryptographicException"/> for a wrong key, purpose or a changed value.</summary>
    public string Open(string sealedValue, string purpose)
    {
        if (!IsSealed(sealedValue)) throw new CryptographicException("The value is not sealed.");
        var id = KeyIdOf(sealedValue);
        if (!_all.Value.TryGetValue(id, out var key))
            throw new CryptographicException($"The value was sealed with key {id}, which is neither Secrets:KeyFile nor one of Secrets:PreviousKeyFiles.");
        var bytes = Base64Url.DecodeFromChars(sealedValue.AsSpan(Prefix.Length + id.Length + 1));
        if (bytes.Length < NonceBytes + TagBytes) throw new CryptographicException("The sealed value is too short.");
        var data = new byte[bytes.Length - NonceBytes - TagBytes];
        using var aes = new AesGcm(key, TagBytes);
        aes.Decrypt(bytes.AsSpan(0, NonceBytes), bytes.AsSpan(NonceBytes, data.Length), bytes.AsSpan(NonceBytes + data.Length), data, Encoding.UTF8.GetBytes(purpose));
        return Encoding.UTF8.GetString(data);
    }

    private static string KeyIdOf(string sealedValue)
    {
        var end = sealedValue.IndexOf('.', Prefix.Length);
        return end < 0 ? "" : sealedValue[Prefix.Length..end];
    }

    private static string CurrentPath(SecretsOptions o, DatabaseOptions database, IHostEnvironment environment)
    {
        if (!string.IsNullOrWhiteSpace(o.KeyFile)) return Path.GetFullPath(o.KeyFile, environment.ContentRootPath);
        if (!environment.IsDevelopment())
            throw new InvalidOperationException(
                "Secrets:KeyFile is not set. Outside Development LiveCall needs a key file of its own to encrypt the sign-in key ring and the " +
                "VAPID key in the database: create one with `openssl rand -base64 32 > livecall.key`, keep it outside the database's backups " +
                "and set Secrets__KeyFile to its path.");
        return Path.Combine(Path.GetDirectoryName(database.FullPath(environment.ContentRootPath))!, "livecall.secrets.key");
    }

    private static (string Id, byte[] Key) Read(string path, bool createIfMissing)
    {
        if (createIfMissing && !File.Exists(path)) Create(path);
        byte[] key;
        try
        {
            key = Convert.FromBase64String(File.ReadAllText(path).Trim());
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            throw new InvalidOperationException($"The secrets key file {path} cannot be read as 32 bytes in base64: {e.Message}", e);
        }
        if (key.Length != 32) throw new InvalidOperationException($"The secrets key file {path} must hold 32 bytes in base64, not {key.Length}.");
        return (Convert.ToHexStringLower(SHA256.HashData(key))[..8], key);
    }

    /// <summary>Writes a new key readable by this user only; two processes starting at once end up with the same file.</summary>
    private static void Create(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temp = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using (var stream = new FileStream(temp, options))
        using (var writer = new StreamWriter(stream))
            writer.WriteLine(Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
        try
        {
            File.Move(temp, path, overwrite: false);
        }
        catch (IOException) when (File.Exists(path))
        {
            File.Delete(temp);
        }
    }
}
