using Microsoft.Extensions.Time.Testing;

namespace LiveCall.Tests.Support;

/// <summary>The app with a fake clock, shared by the tests of a class (each test starts its own calls).</summary>
public sealed class CallsFakeClockApp : IAsyncLifetime
{
    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));
    public LiveCallAppFactory App { get; private set; } = default!;

    public Task InitializeAsync()
    {
        App = new LiveCallAppFactory { Time = Time };
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await App.DisposeAsync();
}
