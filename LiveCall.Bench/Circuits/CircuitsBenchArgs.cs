using System.Globalization;

namespace LiveCall.Bench.Circuits;

/// <summary>
/// <c>circuits [--quick] [--sizes 2,20,200,2000] [--rounds N] [--idle SECONDS] [--json PATH]</c>. Quick (the suite runs it once, about
/// 90 s): 2, 20 and 200 dashboards, 6 rounds each. Full: 2, 20, 200 and 2,000 dashboards, 20 rounds each.
/// </summary>
public sealed record CircuitsBenchArgs(IReadOnlyList<int> Sizes, int Rounds, TimeSpan Idle, string? Json, bool Quick)
{
    public const int MaxSize = 20_000;

    public static CircuitsBenchArgs Parse(IReadOnlyList<string> args)
    {
        var quick = args.Contains("--quick");
        IReadOnlyList<int> sizes = quick ? [2, 20, 200] : [2, 20, 200, 2000];
        var rounds = quick ? 6 : 20;
        var idle = quick ? TimeSpan.FromSeconds(5) : TimeSpan.FromSeconds(10);
        string? json = null;
        for (var i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--quick":
                    break;
                case "--sizes" when i + 1 < args.Count:
                    sizes = [.. args[++i].Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture))];
                    break;
                case "--rounds" when i + 1 < args.Count:
                    rounds = int.Parse(args[++i], CultureInfo.InvariantCulture);
                    break;
                case "--idle" when i + 1 < args.Count:
                    idle = TimeSpan.FromSeconds(int.Parse(args[++i], CultureInfo.InvariantCulture));
                    break;
                case "--json" when i + 1 < args.Count:
                    json = args[++i];
                    break;
                default:
                    throw new ArgumentException($"circuits: unknown argument {args[i]} (--quick, --sizes 2,20,200, --rounds N, --idle SECONDS, --json PATH)");
            }
        }
        if (sizes.Count == 0 || sizes.Any(s => s is < 1 or > MaxSize)) throw new ArgumentException($"circuits: sizes from 1 to {MaxSize}");
        if (rounds < 1) throw new ArgumentException("circuits: at least one round");
        return new CircuitsBenchArgs(sizes, rounds, idle, json, quick);
    }
}
