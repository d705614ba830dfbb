using System.Security.Cryptography;
using Microsoft.AspNetCore.WebUtilities;

namespace LiveCall.App.Calls.Incoming;

/// <summary>
/// A random id for this browser (HttpOnly cookie <c>livecall.browser</c>), the customer limits' browser key: set at the first
/// "Start video call" and kept for a day. It carries nothing about the person; clearing it only leaves the other keys.
/// </summary>
public static class CustomerBrowser
{
    public const string Name = "livecall.browser";

    /// <summary>This browser's id, made and set now when it has none (or a malformed one).</summary>
    public static string Ensure(HttpContext context)
    {
        if (context.Request.Cookies[Name] is { Length: 22 } id && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_')) return id;
        id = WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(16));
        context.Response.Cookies.Append(Name, id, new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Lax,
            Secure = !context.RequestServices.GetRequiredService<IWebHostEnvironment>().IsDevelopment() || context.Request.IsHttps,
            Path = "/api/incoming",
            MaxAge = TimeSpan.FromDays(1),
            IsEssential = true,
        });
        return id;
    }
}
