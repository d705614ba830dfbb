using System.Threading.RateLimiting;
using LiveCall.Core;
using Microsoft.Extensions.Options;

namespace LiveCall.App.Infrastructure;

/// <summary>Limits on public pages: password guessing, reset-mail spam and link guessing are slowed per client IP.</summary>
public static class RateLimitExtensions
{
    public static IHostApplicationBuilder AddRateLimits(this IHostApplicationBuilder builder)
    {
        builder.Services.AddValidatedOptions<RateLimitOptions>(RateLimitOptions.Section);
        builder.Services.AddSingleton<LinkFailureLimiter>();
        builder.Services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = async (context, cancellationToken) =>
            {
                context.HttpContext.Response.ContentType = "text/plain; charset=utf-8";
                context.HttpContext.Response.Headers.RetryAfter = "60";
                await context.HttpContext.Response.WriteAsync("Too many attempts from your network. Please wait a minute and try again.", cancellationToken);
            };
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
            {
                if (!HttpMethods.IsPost(context.Request.Method) || !context.Request.Path.StartsWithSegments("/account"))
                    return RateLimitPartition.GetNoLimiter("unlimited");
                var limit = context.RequestServices.GetRequiredService<IOptions<RateLimitOptions>>().Value.AccountPostsPerMinute;
                return RateLimitPartition.GetFixedWindowLimiter("account:" + ClientAddress.KeyOf(context), _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = limit,
                    Window = TimeSpan.FromMinutes(1),
                    QueueLimit = 0,
                });
            });
        });
        return builder;
    }
}
