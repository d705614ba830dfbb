using LiveCall.App.Calls.FollowUp;
using LiveCall.Core.Calls.Incoming;

namespace LiveCall.App.Calls.Incoming;

/// <summary>The customer's access to their own call: the same HttpOnly <c>livecall.call</c> cookie guests get.</summary>
public static class CustomerCookie
{
    public const string Name = GuestLinkEndpoints.CookieName;

    public static string? Read(HttpContext context) => context.Request.Cookies[Name];

    public static void Set(HttpContext context, string token) =>
        context.Response.Cookies.Append(Name, token, new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Lax,
            Secure = !context.RequestServices.GetRequiredService<IWebHostEnvironment>().IsDevelopment() || context.Request.IsHttps,
            Path = "/",
            MaxAge = IncomingCallService.CustomerAccessLifetime,
            IsEssential = true,
        });
}
