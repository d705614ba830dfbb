using System.ComponentModel.DataAnnotations;

namespace LiveCall.Core.Calls.Incoming;

/// <summary>
/// How often one customer may ring a location (section "RingLimits"), counted per location over the calls in the database,
/// so every instance sees the same count. A customer is keyed three ways (<see cref="CustomerKeys"/>): browser and contact
/// ring at most once at a time and <see cref="PerCustomerHourly"/> times an hour; a client network (shared by a household,
/// an office or a mobile carrier's NAT) a little more.
/// </summary>
public sealed class RingLimitsOptions : IValidatableObject
{
    public const string Section = "RingLimits";

    /// <summary>New calls per hour at one location from one browser, and from one phone number or email address.</summary>
    public int PerCustomerHourly { get; set; } = 3;
    /// <summary>Calls ringing at once at one location from one IPv4 address or IPv6 /64.</summary>
    public int PerNetworkAtOnce { get; set; } = 2;
    /// <summary>New calls per hour at one location from one IPv4 address or IPv6 /64.</summary>
    public int PerNetworkHourly { get; set; } = 6;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (PerCustomerHourly < 1) yield return ValidatedOptions.Error(Section, nameof(PerCustomerHourly), "must be at least 1.");
        if (PerNetworkAtOnce < 1) yield return ValidatedOptions.Error(Section, nameof(PerNetworkAtOnce), "must be at least 1.");
        if (PerNetworkHourly < PerNetworkAtOnce)
            yield return ValidatedOptions.Error(Section, nameof(PerNetworkHourly), $"must not be less than {Section}:{nameof(PerNetworkAtOnce)}.");
    }
}
