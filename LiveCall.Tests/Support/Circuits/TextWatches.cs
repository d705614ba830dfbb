using System.Text;

namespace LiveCall.Tests.Support.Circuits;

/// <summary>
/// The few texts (and attribute values) a <see cref="HeadlessCircuit"/> looks for in every render batch, each with the
/// <see cref="System.Diagnostics.Stopwatch.GetTimestamp"/> of the batch it first arrived in. Safe across threads: batches
/// are scanned on the connection's thread while a test or the bench adds and waits.
/// </summary>
internal sealed class TextWatches
{
    private readonly List<Watch> _watches = [];

    /// <summary>When <paramref name="text"/> (the value of <paramref name="attribute"/>, where given) is first seen; added if new.</summary>
    public Task<long> SeenAsync(string? attribute, string text)
    {
        lock (_watches)
        {
            var watch = Find(attribute, text);
            if (watch is null) _watches.Add(watch = new Watch(attribute, text));
            return watch.Seen.Task;
        }
    }

    /// <summary>The watched text's first arrival, or null (also when it is not watched).</summary>
    public long? SeenAt(string? attribute, string text)
    {
        lock (_watches)
        {
            var seen = Find(attribute, text)?.Seen.Task;
            return seen is { IsCompletedSuccessfully: true } ? seen.Result : null;
        }
    }

    public void Scan(byte[] batch, long arrived)
    {
        var texts = new RenderBatchTexts(batch);
        lock (_watches)
        {
            foreach (var watch in _watches)
            {
                if (watch.Seen.Task.IsCompleted) continue;
                var seen = watch.Name is null ? texts.Contains(watch.Utf8) : texts.HasAttribute(watch.Name, watch.Utf8);
                if (seen) watch.Seen.TrySetResult(arrived);
            }
        }
    }

    private Watch? Find(string? attribute, string text) => _watches.FirstOrDefault(w => w.Attribute == attribute && w.Text == text);

    private sealed class Watch(string? attribute, string text)
    {
        public string? Attribute { get; } = attribute;
        public byte[]? Name { get; } = attribute is null ? null : Encoding.UTF8.GetBytes(attribute);
        public string Text { get; } = text;
        public byte[] Utf8 { get; } = Encoding.UTF8.GetBytes(text);
        public TaskCompletionSource<long> Seen { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
