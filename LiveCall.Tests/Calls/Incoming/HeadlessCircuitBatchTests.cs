using System.Text;
using LiveCall.Tests.Support.Circuits;

namespace LiveCall.Tests.Calls.Incoming;

/// <summary>The headless circuit's reading of a render batch and of a page's markers, on hand-made input.</summary>
public sealed class HeadlessCircuitBatchTests
{
    [Fact]
    public void Texts_AreTheTextMarkupAndStringAttributeFrames_NotElementNamesOrEventHandlers()
    {
        // Frames: element "div", attribute class="lc-ring-toast", attribute onclick (an event handler: no string), text, markup.
        var batch = Batch(["div", "class", "lc-ring-toast", "onclick", "Clara Kunde", "<b>Accept</b>"],
            (1, 0, 0), (3, 1, 2), (3, 3, -1), (2, 4, 0), (8, 5, 0));

        var texts = new RenderBatchTexts(batch);

        Assert.Equal(["class=lc-ring-toast", "Clara Kunde", "<b>Accept</b>"], texts.Decode());
        Assert.True(texts.Contains("Kunde"u8));
        Assert.True(texts.Contains("Accept"u8));
        Assert.False(texts.Contains("div"u8));
        Assert.True(texts.HasAttribute("class"u8, "lc-ring-toast"u8));
        Assert.False(texts.HasAttribute("class"u8, "lc-ring"u8));
    }

    [Fact]
    public void ABatchWhoseOffsetsPointOutside_IsRefused()
    {
        var batch = Batch(["x"], (2, 0, 0));
        batch[^16] = 0xFF; // the reference frames' offset

        Assert.Throws<InvalidDataException>(() => new RenderBatchTexts(batch).Decode());
    }

    [Fact]
    public void Page_GivesTheServerStartMarkers_InOrder_AndTheirAddOperations()
    {
        const string html = """
            <html><head><!--Blazor:{"type":"server","prerenderId":"a","key":{"locationHash":"h1","formattedComponentKey":""},"sequence":0,"descriptor":"D0"}-->
            <title>t</title><!--Blazor:{"prerenderId":"a"}--></head>
            <body><!--Blazor:{"type":"server","prerenderId":"b","key":{"locationHash":"h2","formattedComponentKey":""},"sequence":1,"descriptor":"D1"}-->
            <main></main><!--Blazor:{"prerenderId":"b"}--><!--Blazor-Server-Component-State:c3RhdGU=--></body></html>
            """;

        var page = CircuitPage.Parse(html);

        Assert.Equal(2, page.Markers.Count);
        Assert.Equal("c3RhdGU=", page.ApplicationState);
        Assert.Equal(
            """{"batchId":1,"operations":[{"type":"add","ssrComponentId":1,"marker":""" + page.Markers[0] + """},{"type":"add","ssrComponentId":2,"marker":""" + page.Markers[1] + "}]}",
            page.AddOperations());
        Assert.Contains("\"descriptor\":\"D1\"", page.Markers[1]);
    }

    /// <summary>A render batch as RenderBatchWriter lays it out: no diffs or disposals, the given frames (type, int at +4, int at +8) and strings.</summary>
    private static byte[] Batch(string[] strings, params (int Type, int At4, int At8)[] frames)
    {
        using var buffer = new MemoryStream();
        using var writer = new BinaryWriter(buffer, Encoding.UTF8);
        var updated = (int)buffer.Position;
        writer.Write(0);
        var referenceFrames = (int)buffer.Position;
        writer.Write(frames.Length);
        foreach (var (type, at4, at8) in frames)
        {
            writer.Write(type);
            writer.Write(at4);
            writer.Write(at8);
            writer.Write(0L);
        }
        var disposedComponents = (int)buffer.Position;
        writer.Write(0);
        var disposedHandlers = (int)buffer.Position;
        writer.Write(0);
        var positions = new List<int>();
        foreach (var text in strings)
        {
            positions.Add((int)buffer.Position);
            writer.Write(text);
        }
        var stringTable = (int)buffer.Position;
        foreach (var position in positions) writer.Write(position);
        foreach (var offset in new[] { updated, referenceFrames, disposedComponents, disposedHandlers, stringTable }) writer.Write(offset);
        writer.Flush();
        return buffer.ToArray();
    }
}
