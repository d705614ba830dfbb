using System.Buffers.Binary;
using System.Text;

namespace LiveCall.Tests.Support.Circuits;

/// <summary>
/// The texts a Blazor Server render batch puts on the page, read from its binary form as blazor.web.js reads it
/// (OutOfProcessRenderBatch.ts): the reference frames that are text, markup or an attribute with a string value, each
/// as the UTF-8 bytes of its string table entry. Nothing is decoded or kept, so a circuit can look for a few words in
/// every batch without holding a DOM.
/// </summary>
/// <remarks>
/// Layout: the batch ends with five little-endian int32 offsets (updated components, reference frames, disposed
/// component ids, disposed event handler ids, string table). The reference frames are an int32 count and 20-byte
/// entries (int32 frame type, then 16 bytes whose meaning depends on it: a text or markup frame's string index at +4,
/// an attribute's name at +4 and value at +8). The string table is an int32 position per string, each pointing at a
/// 7-bit-length-prefixed UTF-8 string (BinaryWriter's form); index -1 is null.
/// </remarks>
public readonly ref struct RenderBatchTexts(ReadOnlySpan<byte> batch)
{
    private const int TextFrame = 2;
    private const int AttributeFrame = 3;
    private const int MarkupFrame = 8;
    private const int FrameLength = 20;

    private readonly ReadOnlySpan<byte> _batch = batch;

    /// <summary>Whether any text, markup or attribute value of the batch contains <paramref name="utf8"/>.</summary>
    public bool Contains(ReadOnlySpan<byte> utf8)
    {
        foreach (var text in this)
        {
            if (text.Value.IndexOf(utf8) >= 0) return true;
        }
        return false;
    }

    /// <summary>Whether the batch sets the attribute <paramref name="name"/> to exactly <paramref name="value"/> (both UTF-8).</summary>
    public bool HasAttribute(ReadOnlySpan<byte> name, ReadOnlySpan<byte> value)
    {
        foreach (var text in this)
        {
            if (text.Name.SequenceEqual(name) && text.Value.SequenceEqual(value)) return true;
        }
        return false;
    }

    /// <summary>The texts decoded ("name=value" for attributes), for a failure message or a look at a page (allocates).</summary>
    public List<string> Decode()
    {
        var texts = new List<string>();
        foreach (var text in this)
            texts.Add(text.Name.IsEmpty ? Encoding.UTF8.GetString(text.Value) : $"{Encoding.UTF8.GetString(text.Name)}={Encoding.UTF8.GetString(text.Value)}");
        return texts;
    }

    /// <summary>One text of a batch: a text or markup frame's content (no name), or an attribute's name and string value.</summary>
    public readonly ref struct Text(ReadOnlySpan<byte> name, ReadOnlySpan<byte> value)
    {
        public ReadOnlySpan<byte> Name { get; } = name;
        public ReadOnlySpan<byte> Value { get; } = value;
    }

    public Enumerator GetEnumerator() => new(_batch);

    public ref struct Enumerator
    {
        private readonly ReadOnlySpan<byte> _batch;
        private readonly int _framesStart;
        private readonly int _frameCount;
        private readonly int _stringTable;
        private int _frame;

        internal Enumerator(ReadOnlySpan<byte> batch)
        {
            if (batch.Length < 20) throw new InvalidDataException($"A render batch of {batch.Length} bytes is too short.");
            _batch = batch;
            var frames = Int32At(batch.Length - 16);
            _frameCount = Int32At(frames);
            _framesStart = frames + 4;
            _stringTable = Int32At(batch.Length - 4);
            if (_frameCount < 0 || (long)_framesStart + (long)_frameCount * FrameLength > batch.Length)
                throw new InvalidDataException("The render batch's reference frames run past its end.");
            _frame = -1;
            Current = default;
        }

        public Text Current { get; private set; }

        public bool MoveNext()
        {
            while (++_frame < _frameCount)
            {
                var at = _framesStart + _frame * FrameLength;
                var type = Int32At(at);
                if (type is TextFrame or MarkupFrame && Int32At(at + 4) is >= 0 and var content)
                {
                    Current = new Text(default, StringAt(content));
                    return true;
                }
                if (type is AttributeFrame && Int32At(at + 8) is >= 0 and var value)
                {
                    Current = new Text(StringAt(Int32At(at + 4)), StringAt(value));
                    return true;
                }
            }
            return false;
        }

        private readonly ReadOnlySpan<byte> StringAt(int index)
        {
            var position = Int32At(_stringTable + index * 4);
            var length = 0;
            var shift = 0;
            byte b;
            do
            {
                if (position >= _batch.Length || shift > 28) throw new InvalidDataException("A render batch string's length is malformed.");
                b = _batch[position++];
                length |= (b & 0x7F) << shift;
                shift += 7;
            }
            while ((b & 0x80) != 0);
            if (length < 0 || position + length > _batch.Length) throw new InvalidDataException("A render batch string runs past its end.");
            return _batch.Slice(position, length);
        }

        private readonly int Int32At(int position)
        {
            if (position < 0 || position + 4 > _batch.Length) throw new InvalidDataException("A render batch offset points outside it.");
            return BinaryPrimitives.ReadInt32LittleEndian(_batch[position..]);
        }
    }
}
