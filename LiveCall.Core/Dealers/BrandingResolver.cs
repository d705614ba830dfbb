namespace LiveCall.Core.Dealers;

/// <summary>Applies the fall-back rule: location → dealer → platform → built-in default.</summary>
public static class BrandingResolver
{
    public const string DefaultDisplayName = "LiveCall";
    public const string DefaultPrimaryColor = "#1565c0";
    public const string DefaultWelcomeText = "Talk to us face to face: start a video call and one of our sellers will answer.";

    public static EffectiveBranding Resolve(Branding? platform, Branding? dealer, Branding? location)
    {
        // Most specific first.
        Branding?[] chain = [location, dealer, platform];

        (string Value, BrandingLevel? From) Pick(Func<Branding, string?> item, string fallback)
        {
            foreach (var b in chain)
                if (b is not null && item(b) is { } value) return (value, b.Level);
            return (fallback, null);
        }

        var name = Pick(b => b.DisplayName, DefaultDisplayName);
        var color = Pick(b => b.PrimaryColor, DefaultPrimaryColor);
        var welcome = Pick(b => b.WelcomeText, DefaultWelcomeText);
        var logo = chain.FirstOrDefault(b => b?.Logo is { Length: > 0 });
        return new EffectiveBranding(name.Value, name.From, color.Value, color.From, welcome.Value, welcome.From, logo?.Id, logo?.Level);
    }
}
