namespace LiveCall.Core.Dealers;

public enum BrandingLevel { Platform = 0, Dealer = 1, Location = 2 }

/// <summary>
/// Branding items set at one level (platform, a dealer or a location). An empty item falls back to
/// the level above: location → dealer → platform → built-in default (see <see cref="BrandingResolver"/>).
/// </summary>
public sealed class Branding
{
    private Branding() { }

    private Branding(BrandingLevel level, Guid? dealerId, Guid? locationId)
    {
        Id = Guid.NewGuid();
        Level = level;
        DealerId = dealerId;
        LocationId = locationId;
    }

    public static Branding ForPlatform() => new(BrandingLevel.Platform, null, null);
    public static Branding ForDealer(Guid dealerId) => new(BrandingLevel.Dealer, dealerId, null);
    public static Branding ForLocation(Guid dealerId, Guid locationId) => new(BrandingLevel.Location, dealerId, locationId);

    public Guid Id { get; private set; }
    public BrandingLevel Level { get; private set; }
    public Guid? DealerId { get; private set; }
    public Guid? LocationId { get; private set; }
    public string? DisplayName { get; private set; }
    /// <summary>"#RRGGBB".</summary>
    public string? PrimaryColor { get; private set; }
    public string? WelcomeText { get; private set; }
    public byte[]? Logo { get; private set; }
    public string? LogoContentType { get; private set; }
    public int Version { get; private set; }

    public void SetTexts(string? displayName, string? primaryColor, string? welcomeText)
    {
        DisplayName = Blank(displayName);
        PrimaryColor = Blank(primaryColor)?.ToLowerInvariant();
        WelcomeText = Blank(welcomeText);
        Version++;
    }

    public void SetLogo(byte[]? logo, string? contentType)
    {
        Logo = logo;
        LogoContentType = logo is null ? null : contentType;
        Version++;
    }

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
