using Bunit;
using LiveCall.App.Components.Layout;
using LiveCall.Tests.Support;
using MudBlazor;

namespace LiveCall.Tests.Components;

public sealed class HoverMenuTests : MudTestContext
{
    private IRenderedComponent<HoverMenu> _menu = default!;

    private IRenderedComponent<MudPopoverProvider> RenderMenu(params string[] roles)
    {
        var auth = AddAuthorization();
        auth.SetAuthorized("Sam");
        auth.SetRoles(roles);
        if (roles.Any(r => r.EndsWith("Admin"))) auth.SetPolicies("Admin");
        var popovers = Render<MudPopoverProvider>();
        _menu = Render<HoverMenu>();
        return popovers;
    }

    [Fact]
    public void MouseOver_OpensTheMenu()
    {
        var popovers = RenderMenu("Seller");
        Assert.Empty(popovers.FindAll("[data-testid=menu-dashboard]"));

        _menu.Find(".mud-menu").PointerEnter();

        popovers.WaitForAssertion(() => Assert.NotEmpty(popovers.FindAll("[data-testid=menu-dashboard]")));
    }

    [Fact]
    public void Click_OpensTheMenuToo()
    {
        var popovers = RenderMenu("Seller");
        _menu.Find("[data-testid=hover-menu-button]").Click();
        popovers.WaitForAssertion(() => Assert.NotEmpty(popovers.FindAll("[data-testid=menu-followup]")));
    }

    [Fact]
    public void Seller_SeesTheWorkItemsButNoAdministration()
    {
        var popovers = RenderMenu("Seller");
        _menu.Find("[data-testid=hover-menu-button]").Click();
        popovers.WaitForAssertion(() =>
        {
            Assert.Contains("FollowUp Call", popovers.Markup);
            Assert.Contains("Calls", popovers.Markup);
            Assert.Empty(popovers.FindAll("[data-testid=menu-admin]"));
            Assert.Empty(popovers.FindAll("[data-testid=menu-outbox]"));
        });
    }

    [Fact]
    public void Admin_AlsoSeesAdministrationAndOutbox()
    {
        var popovers = RenderMenu("DealerAdmin");
        _menu.Find("[data-testid=hover-menu-button]").Click();
        popovers.WaitForAssertion(() =>
        {
            Assert.Equal("/admin", popovers.Find("[data-testid=menu-admin]").GetAttribute("href"));
            Assert.Equal("/outbox", popovers.Find("[data-testid=menu-outbox]").GetAttribute("href"));
        });
    }

    [Fact]
    public void Keyboard_EnterOnTheFocusedButtonOpensTheMenu()
    {
        var popovers = RenderMenu("Seller");
        _menu.Find(".mud-menu-activator").KeyDown(new Microsoft.AspNetCore.Components.Web.KeyboardEventArgs { Key = "Enter", Code = "Enter" });
        popovers.WaitForAssertion(() => Assert.NotEmpty(popovers.FindAll("[data-testid=menu-calls]")));
    }

    /// <summary>One button (MudMenu's activator) named "Open the menu", with no button inside it (axe: nested-interactive).</summary>
    [Fact]
    public void MenuButton_IsOneButton_WithAnAccessibleName()
    {
        RenderMenu("Seller");
        var button = _menu.Find("[role=button]:has([data-testid=hover-menu-button])");
        Assert.Equal("0", button.GetAttribute("tabindex"));
        Assert.Equal("menu", button.GetAttribute("aria-haspopup"));
        Assert.Empty(button.QuerySelectorAll("button, a[href], [tabindex], [role=button]"));
        Assert.Equal("Open the menu", button.QuerySelector(".lc-sr-only")!.TextContent);
        Assert.Equal("Menu", button.QuerySelector("[aria-hidden=true]:not(svg)")!.TextContent);
    }
}
