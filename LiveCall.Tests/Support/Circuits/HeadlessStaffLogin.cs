using System.Net;
using System.Text.RegularExpressions;

namespace LiveCall.Tests.Support.Circuits;

/// <summary>Signs a staff user in through the app's login form over plain HTTP, for a <see cref="HeadlessCircuit"/>.</summary>
public static partial class HeadlessStaffLogin
{
    /// <summary>The cookies of a fresh session of <paramref name="email"/>, signed in from <paramref name="from"/> (loopback unless told).</summary>
    public static async Task<CookieContainer> SignInAsync(Uri baseAddress, string email, string password, IPAddress? from = null,
        CancellationToken cancellationToken = default)
    {
        var cookies = new CookieContainer();
        using var http = new HttpClient(SourceAddress.Handler(from ?? IPAddress.Loopback, cookies)) { BaseAddress = baseAddress };
        var form = await http.GetStringAsync("account/login", cancellationToken);
        var token = TokenPattern().Match(form);
        if (!token.Success) throw new InvalidOperationException("The login page has no antiforgery token.");
        using var fields = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Email"] = email,
            ["Input.Password"] = password,
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups[1].Value),
            ["_handler"] = "login",
        });
        using var response = await http.PostAsync("account/login", fields, cancellationToken);
        // Signed in, the form redirects (to the dashboard); refused, it shows itself again.
        if (response.StatusCode != HttpStatusCode.Redirect)
            throw new InvalidOperationException($"Signing in {email} answered {(int)response.StatusCode}, not a redirect: refused.");
        return cookies;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
