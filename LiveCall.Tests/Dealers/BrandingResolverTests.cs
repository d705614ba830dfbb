using LiveCall.Core.Dealers;

namespace LiveCall.Tests.Dealers;

public sealed class BrandingResolverTests
{
    [Fact]
    public void Resolve_TakesEachItemFromTheMostSpecificLevelThatSetsIt()
    {
        var platform = Branding.ForPlatform();
        platform.SetTexts("LiveCall Cloud", "#111111", "Platform welcome");
        var dealer = Branding.ForDealer(Guid.NewGuid());
        dealer.SetTexts("Demo Motors", null, "Dealer welcome");
        var location = Branding.ForLocation(Guid.NewGuid(), Guid.NewGuid());
        location.SetTexts(null, "#abcdef", "  ");

        var result = BrandingResolver.Resolve(platform, dealer, location);

        Assert.Equal(("Demo Motors", BrandingLevel.Dealer), (result.DisplayName, result.DisplayNameFrom));
        Assert.Equal(("#abcdef", BrandingLevel.Location), (result.PrimaryColor, result.PrimaryColorFrom));
        Assert.Equal(("Dealer welcome", BrandingLevel.Dealer), (result.WelcomeText, result.WelcomeTextFrom)); // blank falls back
    }

    [Fact]
    public void Resolve_WithNothingSet_UsesTheBuiltInDefaults()
    {
        var result = BrandingResolver.Resolve(null, null, null);
        Assert.Equal(BrandingResolver.DefaultDisplayName, result.DisplayName);
        Assert.Null(result.DisplayNameFrom);
        Assert.Null(result.LogoBrandingId);
    }

    [Fact]
    public void Resolve_LogoFallsBackToTheDealersLogo()
    {
        var dealer = Branding.ForDealer(Guid.NewGuid());
        dealer.SetLogo([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], "image/png");
        var location = Branding.ForLocation(Guid.NewGuid(), Guid.NewGuid());

        var result = BrandingResolver.Resolve(null, dealer, location);

        Assert.Equal(dealer.Id, result.LogoBrandingId);
        Assert.Equal(BrandingLevel.Dealer, result.LogoFrom);
    }
}
