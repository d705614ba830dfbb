using LiveCall.Core.Calls;

namespace LiveCall.Core.Statistics;

/// <summary>Filters of the call list and its CSV export. Dates are inclusive local days of the viewer.</summary>
public sealed record CallQuery(
    DateTime? FromUtc = null,
    DateTime? ToUtc = null,
    Guid? DealerId = null,
    Guid? LocationId = null,
    string? SellerId = null,
    CallState? State = null,
    CallKind? Kind = null);

public sealed record CallRow(
    Guid Id, CallKind Kind, CallState State, string DealerName, string LocationName, string? SellerName,
    DateTime CreatedUtc, DateTime? AcceptedUtc, TimeSpan? Duration, int Participants);
