namespace LiveCall.Bench.Outbox;

/// <summary>One measured scenario: throughput over the whole run and the per-message latency to the stand-in.</summary>
public sealed record OutboxRun(string Name, int Messages, TimeSpan Elapsed, Timings Latency, string Note = "")
{
    public double PerSecond => Messages / Elapsed.TotalSeconds;
}
