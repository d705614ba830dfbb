using System.Collections.Concurrent;
using System.Security.Claims;
using LiveCall.Core;
using Microsoft.Extensions.Options;

namespace LiveCall.App.Infrastructure;

/// <summary>
/// The open circuits and signaling connections per user and per client address (IPv4 address, IPv6 /64), against the
/// caps of <see cref="ConnectionOptions"/>: <see cref="ConnectionLimits"/> takes and returns places, App.razor asks
/// <see cref="IsFull"/> before it renders an interactive page, so a person over the cap reads why instead of a page
/// that never comes alive.
/// </summary>
public sealed class ConnectionCounter(IOptions<ConnectionOptions> options)
{
    public enum Kind { Circuit, Signaling }

    private readonly ConcurrentDictionary<string, int> _open = new();

    /// <summary>Takes a place under every cap of this request's user and address; false (and nothing taken) when one is full.</summary>
    public bool TryOpen(HttpContext context, Kind kind, out IReadOnlyList<string> taken)
    {
        var places = new List<string>();
        foreach (var (key, cap) in Caps(context, kind))
        {
            if (_open.AddOrUpdate(key, 1, (_, n) => n + 1) > cap)
            {
                Release(key);
                Close(places);
                taken = [];
                return false;
            }
            places.Add(key);
        }
        taken = places;
        return true;
    }

    public void Close(IEnumerable<string> taken)
    {
        foreach (var key in taken) Release(key);
    }

    /// <summary>Whether one more connection of this kind from this request's user or address would be refused.</summary>
    public bool IsFull(HttpContext context, Kind kind) =>
        Caps(context, kind).Any(c => _open.TryGetValue(c.Key, out var n) && n >= c.Cap);

    private IEnumerable<(string Key, int Cap)> Caps(HttpContext context, Kind kind)
    {
        var o = options.Value;
        yield return ($"{kind}:addr:{ClientAddress.KeyOf(context)}", kind == Kind.Circuit ? o.CircuitsPerAddress : o.HubConnectionsPerAddress);
        if (context.User.FindFirstValue(ClaimTypes.NameIdentifier) is { } userId)
            yield return ($"{kind}:user:{userId}", kind == Kind.Circuit ? o.CircuitsPerUser : o.HubConnectionsPerUser);
    }

    private void Release(string key)
    {
        if (_open.AddOrUpdate(key, 0, (_, n) => n - 1) == 0) _open.TryRemove(new KeyValuePair<string, int>(key, 0));
    }
}
