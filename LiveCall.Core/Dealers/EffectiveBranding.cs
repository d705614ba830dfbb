namespace LiveCall.Core.Dealers;

/// <summary>Branding after fall-back, with the level each item came from (for the admin preview).</summary>
public sealed record EffectiveBranding(
    string DisplayName, BrandingLevel? DisplayNameFrom,
    string PrimaryColor, BrandingLevel? PrimaryColorFrom,
    string WelcomeText, BrandingLevel? WelcomeTextFrom,
    Guid? LogoBrandingId, BrandingLevel? LogoFrom);
