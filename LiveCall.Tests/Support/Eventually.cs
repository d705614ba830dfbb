namespace LiveCall.Tests.Support;

/// <summary>
/// Waiting on what a test does not drive: a child process, a browser, a background service's own thread. Service tests
/// do not need this (they move the fake clock and call the sweep themselves). Wait on a signal where one exists (a
/// process's output line or exit, a stand-in's request, a TaskCompletionSource); poll a state only where nothing
/// signals (a row another process or thread writes), and then briefly, with a deadline.
/// </summary>
public static class Eventually
{
    /// <summary>
    /// Awaits <paramref name="signal"/>; after <paramref name="deadline"/> fails naming <paramref name="what"/>, and at once
    /// if <paramref name="givenUp"/> completes first (a child process that exited will never send it).
    /// </summary>
    public static async Task SignalAsync(Task signal, TimeSpan deadline, string what, Task? givenUp = null)
    {
        var first = await Task.WhenAny(signal, givenUp ?? Task.Delay(Timeout.Infinite), Task.Delay(deadline));
        if (first == signal)
        {
            await signal;
            return;
        }
        throw new TimeoutException(first == givenUp ? $"Gave up waiting for {what}: it can no longer happen." : $"Waited {deadline.TotalSeconds:0.#} s for {what}.");
    }

    /// <inheritdoc cref="SignalAsync(Task, TimeSpan, string, Task)"/>
    public static async Task<T> SignalAsync<T>(Task<T> signal, TimeSpan deadline, string what, Task? givenUp = null)
    {
        await SignalAsync((Task)signal, deadline, what, givenUp);
        return await signal;
    }

    /// <summary>
    /// Only where nothing signals: reads the state every 50 ms until <paramref name="done"/> holds or
    /// <paramref name="deadline"/> passes, and returns the last state read (the test's assertions judge it).
    /// </summary>
    public static async Task<T> PollAsync<T>(Func<Task<T>> read, Func<T, bool> done, TimeSpan deadline)
    {
        var until = DateTime.UtcNow + deadline;
        var state = await read();
        while (!done(state) && DateTime.UtcNow < until)
        {
            await Task.Delay(50);
            state = await read();
        }
        return state;
    }
}
