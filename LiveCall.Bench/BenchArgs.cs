namespace LiveCall.Bench;

/// <summary>Command-line settings: <c>--rows 1000000 --iterations 200 --warmup 20 --seed 7</c>.</summary>
public sealed record BenchArgs(int Rows = 1_000_000, int Iterations = 200, int Warmup = 20, int Seed = 7)
{
    public const int Dealers = 20;
    public const int LocationsPerDealer = 5;

    /// <summary>"Now": a Wednesday afternoon in Europe, morning in the Americas, night in Asia-Pacific; the data ends here.</summary>
    public static readonly DateTimeOffset Now = new(2026, 6, 17, 14, 30, 0, TimeSpan.Zero);

    public static BenchArgs Parse(string[] args)
    {
        var result = new BenchArgs();
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            var value = int.Parse(args[i + 1].Replace("_", ""), System.Globalization.CultureInfo.InvariantCulture);
            result = args[i] switch
            {
                "--rows" => result with { Rows = value },
                "--iterations" => result with { Iterations = value },
                "--warmup" => result with { Warmup = value },
                "--seed" => result with { Seed = value },
                _ => throw new ArgumentException($"Unknown option {args[i]}; use --rows, --iterations, --warmup or --seed."),
            };
        }
        return result;
    }
}
