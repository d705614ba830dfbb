namespace LiveCall.Core.Dealers;

/// <summary>A car dealer (tenant). Owns locations, staff users and branding.</summary>
public sealed class Dealer
{
    private Dealer() { }

    public Dealer(string name, string slug, string country, DateTime createdUtc)
    {
        Id = Guid.NewGuid();
        CreatedUtc = createdUtc;
        Update(name, slug, country);
    }

    public Guid Id { get; private set; }
    public string Name { get; private set; } = "";
    public string Slug { get; private set; } = "";
    /// <summary>ISO 3166-1 alpha-2 country code, upper case (e.g. "DE").</summary>
    public string Country { get; private set; } = "";
    public DateTime CreatedUtc { get; private set; }
    public List<Location> Locations { get; private set; } = [];

    public void Update(string name, string slug, string country)
    {
        Name = name.Trim();
        Slug = slug.Trim().ToLowerInvariant();
        Country = country.Trim().ToUpperInvariant();
    }
}
