using LiveCall.Core.Notifications.Email;
using LiveCall.Core.Notifications.Push;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LiveCall.Core.Notifications;

internal sealed class PushSubscriptionConfiguration : IEntityTypeConfiguration<PushSubscription>
{
    public void Configure(EntityTypeBuilder<PushSubscription> b)
    {
        b.Property(s => s.UserId).HasMaxLength(450);
        b.Property(s => s.Endpoint).HasMaxLength(2000);
        b.Property(s => s.P256dh).HasMaxLength(100);
        b.Property(s => s.Auth).HasMaxLength(50);
        b.Property(s => s.UserAgent).HasMaxLength(300);
        b.HasIndex(s => s.Endpoint).IsUnique();
        b.HasIndex(s => s.UserId);
    }
}

internal sealed class VapidKeyPairConfiguration : IEntityTypeConfiguration<VapidKeyPair>
{
    public void Configure(EntityTypeBuilder<VapidKeyPair> b)
    {
        b.Property(k => k.Id).ValueGeneratedNever();
        b.Property(k => k.PublicKey).HasMaxLength(100);
        b.Property(k => k.PrivateKey).HasMaxLength(100);
    }
}

internal sealed class ProcessedWebhookEventConfiguration : IEntityTypeConfiguration<ProcessedWebhookEvent>
{
    public void Configure(EntityTypeBuilder<ProcessedWebhookEvent> b)
    {
        b.HasKey(e => new { e.Provider, e.EventId });
        b.Property(e => e.Provider).HasMaxLength(20);
        b.Property(e => e.EventId).HasMaxLength(100);
        b.Property(e => e.EventType).HasMaxLength(40);
        b.HasIndex(e => e.ReceivedUtc);
    }
}
