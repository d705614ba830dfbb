using LiveCall.Core.Data;
using LiveCall.Core;
using LiveCall.Core.Users;
using LiveCall.Core.Secrets;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.Identity;

namespace LiveCall.App.Account;

public static class AccountExtensions
{
    public static IHostApplicationBuilder AddAccounts(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddValidatedOptions<AccountOptions>(AccountOptions.Section);

        services.AddIdentityCore<StaffUser>(o =>
            {
                o.User.RequireUniqueEmail = true;
                o.Password.RequiredLength = PasswordRules.MinLength;
                o.Password.RequireDigit = true;
                o.Password.RequireLowercase = true;
                o.Password.RequireUppercase = true;
                o.Password.RequireNonAlphanumeric = true;
                o.Password.RequiredUniqueChars = 1;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                o.Lockout.AllowedForNewUsers = true;
                o.SignIn.RequireConfirmedAccount = true; // "confirmed" = active, see ActiveUserConfirmation
                o.Tokens.PasswordResetTokenProvider = AccountLinkTokenProvider.ProviderName;
            })
            .AddEntityFrameworkStores<LiveCallDbContext>()
            .AddSignInManager()
            .AddTokenProvider<AccountLinkTokenProvider>(AccountLinkTokenProvider.ProviderName)
            .AddClaimsPrincipalFactory<StaffClaimsPrincipalFactory>();
        services.AddScoped<IUserConfirmation<StaffUser>, ActiveUserConfirmation>();

        services.AddAuthentication(IdentityConstants.ApplicationScheme).AddIdentityCookies();
        services.ConfigureApplicationCookie(o =>
        {
            o.LoginPath = "/account/login";
            o.LogoutPath = "/account/logout";
            o.AccessDeniedPath = "/account/access-denied";
            o.Cookie.Name = "livecall.auth";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.SecurePolicy = builder.Environment.IsDevelopment() ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
            o.ExpireTimeSpan = TimeSpan.FromHours(12);
            o.SlidingExpiration = true;
        });
        // Every request re-checks the security stamp: a deactivated user is out at the next click.
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.Zero);
        services.AddAuthorization(o =>
        {
            o.AddPolicy(Policies.Admin, p => p.RequireRole(nameof(StaffRole.LocationAdmin), nameof(StaffRole.DealerAdmin), nameof(StaffRole.PlatformAdmin)));
            o.AddPolicy(Policies.PlatformAdmin, p => p.RequireRole(nameof(StaffRole.PlatformAdmin)));
        });
        services.AddCascadingAuthenticationState();
        services.AddScoped<AuthenticationStateProvider, StaffAuthenticationStateProvider>();
        services.AddSingleton<CircuitSessionCheck>();
        services.AddHostedService(sp => sp.GetRequiredService<CircuitSessionCheck>());

        // The key ring lives in the database, its master keys sealed with the key file (Secrets:KeyFile), which does not.
        services.AddDataProtection().PersistKeysToDbContext<LiveCallDbContext>().SetApplicationName("LiveCall");
        services.AddOptions<KeyManagementOptions>().Configure<AtRestKeys>((o, keys) => o.XmlEncryptor = new AtRestXmlEncryptor(keys));

        services.AddSingleton<AccountService>();
        services.AddSingleton<StaffSessions>();
        services.AddScoped<CurrentStaff>();
        return builder;
    }

    public static WebApplication MapAccounts(this WebApplication app)
    {
        app.MapPost("/account/logout", async (SignInManager<StaffUser> signIn, SellerDuty duty, HttpContext context) =>
        {
            // Logging out ends the seller's duty: no SMS reaches them at home.
            if (signIn.UserManager.GetUserId(context.User) is { } userId) await duty.EndAsync(userId, context.RequestAborted);
            await signIn.SignOutAsync();
            return Results.LocalRedirect("~/account/login");
        }).RequireAuthorization();
        return app;
    }
}
