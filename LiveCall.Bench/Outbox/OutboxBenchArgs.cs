namespace LiveCall.Bench.Outbox;

/// <summary>Settings of the outbox benchmark: <c>outbox --messages 2000 --raised-limit 10000</c>.</summary>
public sealed record OutboxBenchArgs(int Messages = 2000, int RaisedLimit = 10_000)
{
    public static OutboxBenchArgs Parse(string[] args)
    {
        var result = new OutboxBenchArgs();
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            var value = int.Parse(args[i + 1].Replace("_", ""), System.Globalization.CultureInfo.InvariantCulture);
            result = args[i] switch
            {
                "--messages" => result with { Messages = value },
                "--raised-limit" => result with { RaisedLimit = value },
                _ => throw new ArgumentException($"Unknown option {args[i]}; use --messages or --raised-limit."),
            };
        }
        return result;
    }
}
