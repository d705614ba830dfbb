namespace LiveCall.App.Calls.Signaling;

/// <summary>
/// Who sits in which live call on this server, by connection and by participant. A participant whose
/// connection drops keeps the place for <see cref="SignalingOptions.ReconnectGrace"/>; a reconnect
/// within that time takes it back without anyone noticing. Expired places are released by <see cref="CallDepartures"/>.
/// </summary>
public sealed class CallRoster(TimeProvider time)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Seat> _byConnection = new();
    private readonly Dictionary<Guid, Seat> _byParticipant = new();
    private readonly Dictionary<Guid, (Guid CallId, DateTimeOffset Deadline)> _leaving = new();

    /// <summary>Seats the participant on this connection; returns the seat it replaces on another connection, if any.</summary>
    public Seat? Take(Seat seat)
    {
        lock (_gate)
        {
            _leaving.Remove(seat.ParticipantId);
            _byParticipant.TryGetValue(seat.ParticipantId, out var previous);
            var stillOpen = previous is not null && previous.ConnectionId != seat.ConnectionId && _byConnection.Remove(previous.ConnectionId);
            if (previous is not null) seat.Media = previous.Media;
            _byConnection[seat.ConnectionId] = seat;
            _byParticipant[seat.ParticipantId] = seat;
            return stillOpen ? previous : null;
        }
    }

    public Seat? ByConnection(string connectionId)
    {
        lock (_gate) return _byConnection.GetValueOrDefault(connectionId);
    }

    public Seat? ByParticipant(Guid participantId)
    {
        lock (_gate) return _byParticipant.GetValueOrDefault(participantId);
    }

    public IReadOnlyList<Seat> InCall(Guid callId)
    {
        lock (_gate) return _byParticipant.Values.Where(s => s.CallId == callId).ToList();
    }

    /// <summary>Every participant seated here, including those inside their reconnect grace.</summary>
    public IReadOnlyList<Guid> SeatedParticipants()
    {
        lock (_gate) return _byParticipant.Keys.ToList();
    }

    /// <summary>Seats held here by staff (by login or accept link) on an open connection.</summary>
    public IReadOnlyList<Seat> StaffSeats()
    {
        lock (_gate) return _byConnection.Values.Where(s => s.Session is not null).ToList();
    }

    /// <summary>Leaves at once (hang up). Returns the seat that was released.</summary>
    public Seat? Release(string connectionId)
    {
        lock (_gate)
        {
            if (!_byConnection.Remove(connectionId, out var seat)) return null;
            _byParticipant.Remove(seat.ParticipantId);
            _leaving.Remove(seat.ParticipantId);
            return seat;
        }
    }

    /// <summary>The connection is gone: keep the place for <paramref name="grace"/>, then it counts as left.</summary>
    public void Disconnected(string connectionId, TimeSpan grace)
    {
        lock (_gate)
        {
            if (!_byConnection.Remove(connectionId, out var seat)) return;
            _leaving[seat.ParticipantId] = (seat.CallId, time.GetUtcNow() + grace);
        }
    }

    /// <summary>Places whose grace has run out; they are removed from the roster.</summary>
    public IReadOnlyList<Seat> TakeExpired()
    {
        lock (_gate)
        {
            var now = time.GetUtcNow();
            var expired = _leaving.Where(l => l.Value.Deadline <= now).Select(l => l.Key).ToList();
            var seats = new List<Seat>();
            foreach (var participantId in expired)
            {
                _leaving.Remove(participantId);
                if (_byParticipant.Remove(participantId, out var seat)) seats.Add(seat);
            }
            return seats;
        }
    }

    /// <summary>Closes the participant's signaling connection from the server side (the client reconnects).</summary>
    public bool Drop(Guid participantId)
    {
        var seat = ByParticipant(participantId);
        if (seat is null) return false;
        seat.Connection.Abort();
        return true;
    }
}
