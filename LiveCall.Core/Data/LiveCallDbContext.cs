using LiveCall.Core.Dealers;
using LiveCall.Core.Notifications.Outbox;
using LiveCall.Core.Users;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace LiveCall.Core.Data;

public sealed class LiveCallDbContext(DbContextOptions<LiveCallDbContext> options)
    : IdentityDbContext<StaffUser>(options), IDataProtectionKeyContext
{
    public DbSet<Dealer> Dealers => Set<Dealer>();
    public DbSet<Location> Locations => Set<Location>();
    public DbSet<Branding> Brandings => Set<Branding>();
    public DbSet<OutboxMessage> Outbox => Set<OutboxMessage>();
    public DbSet<Calls.Call> Calls => Set<Calls.Call>();
    public DbSet<Calls.CallParticipant> CallParticipants => Set<Calls.CallParticipant>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
    public DbSet<StaffPresence> Presence => Set<StaffPresence>();
    public DbSet<StaffDuty> Duty => Set<StaffDuty>();
    public DbSet<Calls.Incoming.RingTarget> RingTargets => Set<Calls.Incoming.RingTarget>();
    public DbSet<Calls.Incoming.CallbackRequest> CallbackRequests => Set<Calls.Incoming.CallbackRequest>();
    public DbSet<Notifications.Push.PushSubscription> PushSubscriptions => Set<Notifications.Push.PushSubscription>();
    public DbSet<Notifications.Push.VapidKeyPair> VapidKeyPairs => Set<Notifications.Push.VapidKeyPair>();
    public DbSet<Notifications.Email.ProcessedWebhookEvent> ProcessedWebhookEvents => Set<Notifications.Email.ProcessedWebhookEvent>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(LiveCallDbContext).Assembly);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // All instants are stored as UTC and read back with Kind = Utc.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
    }
}
