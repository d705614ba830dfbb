using Microsoft.Extensions.Logging;

namespace LiveCall.Tests.Support;

/// <summary>
/// Every log line of every app the tests start (in-process hosts and child processes), appended to the file named by
/// <c>LIVECALL_TEST_LOG</c> (scripts/test.sh sets it), so that <c>LogScanTests</c> can read the whole run afterwards.
/// Also keeps the lines of this process in memory for a test that scans its own.
/// </summary>
public sealed class TestLog : ILoggerProvider
{
    private static readonly Lock Gate = new();
    private static readonly string? FilePath = Environment.GetEnvironmentVariable("LIVECALL_TEST_LOG");
    private static StreamWriter? _file;
    private readonly List<string> _lines = [];

    /// <summary>The provider the test hosts add; <see cref="Capture"/> gives one that also keeps its lines.</summary>
    public static TestLog Shared { get; } = new();

    public static TestLog Capture() => new();

    public IReadOnlyList<string> Lines
    {
        get { lock (_lines) return _lines.ToList(); }
    }

    public static void Append(string source, string line)
    {
        if (FilePath is null) return;
        lock (Gate)
        {
            if (_file is null)
            {
                Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(FilePath))!);
                _file = new StreamWriter(new FileStream(FilePath, FileMode.Append, FileAccess.Write, FileShare.ReadWrite)) { AutoFlush = true };
            }
            _file.WriteLine($"{source}: {line}");
        }
    }

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose() { }

    private void Write(string category, LogLevel level, string text)
    {
        var line = $"{level} {category}: {text}";
        if (!ReferenceEquals(this, Shared)) lock (_lines) _lines.Add(line);
        Append("app", line);
    }

    private sealed class Logger(TestLog log, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var text = formatter(state, exception);
            if (exception is not null) text += " " + exception;
            log.Write(category, logLevel, text);
        }
    }
}
