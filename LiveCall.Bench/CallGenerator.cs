using LiveCall.Core.Calls;

namespace LiveCall.Bench;

/// <summary>One generated call; <see cref="Location"/> indexes the seeded locations.</summary>
public readonly record struct SeedCall(Guid Id, CallKind Kind, int Location, CallState State, DateTime CreatedUtc,
    DateTime? AcceptedUtc, int Seller, DateTime? ConnectedUtc, DateTime? EndedUtc);

/// <summary>
/// Two years of calls ending at "now": busier recent months, quiet Sundays, mostly local business hours;
/// 88% incoming (72% answered, 18% unanswered, 10% cancelled), 12% FollowUp; calls still running at "now" stay open.
/// </summary>
public static class CallGenerator
{
    private const int Days = 730;
    private static readonly TimeSpan RingTimeout = TimeSpan.FromSeconds(60);

    public static SeedCall[] Generate(IReadOnlyList<SeededLocation> locations, int rows, DateTimeOffset now, Random random)
    {
        var cumulative = new double[locations.Count];
        var total = 0.0;
        for (var i = 0; i < locations.Count; i++) cumulative[i] = total += locations[i].Weight;
        var todays = locations.Select(l => TimeZoneInfo.ConvertTime(now, l.Zone).Date).ToArray();

        var calls = new SeedCall[rows];
        var keys = new long[rows];
        for (var i = 0; i < rows; i++)
        {
            var location = Array.BinarySearch(cumulative, random.NextDouble() * total);
            if (location < 0) location = Math.Min(~location, locations.Count - 1);
            var created = CreatedUtc(locations[location].Zone, todays[location], now.UtcDateTime, random);
            calls[i] = Timeline(NewId(random), location, created, now.UtcDateTime, random);
            keys[i] = created.Ticks;
        }
        Array.Sort(keys, calls);
        return calls;
    }

    private static DateTime CreatedUtc(TimeZoneInfo zone, DateTime localToday, DateTime nowUtc, Random random)
    {
        while (true)
        {
            // Volume grows linearly to about 3.5x over the two years.
            var x = random.NextDouble();
            if (random.NextDouble() * 1.4 > 0.4 + x) continue;
            var day = localToday.AddDays((int)(x * Days) - (Days - 1));
            if (day.DayOfWeek == DayOfWeek.Sunday && random.NextDouble() > 0.25) continue;
            if (day.DayOfWeek == DayOfWeek.Saturday && random.NextDouble() > 0.7) continue;
            // Business hours 8-20 peaking mid-afternoon, plus a few calls at any hour.
            var hours = random.NextDouble() < 0.03 ? random.NextDouble() * 24 : 8 + 6 * (random.NextDouble() + random.NextDouble());
            var local = day.AddTicks((long)(hours * TimeSpan.TicksPerHour));
            if (zone.IsInvalidTime(local)) local = local.AddHours(1);
            var utc = TimeZoneInfo.ConvertTimeToUtc(local, zone);
            if (utc <= nowUtc) return utc;
        }
    }

    private static SeedCall Timeline(Guid id, int location, DateTime created, DateTime now, Random random)
    {
        DateTime? accepted = null, connected = null, ended;
        CallKind kind;
        CallState state;
        if (random.NextDouble() < 0.88)
        {
            kind = CallKind.Incoming;
            var outcome = random.NextDouble();
            if (outcome < 0.72)
            {
                accepted = created + Seconds(3 + 40 * random.NextDouble() * random.NextDouble());
                connected = accepted + Seconds(1 + 3 * random.NextDouble());
                ended = connected + Talk(random);
                state = CallState.Ended;
            }
            else if (outcome < 0.90) (ended, state) = (created + RingTimeout, CallState.Unanswered);
            else (ended, state) = (created + Seconds(3 + 50 * random.NextDouble()), CallState.Cancelled);
        }
        else
        {
            kind = CallKind.FollowUp;
            if (random.NextDouble() < 0.85)
            {
                connected = created + Seconds(10 + 600 * random.NextDouble());
                ended = connected + Talk(random);
            }
            else ended = created + TimeSpan.FromMinutes(30);
            state = CallState.Ended;
        }

        // Whatever lies after "now" has not happened yet.
        if (ended > now)
        {
            ended = null;
            if (accepted > now) accepted = null;
            if (connected > now) connected = null;
            state = connected is not null || accepted is not null ? CallState.Connected
                : kind == CallKind.Incoming ? CallState.Ringing : CallState.Waiting;
        }
        return new SeedCall(id, kind, location, state, created, accepted, random.Next(1, 6), connected, ended);
    }

    /// <summary>Log-normal talk time, median 6 minutes, clamped to 20 s .. 2 h.</summary>
    private static TimeSpan Talk(Random random)
    {
        var normal = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
        return Seconds(Math.Clamp(360 * Math.Exp(0.7 * normal), 20, 7200));
    }

    private static TimeSpan Seconds(double seconds) => TimeSpan.FromTicks((long)(seconds * TimeSpan.TicksPerSecond));

    private static Guid NewId(Random random)
    {
        Span<byte> bytes = stackalloc byte[16];
        random.NextBytes(bytes);
        bytes[7] = (byte)(bytes[7] & 0x0F | 0x40); // version 4, as Guid.NewGuid
        bytes[8] = (byte)(bytes[8] & 0x3F | 0x80);
        return new Guid(bytes);
    }
}
