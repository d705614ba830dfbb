namespace LiveCall.Core.Data;

public sealed class DatabaseOptions
{
    /// <summary>Path of the SQLite file. Default: App_Data/livecall.db under the app's content root.</summary>
    public string? Path { get; set; }
}
