using System.Diagnostics;
using System.Net;
using System.Net.WebSockets;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.AspNetCore.SignalR.Protocol;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace LiveCall.Tests.Support.Circuits;

/// <summary>
/// A real Blazor Server circuit without a browser, as blazor.web.js opens one: the pre-rendered page is fetched with
/// the user's cookies, /_blazor is opened over WebSockets with the "blazorpack" protocol, StartCircuit is invoked, the
/// page's root components are added with UpdateRootComponents once the server has attached its renderer, every
/// JS.RenderBatch is acknowledged with OnRenderCompleted and every JS call answered. Nothing of the page is kept but
/// the watched texts and when each first appeared in a batch, so that a bench can hold thousands of these.
/// </summary>
public sealed class HeadlessCircuit : IAsyncDisposable
{
    private const string AttachRenderer = "Blazor._internal.attachWebRendererInterop";

    private readonly HubConnection _connection;
    private readonly HeadlessCircuitOptions _options;
    private readonly Uri _baseAddress;
    private readonly CookieContainer _cookies;
    private readonly TextWatches _watches = new();
    private readonly HashSet<string> _jsIdentifiers = [];
    private readonly TaskCompletionSource _rendererAttached = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<long> _firstBatch = new(TaskCreationOptions.RunContinuationsAsynchronously);
    /// <summary>Why nothing more will come: the server reported an error (JS.Error) or the connection closed.</summary>
    private readonly TaskCompletionSource<Exception> _ended = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private string? _secret;
    private long _nextJsObjectId = 1;
    private int _renderBatches;
    private int _acknowledged;
    private int _jsCalls;

    private HeadlessCircuit(Uri baseAddress, CookieContainer cookies, HeadlessCircuitOptions options)
    {
        _baseAddress = baseAddress;
        _cookies = cookies;
        _options = options;
        foreach (var text in options.Watch) Watch(text);
        foreach (var (name, value) in options.WatchAttributes) WatchAttribute(name, value);
        _connection = Connect(baseAddress, options.From, cookies);
        _connection.On<long, byte[]>("JS.RenderBatch", OnRenderBatchAsync);
        // .NET 10 sends (asyncHandle, identifier, argsJson, resultType, targetInstanceId, callType).
        _connection.On("JS.BeginInvokeJS", [typeof(long), typeof(string), typeof(string), typeof(int), typeof(long), typeof(int)],
            args => OnBeginInvokeJSAsync((long)args[0]!, (string)args[1]!, (int)args[3]!));
        _connection.On<string>("JS.Error", error => End(new InvalidOperationException($"The server reported a circuit error: {error}")));
        _connection.On<int, string>("JS.AttachComponent", (_, _) => { });
        _connection.On<long>("JS.EndUpdateRootComponents", _ => { });
        _connection.On<string, bool, string>("JS.EndInvokeDotNet", (_, _, _) => { });
        _connection.Closed += error =>
        {
            End(new InvalidOperationException("The circuit's connection closed.", error));
            return Task.CompletedTask;
        };
    }

    /// <summary>Render batches received so far.</summary>
    public int RenderBatches => Volatile.Read(ref _renderBatches);

    /// <summary>Render batches acknowledged to the server (OnRenderCompleted sent).</summary>
    public int Acknowledged => Volatile.Read(ref _acknowledged);

    /// <summary>JS calls the server made (each answered where it asked for an answer).</summary>
    public int JsCalls => Volatile.Read(ref _jsCalls);

    /// <summary>The distinct JS functions the server called (a handful per page), to see what a page's scripts are asked.</summary>
    public IReadOnlyList<string> JsIdentifiers
    {
        get { lock (_jsIdentifiers) return [.. _jsIdentifiers]; }
    }

    /// <summary>From the start of <see cref="OpenAsync"/> to the first render batch.</summary>
    public TimeSpan ConnectTime { get; private set; }

    /// <summary>Completes, with the reason, when the server reported an error or the connection closed.</summary>
    public Task<Exception> Ended => _ended.Task;

    /// <summary>Opens the circuit of the page at <paramref name="path"/> as the user of <paramref name="cookies"/>.</summary>
    public static async Task<HeadlessCircuit> OpenAsync(Uri baseAddress, string path, CookieContainer cookies,
        HeadlessCircuitOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new HeadlessCircuitOptions();
        var started = Stopwatch.GetTimestamp();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.OpenTimeout);
        var address = new Uri(baseAddress, path);
        var page = CircuitPage.Parse(await GetPageAsync(address, options.From, cookies, timeout.Token));
        if (page.Markers.Count == 0) throw new InvalidOperationException($"{path} has no interactive server component to start a circuit for.");

