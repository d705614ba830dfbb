namespace LiveCall.Core.Dealers;

/// <summary>A branch of a dealer. Customers call a location; its sellers answer.</summary>
public sealed class Location
{
    public static readonly TimeSpan DefaultRingTimeout = TimeSpan.FromSeconds(60);
    public static readonly TimeSpan DefaultShiftLength = TimeSpan.FromHours(10);
    public static readonly TimeSpan DefaultAcceptDeadline = TimeSpan.FromSeconds(30);

    private Location() { }

    public Location(Guid dealerId, string name, string slug, string country, string timeZoneId, OpeningHours hours)
    {
        Id = Guid.NewGuid();
        DealerId = dealerId;
        Update(name, slug, country, timeZoneId, hours, DefaultRingTimeout);
    }

    public Guid Id { get; private set; }
    public Guid DealerId { get; private set; }
    public Dealer? Dealer { get; private set; }
    public string Name { get; private set; } = "";
    public string Slug { get; private set; } = "";
    public string Country { get; private set; } = "";
    /// <summary>IANA time zone id, e.g. "Europe/Berlin".</summary>
    public string TimeZoneId { get; private set; } = "UTC";
    public OpeningHours OpeningHours { get; private set; } = OpeningHours.AlwaysOpen;
    public TimeSpan RingTimeout { get; private set; } = DefaultRingTimeout;
    /// <summary>Delay before the SMS escalation of an incoming call (0 = at ring start).</summary>
    public TimeSpan SmsDelay { get; private set; } = TimeSpan.Zero;
    /// <summary>Delay before the email escalation of an incoming call (0 = at ring start).</summary>
    public TimeSpan EmailDelay { get; private set; } = TimeSpan.Zero;
    /// <summary>
    /// A seller's duty ends when this long passes without any sign of them (an open dashboard, a sign-in, an accept link),
    /// so that nobody at a location open around the clock is rung at night after going home.
    /// </summary>
    public TimeSpan ShiftLength { get; private set; } = DefaultShiftLength;
    /// <summary>A seller who accepted and does not join the call within this time loses it: the call rings the others again.</summary>
    public TimeSpan AcceptDeadline { get; private set; } = DefaultAcceptDeadline;
    /// <summary>A deactivated location takes no video calls; its customer page says so.</summary>
    public bool IsActive { get; set; } = true;

    public void Update(string name, string slug, string country, string timeZoneId, OpeningHours hours, TimeSpan ringTimeout)
    {
        Name = name.Trim();
        Slug = slug.Trim().ToLowerInvariant();
        Country = country.Trim().ToUpperInvariant();
        TimeZoneId = timeZoneId;
        OpeningHours = hours;
        RingTimeout = ringTimeout;
    }

    public void SetEscalationDelays(TimeSpan smsDelay, TimeSpan emailDelay)
    {
        SmsDelay = smsDelay;
        EmailDelay = emailDelay;
    }

    public void SetDutyRules(TimeSpan shiftLength, TimeSpan acceptDeadline)
    {
        ShiftLength = shiftLength;
        AcceptDeadline = acceptDeadline;
    }

    public TimeZoneInfo TimeZone => TimeZoneInfo.FindSystemTimeZoneById(TimeZoneId);

    public bool IsOpenAt(DateTimeOffset instant) => OpeningHours.IsOpenAt(instant, TimeZone);
}
