using System.Net;
using LiveCall.Core;
using LiveCall.Core.Data;
using LiveCall.Core.Dealers;
using LiveCall.Core.Statistics;
using LiveCall.Core.Users;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace LiveCall.App.Infrastructure;

/// <summary><c>Bench:Enabled</c>: the bench's own endpoints (seeding, sign-in without a password, counters). Off unless set.</summary>
public sealed class BenchOptions
{
    public const string Section = "Bench";

    /// <summary>Maps <c>/_bench/*</c>, answered on loopback only. Never in a deployment: it signs anyone in.</summary>
    public bool Enabled { get; set; }
}

/// <summary>
/// What <c>LiveCall.Bench</c> needs from the app it measures, and nothing a deployment has: with <c>Bench:Enabled</c>
/// unset the routes do not exist. Seeds a dealer with L locations × S sellers in one transaction (thousands of accounts
/// without hashing a password each), signs a seeded user in (the cookie a login would give), and reads the counters the
/// bench sets next to its timings (SQL commands sent, dashboard computations).
/// </summary>
public static class BenchEndpoints
{
    public const int MaxLocations = 1_000;
    public const int MaxSellers = 20_000;

    public static IHostApplicationBuilder AddBench(this IHostApplicationBuilder builder)
    {
        builder.Services.AddValidatedOptions<BenchOptions>(BenchOptions.Section);
        return builder;
    }

    public static WebApplication MapBench(this WebApplication app)
    {
        if (!app.Services.GetRequiredService<IOptions<BenchOptions>>().Value.Enabled) return app;
        var bench = app.MapGroup("/_bench").AllowAnonymous().AddEndpointFilter(async (context, next) =>
            context.HttpContext.Connection.RemoteIpAddress is { } ip && IPAddress.IsLoopback(ip) ? await next(context) : Results.Problem(statusCode: 404, title: "Not found"));
        bench.MapPost("/seed", SeedAsync);
        bench.MapPost("/signin/{userId}", SignInAsync);
        bench.MapGet("/counters", (bool? gc, SqlCommandCounter sql, DashboardFeed feed) =>
        {
            // ?gc=true: the live managed heap after a full, compacting collection (what a circuit holds, not garbage).
            if (gc == true)
            {
                GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
                GC.WaitForPendingFinalizers();
            }
            return Results.Json(new BenchCounters(sql.Count, feed.Computations, GC.GetTotalMemory(forceFullCollection: gc == true)));
        });
        app.MapHub<BenchHub>(BenchHub.Path).AllowAnonymous();
        // The WebSocket echo baseline: Kestrel and the WebSocket, nothing of SignalR.
        var echo = ((IEndpointRouteBuilder)app).CreateApplicationBuilder();
        echo.UseWebSockets();
        echo.Run(EchoAsync);
        app.Map("/_bench/ws", echo.Build()).AllowAnonymous();
        return app;
    }

    private static async Task EchoAsync(HttpContext context)
    {
        if (context.Connection.RemoteIpAddress is not { } ip || !IPAddress.IsLoopback(ip) || !context.WebSockets.IsWebSocketRequest)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }
        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        var buffer = new byte[64 * 1024];
        while (socket.State == System.Net.WebSockets.WebSocketState.Open)
        {
            var read = await socket.ReceiveAsync(buffer, context.RequestAborted);
            if (read.MessageType == System.Net.WebSockets.WebSocketMessageType.Close)
            {
                await socket.CloseAsync(System.Net.WebSockets.WebSocketCloseStatus.NormalClosure, null, context.RequestAborted);
                break;
            }
            await socket.SendAsync(buffer.AsMemory(0, read.Count), read.MessageType, read.EndOfMessage, context.RequestAborted);
        }
    }

    /// <summary>Checked in <see cref="SeedAsync"/>: minimal APIs do not run DataAnnotations here.</summary>
    public sealed record SeedRequest(int Locations, int SellersPerLocation);

    public sealed record SeededLocation(Guid Id, string Slug, IReadOnlyList<string> SellerIds);

    public sealed record Seeded(Guid DealerId, string DealerSlug, IReadOnlyList<SeededLocation> Locations);

    public sealed record BenchCounters(long SqlCommands, long DashboardComputations, long ManagedHeapBytes);

    private static async Task<IResult> SeedAsync(SeedRequest request, Microsoft.EntityFrameworkCore.IDbContextFactory<LiveCallDbContext> dbFactory,
        ILookupNormalizer normalizer, TimeProvider time, CancellationToken cancellationToken)
    {
        if (request.Locations is < 1 or > MaxLocations || request.SellersPerLocation is < 1 or > MaxSellers)
            return Results.ValidationProblem(new Dictionary<string, string[]> { ["request"] = [$"1–{MaxLocations} locations, 1–{MaxSellers} sellers each"] });
        var now = time.GetUtcNow().UtcDateTime;
        var tag = Guid.NewGuid().ToString("N")[..8];
        var dealer = new Dealer($"Bench Motors {tag}", $"bench-{tag}", "DE", now);
        var locations = new List<SeededLocation>();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        db.Add(dealer);
        for (var l = 0; l < request.Locations; l++)
        {
            var location = new Location(dealer.Id, $"Location {l + 1}", $"l{l + 1}", "DE", "Europe/Berlin", OpeningHours.AlwaysOpen);
            db.Add(location);
            var sellers = new List<string>();
            for (var s = 0; s < request.SellersPerLocation; s++)
            {
                var user = StaffUser.Create($"s{s + 1}.l{l + 1}.{tag}@bench.test", $"Seller {s + 1}", StaffRole.Seller, dealer.Id, location.Id, now);
                user.NormalizedEmail = normalizer.NormalizeEmail(user.Email);
                user.NormalizedUserName = normalizer.NormalizeName(user.UserName);
                user.EmailConfirmed = true;
                user.SecurityStamp = Guid.NewGuid().ToString("N");
                db.Add(user);
                sellers.Add(user.Id);
            }
            locations.Add(new SeededLocation(location.Id, location.Slug, sellers));
        }
        await db.SaveChangesAsync(cancellationToken);
        return Results.Json(new Seeded(dealer.Id, dealer.Slug, locations));
    }

    /// <summary>The sign-in cookie of a seeded user, as the login form would set it (without the password).</summary>
    private static async Task<IResult> SignInAsync(string userId, SignInManager<StaffUser> signIn)
    {
        // With a body: an empty 404 would be re-executed as the app's "not found" page (and, as a POST, refused there).
        if (await signIn.UserManager.FindByIdAsync(userId) is not { } user) return Results.Problem(statusCode: 404, title: "No such user");
        await signIn.SignInAsync(user, isPersistent: false);
        return Results.NoContent();
    }
}
