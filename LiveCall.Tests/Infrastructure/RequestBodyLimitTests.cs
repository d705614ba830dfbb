using System.Net;
using System.Text;
using System.Text.Json;
using LiveCall.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace LiveCall.Tests.Infrastructure;

/// <summary>A JSON endpoint reads at most its limit, also when the body comes chunked (no Content-Length to check).</summary>
public sealed class RequestBodyLimitTests(LiveCallAppFactory app) : IClassFixture<LiveCallAppFactory>
{
    [Fact]
    public async Task StartVideoCall_WithAChunkedBodyOverTheLimit_Returns413_AndNoCallIsStored()
    {
        int before;
        await using (var db = await app.DbAsync()) before = await db.Calls.CountAsync();
        using var customer = app.Customer();
        using var request = ChunkedStart("Chunky", paddingBytes: 200 * 1024);

        var response = await customer.SendAsync(request);

        Assert.Null(request.Content!.Headers.ContentLength);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        await using (var db = await app.DbAsync()) Assert.Equal(before, await db.Calls.CountAsync());
    }

    [Fact]
    public async Task StartVideoCall_WithAChunkedBodyUnderTheLimit_IsRead()
    {
        using var customer = app.Customer();
        using var request = ChunkedStart("Slim", paddingBytes: 8 * 1024);

        var response = await customer.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    /// <summary>"Start video call" with an extra field of <paramref name="paddingBytes"/>, sent chunked (no Content-Length).</summary>
    private static HttpRequestMessage ChunkedStart(string name, int paddingBytes)
    {
        var json = JsonSerializer.Serialize(new { name, privacyAccepted = true, padding = new string('x', paddingBytes) });
        var request = new HttpRequestMessage(HttpMethod.Post, $"api/incoming/{TestData.DemoDealer}/downtown/start")
        {
            Content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(json))) { Headers = { ContentType = new("application/json") } },
        };
        request.Headers.TransferEncodingChunked = true;
        return request;
    }
}
