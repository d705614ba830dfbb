using LiveCall.Core.Tenancy;

namespace LiveCall.Tests.Support;

/// <summary>
/// Dealer A is the seeded "Demo Motors" (Downtown and Airport); dealer B, "Other Cars" with its location Vienna and seller
/// Bea, is made through the admin services (see <see cref="TestData.TwoDealersAsync"/>).
/// </summary>
public sealed record TwoDealers(
    TenantScope Platform, TenantScope AdminA, TenantScope LocationAdminA, TenantScope SellerA,
    Guid DealerA, Guid DowntownA, Guid AirportA, Guid DealerB, Guid LocationB, string SellerBId);
