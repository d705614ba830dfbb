using LiveCall.Core.Data;
using LiveCall.Core.Notifications;
using LiveCall.Core.Notifications.Outbox;
using LiveCall.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace LiveCall.Tests.Notifications;

/// <summary>
/// A ring's SMS go into the outbox as one batch past the SMS guard: the same decisions as one SMS after the other, for the
/// same few reads whether the ring has 10 sellers with a mobile or 30 (the insert takes one statement per
/// <see cref="BulkInsert.ParametersPerStatement"/> parameters on top).
/// </summary>
public sealed class SmsBatchTests
{
    private static readonly Dictionary<string, string?> Limits = new()
    {
        ["SmsLimits:PerUserDaily"] = "6",
        ["SmsLimits:AllowedCountries:0"] = "DE",
    };

    /// <summary>A number twice (cooldown), one in a country not allowed, one that is no number, then more than the sender's cap.</summary>
    private static List<SmsRequest> Requests(Guid dealer, int count)
    {
        var numbers = new List<string> { "+4915112345600", "+4915112345600", "+436641234567", "+999" };
        for (var i = 1; numbers.Count < count; i++) numbers.Add($"+49151123456{i:D2}");
        return numbers.Select(n => new SmsRequest(n, "Join the call", OutboxPurpose.FollowUpInvitation, dealer, null, RequestedByUserId: "seller-1")).ToList();
    }

    private static async Task<(IReadOnlyList<SendRefusal> Refusals, long Reads)> EnqueueAsync(int count, bool batch)
    {
        await using var h = await ServiceHost.StartAsync(o => o.AddSettings(Limits));
        var dealer = (await h.Data.AddDealerAsync()).Id;
        var outbox = h.Get<NotificationOutbox>();
        var sql = h.Get<SqlCommandCounter>();
        var requests = Requests(dealer, count);
        var before = sql.Count;
        var results = new List<EnqueueResult>();
        if (batch) results.AddRange(await outbox.EnqueueSmsAsync(requests, default));
        else foreach (var request in requests) results.Add(await outbox.EnqueueSmsAsync(request, default));
        var commands = sql.Count - before;
        await using var db = await h.DbAsync();
        var columns = await db.Database.SqlQueryRaw<string>("SELECT name AS Value FROM pragma_table_info('Outbox')").CountAsync();
        var rowsPerStatement = BulkInsert.ParametersPerStatement / columns;
        var inserts = batch ? (count + rowsPerStatement - 1) / rowsPerStatement : count;
        return (results.Select(r => r.Refusal).ToList(), commands - inserts);
    }

    [Fact]
    public async Task ABatch_DecidesAsOneSmsAfterTheOther_WithTheSameReadsFor10AsFor30()
    {
        var oneByOne = await EnqueueAsync(10, batch: false);
        var batch = await EnqueueAsync(10, batch: true);
        var large = await EnqueueAsync(30, batch: true);

        Assert.Equal([SendRefusal.None, SendRefusal.Cooldown, SendRefusal.CountryNotAllowed, SendRefusal.InvalidNumber,
            SendRefusal.None, SendRefusal.None, SendRefusal.None, SendRefusal.None, SendRefusal.None, SendRefusal.UserDailyCap], oneByOne.Refusals);
        Assert.Equal(oneByOne.Refusals, batch.Refusals);
        Assert.Equal(Enumerable.Repeat(SendRefusal.UserDailyCap, 20), large.Refusals.Skip(10));
        Assert.Equal(batch.Reads, large.Reads);
        Assert.True(batch.Reads <= 3, $"a batch of SMS read {batch.Reads} times"); // cooldowns, daily caps, budgets
        Assert.Equal(3 * 10, oneByOne.Reads); // one by one, the same three reads for every SMS
    }
}
