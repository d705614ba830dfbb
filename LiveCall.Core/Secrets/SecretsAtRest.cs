using System.Xml.Linq;
using LiveCall.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LiveCall.Core.Secrets;

/// <summary>
/// At start: seals every stored secret that is not yet sealed with the current key: master keys of the Data Protection
/// key ring written before encryption was on, and everything after a key rotation (<see cref="SecretsOptions.PreviousKeyFiles"/>).
/// Afterwards the previous key files can be removed.
/// </summary>
public static class SecretsAtRest
{
    private static readonly XNamespace DataProtection = "http://schemas.asp.net/2015/03/dataProtection";
    private static readonly XName RequiresEncryption = DataProtection + "requiresEncryption";
    private static readonly XName EncryptedSecret = DataProtection + "encryptedSecret";

    public static async Task SealSecretsAsync(this IServiceProvider services, CancellationToken cancellationToken = default)
    {
        var keys = services.GetRequiredService<AtRestKeys>();
        _ = keys.CurrentKeyId; // a missing or broken key file stops the start here, with its message
        await using var db = await services.GetRequiredService<IDbContextFactory<LiveCallDbContext>>().CreateDbContextAsync(cancellationToken);

        foreach (var pair in await db.VapidKeyPairs.ToListAsync(cancellationToken))
            if (keys.NeedsSealing(pair.PrivateKey)) pair.SealPrivateKey(keys);

        var encryptor = new AtRestXmlEncryptor(keys);
        foreach (var row in await db.DataProtectionKeys.ToListAsync(cancellationToken))
        {
            if (row.Xml is null) continue;
            var xml = XElement.Parse(row.Xml);
            var changed = false;
            foreach (var plain in xml.Descendants().Where(e => (string?)e.Attribute(RequiresEncryption) == "true").ToList())
            {
                plain.ReplaceWith(Wrap(encryptor.Encrypt(plain)));
                changed = true;
            }
            foreach (var secret in xml.Descendants(EncryptedSecret).ToList())
            {
                if (secret.Elements(AtRestXmlEncryptor.Element).SingleOrDefault() is not { } sealedElement || !keys.NeedsSealing(sealedElement.Value)) continue;
                secret.ReplaceWith(Wrap(encryptor.Encrypt(XElement.Parse(keys.Open(sealedElement.Value, AtRestXmlEncryptor.Purpose)))));
                changed = true;
            }
            if (changed) row.Xml = xml.ToString(SaveOptions.DisableFormatting);
        }
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>The element Data Protection writes around an encryptor's output, naming the decryptor to use.</summary>
    private static XElement Wrap(Microsoft.AspNetCore.DataProtection.XmlEncryption.EncryptedXmlInfo info) =>
        new(EncryptedSecret, new XAttribute("decryptorType", info.DecryptorType.AssemblyQualifiedName!), info.EncryptedElement);
}
