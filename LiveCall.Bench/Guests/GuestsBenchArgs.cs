using System.Globalization;

namespace LiveCall.Bench.Guests;

/// <summary><c>guests [--quick] [--valid N] [--strangers N] [--seconds S] [--json PATH]</c>: 500 guests for 60 s unless told.</summary>
public sealed record GuestsBenchArgs(int Valid, int Strangers, TimeSpan Baseline, TimeSpan Load, TimeSpan JoinEvery, TimeSpan AttemptEvery, string? Json)
{
    public static GuestsBenchArgs Parse(string[] args)
    {
        var quick = args.Contains("--quick");
        var valid = 50;
        var strangers = 450;
        var seconds = quick ? 20 : 60;
        string? json = null;
        for (var i = 0; i < args.Length - 1; i++)
        {
            switch (args[i])
            {
                case "--valid": valid = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
                case "--strangers": strangers = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
                case "--seconds": seconds = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
                case "--json": json = args[i + 1]; break;
            }
        }
        return new GuestsBenchArgs(valid, strangers, TimeSpan.FromSeconds(quick ? 10 : 20), TimeSpan.FromSeconds(seconds),
            TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(2), json);
    }
}
