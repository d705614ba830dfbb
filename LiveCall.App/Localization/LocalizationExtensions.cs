using System.Globalization;
using LiveCall.Core.Users;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;

namespace LiveCall.App.Localization;

public static class LocalizationExtensions
{
    public static readonly string[] Cultures = ["en", "de"];

    public static IHostApplicationBuilder AddLocalizedUi(this IHostApplicationBuilder builder)
    {
        builder.Services.AddLocalization(o => o.ResourcesPath = "Resources");
        builder.Services.Configure<RequestLocalizationOptions>(o =>
        {
            o.SetDefaultCulture("en").AddSupportedCultures(Cultures).AddSupportedUICultures(Cultures);
            o.RequestCultureProviders = [new CookieRequestCultureProvider(), new AcceptLanguageHeaderRequestCultureProvider()];
        });
        return builder;
    }

    public static WebApplication UseLocalizedUi(this WebApplication app)
    {
        app.UseRequestLocalization();
        return app;
    }

    public static WebApplication MapLocalizedUi(this WebApplication app)
    {
        // The language switch: sets the culture cookie, remembers the choice in the user's profile, goes back.
        app.MapGet("/culture/set", async (string culture, string? redirectUri, HttpContext context, UserManager<StaffUser> users) =>
        {
            if (!Cultures.Contains(culture)) culture = "en";
            SetCookie(context, culture);
            if (context.User.Identity?.IsAuthenticated == true && await users.GetUserAsync(context.User) is { } user && user.Language != culture)
            {
                user.SetProfile(user.DisplayName, user.Mobile, culture);
                await users.UpdateAsync(user);
            }
            return Results.LocalRedirect(IsLocal(redirectUri) ? redirectUri! : "~/");
        });
        return app;
    }

    public static void SetCookie(HttpContext context, string culture) =>
        context.Response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName,
            CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
            new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), HttpOnly = true, SameSite = SameSiteMode.Lax, IsEssential = true });

    public static string Current => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "de" ? "de" : "en";

    /// <summary>A same-site path such as "/admin/users" (never "//host" or "/\\host", which browsers treat as other sites).</summary>
    public static bool IsLocal(string? url) =>
        !string.IsNullOrEmpty(url) && url.StartsWith('/') && !url.StartsWith("//") && !url.StartsWith("/\\");
}
