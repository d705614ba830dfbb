using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;
using Microsoft.Extensions.DependencyInjection;

namespace LiveCall.Core.Secrets;

/// <summary>Seals the Data Protection key ring's master keys with <see cref="AtRestKeys"/> before they reach the database.</summary>
public sealed class AtRestXmlEncryptor(AtRestKeys keys) : IXmlEncryptor
{
    internal const string Purpose = "LiveCall.DataProtection.KeyRing";
    internal static readonly XName Element = "sealedByLiveCall";

    public EncryptedXmlInfo Encrypt(XElement plaintextElement) =>
        new(new XElement(Element, keys.Seal(plaintextElement.ToString(SaveOptions.DisableFormatting), Purpose)), typeof(AtRestXmlDecryptor));
}

/// <summary>Opens what <see cref="AtRestXmlEncryptor"/> sealed; Data Protection creates it by type, with the app's services.</summary>
public sealed class AtRestXmlDecryptor(IServiceProvider services) : IXmlDecryptor
{
    public XElement Decrypt(XElement encryptedElement) =>
        XElement.Parse(services.GetRequiredService<AtRestKeys>().Open(encryptedElement.Value, AtRestXmlEncryptor.Purpose));
}
