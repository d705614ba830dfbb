using Microsoft.AspNetCore.Http.Metadata;

namespace LiveCall.App.Infrastructure;

/// <summary>
/// The one way an endpoint that reads a body says how much it reads: <see cref="WithBodyLimit{TBuilder}"/> puts the limit
/// on the endpoint, routing hands it to the server (IHttpMaxRequestBodySizeFeature), and the server stops reading there,
/// with or without a Content-Length (a chunked body included); the endpoint then answers 413, whether the body was bound
/// as a parameter or read by the handler, before anything was stored.
/// </summary>
public static class RequestBodyLimit
{
    public static TBuilder WithBodyLimit<TBuilder>(this TBuilder builder, long maxBytes) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new Limit(maxBytes)).AddEndpointFilter(async (context, next) =>
        {
            try
            {
                return await next(context);
            }
            catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
            {
                return TooLarge();
            }
        });

    private static IResult TooLarge() =>
        Results.Text("Request body too large.", "text/plain; charset=utf-8", statusCode: StatusCodes.Status413PayloadTooLarge);

    private sealed record Limit(long? MaxRequestBodySize) : IRequestSizeLimitMetadata;
}
