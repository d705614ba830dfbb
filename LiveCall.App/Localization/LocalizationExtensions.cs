using System.Globalization;
using LiveCall.Core.Users;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;

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
        // A link into a language (the customer page, the embed button): sets the culture cookie and goes on. A GET changes
        // nothing else, so a link or an image on another site cannot rewrite anyone's profile.
        app.MapGet("/culture/set", (string? culture, string? redirectUri, HttpContext context) =>
        {
            SetCookie(context, Known(culture));
            return Results.LocalRedirect(IsLocal(redirectUri) ? redirectUri! : "~/");
        });
        // The staff language switch (a form with an antiforgery token): also remembers the choice in the user's profile,
        // which the texts of their SMS and email follow.
        app.MapPost("/culture/set", async ([FromForm] string? culture, [FromForm] string? redirectUri, HttpContext context, UserManager<StaffUser> users) =>
        {
            var chosen = Known(culture);
            SetCookie(context, chosen);
            if (context.User.Identity?.IsAuthenticated == true && await users.GetUserAsync(context.User) is { } user && user.Language != chosen)
            {
                user.SetProfile(user.DisplayName, user.Mobile, chosen);
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

    private static string Known(string? culture) => culture is not null && Cultures.Contains(culture) ? culture : "en";

    public static string Current => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "de" ? "de" : "en";

    /// <summary>A same-site path such as "/admin/users" (never "//host" or "/\\host", which browsers treat as other sites).</summary>
    public static bool IsLocal(string? url) =>
        !string.IsNullOrEmpty(url) && url.StartsWith('/') && !url.StartsWith("//") && !url.StartsWith("/\\");
}
