using System.Buffers.Text;
using System.Text.Json;

namespace LiveCall.Tests.Support;

/// <summary>Reads the published test vectors in /work/shared/vectors (or LIVECALL_VECTORS).</summary>
public static class Vectors
{
    public static string Directory =>
        Environment.GetEnvironmentVariable("LIVECALL_VECTORS") is { Length: > 0 } dir ? dir : "/work/shared/vectors";

    public static JsonElement Load(string name) =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(Directory, name))).RootElement;

    public static string Text(this JsonElement e, string name) => e.GetProperty(name).GetString()!;

    public static byte[] B64Url(this JsonElement e, string name) => Base64Url.DecodeFromChars(e.Text(name));
}
