namespace LiveCall.Core.Data;

public sealed class DatabaseOptions
{
    public const string Section = "Database";

    /// <summary>Path of the SQLite file. Default: App_Data/livecall.db under the app's content root.</summary>
    public string? Path { get; set; }

    /// <summary>The file's absolute path, relative ones taken from <paramref name="contentRoot"/>.</summary>
    public string FullPath(string contentRoot) => string.IsNullOrWhiteSpace(Path)
        ? System.IO.Path.Combine(contentRoot, "App_Data", "livecall.db")
        : System.IO.Path.GetFullPath(Path, contentRoot);
}
