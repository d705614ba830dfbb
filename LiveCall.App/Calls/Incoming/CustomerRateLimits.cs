using System.Globalization;
using System.Threading.RateLimiting;
using LiveCall.Core;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace LiveCall.App.Calls.Incoming;

/// <summary>Per-IP rate limits of the public customer entry; a refusal is a 429 with a text in the visitor's language.</summary>
public static class CustomerRateLimits
{
    public const string Page = "customer-page";
    public const string Api = "customer-api";
    public const string Embed = "customer-embed";

    public static void AddPolicies(RateLimiterOptions options)
    {
        options.AddPolicy(Page, new PerIpPolicy(Page, o => o.PageRequestsPerMinute));
        options.AddPolicy(Api, new PerIpPolicy(Api, o => o.ApiRequestsPerMinute));
        options.AddPolicy(Embed, new PerIpPolicy(Embed, o => o.EmbedStatusPerMinute));
    }

    /// <summary>The "too many attempts" text in the request's language (runs before the localization middleware).</summary>
    public static async Task<string> TooManyTextAsync(HttpContext context)
    {
        var options = context.RequestServices.GetRequiredService<IOptions<RequestLocalizationOptions>>().Value;
        var culture = "en";
        foreach (var provider in options.RequestCultureProviders)
        {
            var result = await provider.DetermineProviderCultureResult(context);
            var match = result?.UICultures.Select(c => c.Value?[..Math.Min(2, c.Length)]).FirstOrDefault(c => c is "en" or "de");
            if (match is not null) { culture = match; break; }
        }
        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = new CultureInfo(culture);
        try
        {
            return context.RequestServices.GetRequiredService<IStringLocalizer<Ui>>()["Customer.TooMany"].Value;
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }

    private sealed class PerIpPolicy(string name, Func<CustomerOptions, int> permitsPerMinute) : IRateLimiterPolicy<string>
    {
        public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected { get; } = async (context, cancellationToken) =>
        {
            var response = context.HttpContext.Response;
            response.StatusCode = StatusCodes.Status429TooManyRequests;
            response.ContentType = "text/plain; charset=utf-8";
            response.Headers.RetryAfter = "60";
            if (name == Embed) response.Headers.AccessControlAllowOrigin = "*";
            await response.WriteAsync(await TooManyTextAsync(context.HttpContext), cancellationToken);
        };

        public RateLimitPartition<string> GetPartition(HttpContext httpContext)
        {
            var limit = permitsPerMinute(httpContext.RequestServices.GetRequiredService<IOptions<CustomerOptions>>().Value);
            return RateLimitPartition.GetFixedWindowLimiter($"{name}:{ClientAddress.KeyOf(httpContext)}", _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = limit,
                Window = TimeSpan.FromMinutes(1),
                QueueLimit = 0,
            });
        }
    }
}
