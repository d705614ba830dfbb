using System.Net;
using System.Text.RegularExpressions;

namespace LiveCall.Tests.Support;

/// <summary>A cookie-keeping HTTP client that fills in the app's static server-rendered forms (login, passwords).</summary>
public sealed partial class StaffHttpClient : IDisposable
{
    private readonly HttpClient _http;

    public StaffHttpClient(Uri baseAddress)
    {
        Cookies = new CookieContainer();
        _http = new HttpClient(new HttpClientHandler { CookieContainer = Cookies, AllowAutoRedirect = false }) { BaseAddress = baseAddress };
    }

    public CookieContainer Cookies { get; }
    public HttpClient Http => _http;

    public Task<HttpResponseMessage> GetAsync(string path) => _http.GetAsync(path);

    /// <summary>Loads <paramref name="path"/>, takes its antiforgery token and posts the named form with <paramref name="fields"/>.</summary>
    public async Task<(HttpResponseMessage Response, string Body)> SubmitFormAsync(string path, string formName, IDictionary<string, string> fields)
    {
        var page = await _http.GetStringAsync(path);
        var token = TokenPattern().Match(page);
        if (!token.Success) throw new InvalidOperationException($"No antiforgery token on {path}");
        var content = new Dictionary<string, string>(fields)
        {
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups[1].Value),
            ["_handler"] = formName,
        };
        var response = await _http.PostAsync(path, new FormUrlEncodedContent(content));
        return (response, await response.Content.ReadAsStringAsync());
    }

    /// <summary>Posts <paramref name="fields"/> to <paramref name="action"/> with the antiforgery token of the page <paramref name="path"/> (a form in its layout).</summary>
    public async Task<HttpResponseMessage> PostFromPageAsync(string path, string action, IDictionary<string, string> fields)
    {
        var page = await _http.GetStringAsync(path);
        var token = TokenPattern().Match(page);
        if (!token.Success) throw new InvalidOperationException($"No antiforgery token on {path}");
        var content = new Dictionary<string, string>(fields) { ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups[1].Value) };
        return await _http.PostAsync(action, new FormUrlEncodedContent(content));
    }

    public async Task<(HttpResponseMessage Response, string Body)> LoginAsync(string email, string password) =>
        await SubmitFormAsync("account/login", "login", new Dictionary<string, string> { ["Input.Email"] = email, ["Input.Password"] = password });

    public void Dispose() => _http.Dispose();

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
