using System.ComponentModel.DataAnnotations;
using System.Net;
using LiveCall.Core;

namespace LiveCall.App.Infrastructure;

/// <summary>
/// Which reverse proxies may tell the client's address (X-Forwarded-For) and scheme (X-Forwarded-Proto), section
/// "ForwardedHeaders". Empty (the default): nobody; the socket's address counts, whatever a request's headers claim.
/// </summary>
public sealed class ForwardedHeadersSettings : IValidatableObject
{
    public const string Section = "ForwardedHeaders";

    /// <summary>Addresses of trusted proxies, e.g. <c>10.0.0.5</c>.</summary>
    public List<string> KnownProxies { get; set; } = [];

    /// <summary>Networks of trusted proxies in CIDR notation, e.g. <c>10.0.0.0/8</c> or <c>fd00::/8</c>.</summary>
    public List<string> KnownNetworks { get; set; } = [];

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var proxy in KnownProxies.Where(p => !IPAddress.TryParse(p, out _)))
            yield return ValidatedOptions.Error(Section, nameof(KnownProxies), $"entry '{proxy}' must be an IP address.");
        foreach (var network in KnownNetworks.Where(n => !IPNetwork.TryParse(n, out _)))
            yield return ValidatedOptions.Error(Section, nameof(KnownNetworks), $"entry '{network}' must be a network in CIDR notation (e.g. 10.0.0.0/8).");
    }
}
