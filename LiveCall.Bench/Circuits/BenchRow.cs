namespace LiveCall.Bench.Circuits;

/// <summary>One line of the circuits bench's table: a metric, its value, the baseline of the same run, the ratio and the target.</summary>
internal sealed record BenchRow(string Metric, double Value, double? Baseline, string Target)
{
    public double? Ratio => Baseline is > 0 ? Value / Baseline : null;
}
