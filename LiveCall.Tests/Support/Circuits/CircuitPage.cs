using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace LiveCall.Tests.Support.Circuits;

/// <summary>
/// What blazor.web.js reads from a pre-rendered page before it opens a circuit: the <c>&lt;!--Blazor:{…}--&gt;</c>
/// markers of the interactive server components (in document order) and the
/// <c>&lt;!--Blazor-Server-Component-State:…--&gt;</c> comment of persisted state, if any.
/// </summary>
public sealed partial class CircuitPage
{
    private CircuitPage(List<string> markers, string applicationState)
    {
        Markers = markers;
        ApplicationState = applicationState;
    }

    /// <summary>The start markers' JSON, as the page has it (end markers, <c>{"prerenderId":…}</c>, are left out).</summary>
    public IReadOnlyList<string> Markers { get; }

    /// <summary>The protected persisted state, or "" (StartCircuit and the first UpdateRootComponents take it).</summary>
    public string ApplicationState { get; }

    public static CircuitPage Parse(string html)
    {
        var markers = new List<string>();
        foreach (Match match in MarkerPattern().Matches(html))
        {
            var json = match.Groups["json"].Value;
            using var marker = JsonDocument.Parse(json);
            if (marker.RootElement.TryGetProperty("type", out var type) && type.GetString() == "server"
                && marker.RootElement.TryGetProperty("descriptor", out _))
                markers.Add(json);
        }
        var state = StatePattern().Match(html);
        return new CircuitPage(markers, state.Success ? state.Groups["state"].Value : "");
    }

    /// <summary>
    /// The first UpdateRootComponents batch: one "add" per marker, ssrComponentId counting from 1, the marker as the page
    /// has it (the server checks its key and sequence against the protected descriptor), as WebRootComponentManager.ts
    /// sends it.
    /// </summary>
    public string AddOperations()
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteNumber("batchId", 1);
            json.WriteStartArray("operations");
            for (var i = 0; i < Markers.Count; i++)
            {
                json.WriteStartObject();
                json.WriteString("type", "add");
                json.WriteNumber("ssrComponentId", i + 1);
                json.WritePropertyName("marker");
                json.WriteRawValue(Markers[i]);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    [GeneratedRegex(@"<!--\s*Blazor:(?<json>\{.*?\})\s*-->", RegexOptions.Singleline)]
    private static partial Regex MarkerPattern();

    [GeneratedRegex(@"<!--\s*Blazor-Server-Component-State:(?<state>[a-zA-Z0-9+/=]+)\s*-->")]
    private static partial Regex StatePattern();
}