        var circuit = new HeadlessCircuit(baseAddress, cookies, options);
        try
        {
            await circuit.StartAsync(address, page, timeout.Token);
            circuit.ConnectTime = Stopwatch.GetElapsedTime(started, await circuit._firstBatch.Task);
            return circuit;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            await circuit.DisposeAsync();
            throw new TimeoutException($"The circuit of {path} did not render within {options.OpenTimeout.TotalSeconds:0.#} s ({circuit.Describe()}).");
        }
        catch
        {
            await circuit.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Looks for <paramref name="text"/> in the texts (text, markup, attribute values) of every render batch from now
    /// on; a text that appeared before it was watched is not seen, so watch before the event (or in
    /// <see cref="HeadlessCircuitOptions.Watch"/>).
    /// </summary>
    public void Watch(string text) => _watches.SeenAsync(null, text);

    /// <summary>Like <see cref="Watch"/>, for an attribute set to exactly <paramref name="value"/> (e.g. <c>data-ready</c> = <c>true</c>).</summary>
    public void WatchAttribute(string name, string value) => _watches.SeenAsync(name, value);

    /// <summary>When (<see cref="Stopwatch.GetTimestamp"/>) the batch that first had the watched <paramref name="text"/> arrived, or null.</summary>
    public long? SeenAt(string text) => _watches.SeenAt(null, text);

    /// <summary>Whether a render batch had the watched <paramref name="text"/>.</summary>
    public bool ContainsText(string text) => SeenAt(text) is not null;

    /// <summary>Watches <paramref name="text"/> (if not yet) and waits until a render batch has it; returns when it arrived.</summary>
    public Task<long> WaitForTextAsync(string text, TimeSpan timeout, CancellationToken cancellationToken = default) =>
        WaitAsync(null, text, timeout, cancellationToken);

    /// <summary>Watches the attribute <paramref name="name"/> = <paramref name="value"/> (if not yet) and waits until a render batch sets it.</summary>
    public Task<long> WaitForAttributeAsync(string name, string value, TimeSpan timeout, CancellationToken cancellationToken = default) =>
        WaitAsync(name, value, timeout, cancellationToken);

    /// <summary>
    /// Ends the circuit as a closed tab does: the disconnect beacon, so that the server disposes the circuit at once
    /// instead of keeping it for a reconnect (a beacon's answer is not read), then the connection.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            if (_secret is not null && !_ended.Task.IsCompleted)
            {
                using var http = new HttpClient(SourceAddress.Handler(_options.From, _cookies)) { Timeout = TimeSpan.FromSeconds(10) };
                using var form = new FormUrlEncodedContent([new KeyValuePair<string, string>("circuitId", _secret)]);
                using var response = await http.PostAsync(new Uri(_baseAddress, "_blazor/disconnect"), form);
            }
        }
        finally
        {
            await _connection.DisposeAsync();
        }
    }

    private static async Task<string> GetPageAsync(Uri address, IPAddress from, CookieContainer cookies, CancellationToken cancellationToken)
    {
        using var http = new HttpClient(SourceAddress.Handler(from, cookies));
        using var response = await http.GetAsync(address, cancellationToken);
        if (response.StatusCode != HttpStatusCode.OK)
            throw new InvalidOperationException($"GET {address.AbsolutePath} answered {(int)response.StatusCode} {response.Headers.Location}: not signed in?");
        return await response.Content.ReadAsStringAsync(cancellationToken);
    }

    private static HubConnection Connect(Uri baseAddress, IPAddress from, CookieContainer cookies)
    {
        var origin = baseAddress.GetLeftPart(UriPartial.Authority);
        var builder = new HubConnectionBuilder().WithUrl(new Uri(baseAddress, "_blazor"), HttpTransportType.WebSockets, o =>
        {
            // The negotiate request (as blazor.web.js makes it), then the WebSocket, both from the source address with the cookies.
            o.HttpMessageHandlerFactory = _ => SourceAddress.Handler(from, cookies);
            o.Headers["Origin"] = origin;
            o.WebSocketFactory = async (context, ct) =>
            {
                var socket = new ClientWebSocket();
                socket.Options.SetRequestHeader("Origin", origin);
                await SourceAddress.ConnectAsync(socket, context.Uri, from, cookies, ct);
                return socket;
            };
        });
        builder.Services.RemoveAll<IHubProtocol>();
        builder.Services.AddSingleton<IHubProtocol>(new BlazorPackProtocol());
        return builder.Build();
    }

    private async Task StartAsync(Uri address, CircuitPage page, CancellationToken cancellationToken)
    {
        await _connection.StartAsync(cancellationToken);
        // blazor.web.js starts with no components ("[]"), then adds the page's once the server attached its renderer.
        _secret = await _connection.InvokeAsync<string?>("StartCircuit", _baseAddress.ToString(), address.ToString(), "[]",
            page.ApplicationState, cancellationToken);
        if (_secret is null) throw new InvalidOperationException($"The server refused to start the circuit ({Describe()}).");
        await UntilAsync(_rendererAttached.Task, cancellationToken);
        await _connection.SendAsync("UpdateRootComponents", page.AddOperations(), page.ApplicationState, cancellationToken);
        await UntilAsync(_firstBatch.Task, cancellationToken);
    }

    private async Task UntilAsync(Task signal, CancellationToken cancellationToken)
    {
        var first = await Task.WhenAny(signal, _ended.Task, Task.Delay(Timeout.Infinite, cancellationToken));
        if (first == _ended.Task) throw await _ended.Task;
        await first;
    }

    private async Task OnRenderBatchAsync(long batchId, byte[] batch)
    {
        var arrived = Stopwatch.GetTimestamp();
        Interlocked.Increment(ref _renderBatches);
        string? error = null;
        try
        {
            _watches.Scan(batch, arrived);
        }
        catch (InvalidDataException e)
        {
            error = e.Message; // told to the server as a browser tells a failed render
        }
        _firstBatch.TrySetResult(arrived);
        await _connection.SendAsync("OnRenderCompleted", batchId, error);
        Interlocked.Increment(ref _acknowledged);
    }

    /// <summary>Answers as blazor.web.js would after running the call: a value where one is asked for, nothing for fire-and-forget calls.</summary>
    private async Task OnBeginInvokeJSAsync(long asyncHandle, string identifier, int resultType)
    {
        Interlocked.Increment(ref _jsCalls);
        lock (_jsIdentifiers) _jsIdentifiers.Add(identifier);
        if (identifier == AttachRenderer) _rendererAttached.TrySetResult();
        if (asyncHandle == 0) return;
        // JSCallResultType: 0 default (a value), 1 a JS object reference, 2 a JS stream reference, 3 void.
        var (succeeded, result) = resultType switch
        {
            0 => (true, _options.JsResults.GetValueOrDefault(identifier, "null")),
            1 => (true, $"{{\"__jsObjectId\":{Interlocked.Increment(ref _nextJsObjectId) - 1}}}"),
            3 => (true, "null"),
            _ => (false, "\"A headless circuit has no JS streams.\""),
        };
        await _connection.SendAsync("EndInvokeJSFromDotNet", asyncHandle, succeeded, $"[{asyncHandle},{(succeeded ? "true" : "false")},{result}]");
    }

    private void End(Exception reason) => _ended.TrySetResult(reason);

    private async Task<long> WaitAsync(string? attribute, string text, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var seen = _watches.SeenAsync(attribute, text);
        var what = attribute is null ? $"\"{text}\"" : $"{attribute}=\"{text}\"";
        var first = await Task.WhenAny(seen, _ended.Task, Task.Delay(timeout, cancellationToken));
        if (first == seen) return await seen;
        if (first == _ended.Task) throw new InvalidOperationException($"Waiting for {what}: {Describe()}", await _ended.Task);
        cancellationToken.ThrowIfCancellationRequested();
        throw new TimeoutException($"Waited {timeout.TotalSeconds:0.#} s for {what} in the circuit's render batches ({Describe()}).");
    }

    private string Describe()
    {
        var ended = _ended.Task.IsCompleted ? _ended.Task.Result : null;
        return $"{RenderBatches} render batches, {Acknowledged} acknowledged, {JsCalls} JS calls"
            + (ended is null ? ", still connected" : $", ended: {ended.Message}" + (ended.InnerException is { } inner ? $" ({inner.Message})" : ""));
    }
}
