namespace LiveCall.Bench;

/// <summary>One scenario's measured durations in milliseconds, summarised.</summary>
public sealed class Timings(string name)
{
    private readonly List<double> _milliseconds = [];

    public string Name { get; } = name;

    public void Add(TimeSpan elapsed) => _milliseconds.Add(elapsed.TotalMilliseconds);

    public int Count => _milliseconds.Count;
    public double Mean => _milliseconds.Average();
    public double Percentile(double p)
    {
        if (_milliseconds.Count == 0) return double.NaN;
        var sorted = _milliseconds.Order().ToArray();
        // Nearest-rank: the smallest value with at least p of the samples at or below it.
        return sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
    }
}
