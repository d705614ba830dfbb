using LiveCall.Core.Dealers;
using LiveCall.Core.Users;

namespace LiveCall.App.Admin;

public static class AdministrationExtensions
{
    /// <summary>Dealers, locations, users and branding (with the public logo endpoint).</summary>
    public static IHostApplicationBuilder AddAdministration(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<DealerAdminService>();
        builder.Services.AddSingleton<LocationAdminService>();
        builder.Services.AddSingleton<UserAdminService>();
        builder.Services.AddSingleton<BrandingService>();
        return builder;
    }

    public static WebApplication MapAdministration(this WebApplication app)
    {
        // Logos are public (customer pages, emails); the version in the URL makes them cacheable.
        app.MapGet("/branding/logo/{id:guid}", async (Guid id, BrandingService branding, CancellationToken cancellationToken) =>
            await branding.GetLogoAsync(id, cancellationToken) is { } logo
                ? Results.File(logo.Bytes, logo.ContentType)
                : Results.NotFound()).AllowAnonymous();
        return app;
    }
}
