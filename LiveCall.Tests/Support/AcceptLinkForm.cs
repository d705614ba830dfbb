using System.Net;
using System.Text.RegularExpressions;

namespace LiveCall.Tests.Support;

/// <summary>The accept link's page (<c>/r/{token}</c>) over HTTP: its HTML, and its form posted as its buttons post it.</summary>
public static partial class AcceptLinkForm
{
    /// <summary>Opens the link's page and taps "Accept" (posts to <paramref name="postTo"/> instead, for a tampered token).</summary>
    public static async Task<(HttpResponseMessage Response, string Body)> AcceptAsync(StaffHttpClient browser, string token, string? postTo = null)
    {
        var page = await browser.Http.GetStringAsync($"r/{token}");
        var response = await PostFormAsync(browser, $"r/{postTo ?? token}", page);
        return (response, await response.Content.ReadAsStringAsync());
    }

    /// <summary>The page's HTML whatever its status (a call that is over answers 410 Gone).</summary>
    public static async Task<string> PageAsync(StaffHttpClient browser, string path) => await (await browser.GetAsync(path)).Content.ReadAsStringAsync();

    /// <summary>
    /// Posts the link page's form as its buttons do, with the antiforgery token of an earlier <paramref name="page"/>:
    /// <paramref name="intent"/> is the button, <paramref name="tap"/> the mark the page's script sets on a person's tap.
    /// </summary>
    public static async Task<HttpResponseMessage> PostFormAsync(StaffHttpClient browser, string path, string page, string? intent = "accept", bool tap = true)
    {
        var token = AntiforgeryPattern().Match(page);
        Assert.True(token.Success, "the page has no form");
        var fields = new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups[1].Value),
            ["_handler"] = "ring-link",
            ["tap"] = tap ? "1" : "",
        };
        if (intent is not null) fields["intent"] = intent;
        return await browser.Http.PostAsync(path, new FormUrlEncodedContent(fields));
    }

    /// <summary>The page's main element (what differs between its states).</summary>
    public static string MainOf(string html) => MainPattern().Match(html).Value;

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryPattern();

    [GeneratedRegex("<main[^>]*>.*?</main>", RegexOptions.Singleline)]
    private static partial Regex MainPattern();
}
