using LiveCall.Core.Dealers;
using LiveCall.Core.Notifications.Outbox;
using LiveCall.Core.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LiveCall.Core.Data;

internal sealed class DealerConfiguration : IEntityTypeConfiguration<Dealer>
{
    public void Configure(EntityTypeBuilder<Dealer> b)
    {
        b.Property(d => d.Name).HasMaxLength(120);
        b.Property(d => d.Slug).HasMaxLength(60);
        b.Property(d => d.Country).HasMaxLength(2);
        b.HasIndex(d => d.Slug).IsUnique();
        b.HasMany(d => d.Locations).WithOne(l => l.Dealer).HasForeignKey(l => l.DealerId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class LocationConfiguration : IEntityTypeConfiguration<Location>
{
    public void Configure(EntityTypeBuilder<Location> b)
    {
        b.Property(l => l.Name).HasMaxLength(120);
        b.Property(l => l.Slug).HasMaxLength(60);
        b.Property(l => l.Country).HasMaxLength(2);
        b.Property(l => l.TimeZoneId).HasMaxLength(64);
        b.Property(l => l.OpeningHours).HasConversion(h => h.ToJson(), s => OpeningHours.FromJson(s)).HasMaxLength(2000);
        b.Property(l => l.RingTimeout).HasConversion(t => (long)t.TotalSeconds, s => TimeSpan.FromSeconds(s));
        b.Property(l => l.SmsDelay).HasConversion(t => (long)t.TotalSeconds, s => TimeSpan.FromSeconds(s));
        b.Property(l => l.EmailDelay).HasConversion(t => (long)t.TotalSeconds, s => TimeSpan.FromSeconds(s));
        b.Property(l => l.ShiftLength).HasConversion(t => (long)t.TotalSeconds, s => TimeSpan.FromSeconds(s)).HasDefaultValue(Location.DefaultShiftLength);
        b.Property(l => l.AcceptDeadline).HasConversion(t => (long)t.TotalSeconds, s => TimeSpan.FromSeconds(s)).HasDefaultValue(Location.DefaultAcceptDeadline);
        b.HasIndex(l => new { l.DealerId, l.Slug }).IsUnique();
        b.Ignore(l => l.TimeZone);
    }
}

internal sealed class BrandingConfiguration : IEntityTypeConfiguration<Branding>
{
    public void Configure(EntityTypeBuilder<Branding> b)
    {
        b.Property(x => x.DisplayName).HasMaxLength(120);
        b.Property(x => x.PrimaryColor).HasMaxLength(7);
        b.Property(x => x.WelcomeText).HasMaxLength(1000);
        b.Property(x => x.LogoContentType).HasMaxLength(40);
        b.HasIndex(x => new { x.Level, x.DealerId, x.LocationId }).IsUnique();
    }
}

internal sealed class StaffUserConfiguration : IEntityTypeConfiguration<StaffUser>
{
    public void Configure(EntityTypeBuilder<StaffUser> b)
    {
        b.Property(u => u.DisplayName).HasMaxLength(120);
        b.Property(u => u.Mobile).HasMaxLength(20);
        b.Property(u => u.Language).HasMaxLength(5);
        b.HasIndex(u => new { u.DealerId, u.LocationId });
        b.HasOne<Dealer>().WithMany().HasForeignKey(u => u.DealerId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Location>().WithMany().HasForeignKey(u => u.LocationId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> b)
    {
        b.ToTable("Outbox");
        b.Property(m => m.Recipient).HasMaxLength(2000);
        b.Property(m => m.Subject).HasMaxLength(300);
        b.Property(m => m.LeaseOwner).HasMaxLength(100);
        b.Property(m => m.LastError).HasMaxLength(1000);
        b.Property(m => m.ProviderMessageId).HasMaxLength(200);
        b.Property(m => m.UserId).HasMaxLength(450);
        b.Property(m => m.RequestedByUserId).HasMaxLength(450);
        b.HasIndex(m => m.ProviderMessageId);
        b.HasIndex(m => new { m.Channel, m.Recipient, m.CreatedUtc });
        b.HasIndex(m => new { m.Status, m.NextAttemptUtc });
        b.HasIndex(m => new { m.DealerId, m.CreatedUtc });
        b.HasIndex(m => new { m.LocationId, m.CreatedUtc });
        b.HasIndex(m => new { m.Channel, m.CreatedUtc });
        b.HasIndex(m => m.CallId);
        b.Ignore(m => m.CarriesPersonalLink);
    }
}

internal sealed class CallConfiguration : IEntityTypeConfiguration<Calls.Call>
{
    public void Configure(EntityTypeBuilder<Calls.Call> b)
    {
        b.Property(c => c.AcceptedByUserId).HasMaxLength(450);
        b.Property(c => c.HandledByUserId).HasMaxLength(450);
        b.HasMany(c => c.Participants).WithOne().HasForeignKey(p => p.CallId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(c => new { c.LocationId, c.CreatedUtc });
        b.HasIndex(c => new { c.DealerId, c.CreatedUtc });
        b.HasIndex(c => c.CreatedUtc);
        b.Property(c => c.CustomerBrowserKey).HasMaxLength(44);
        b.Property(c => c.CustomerContactKey).HasMaxLength(44);
        b.Property(c => c.CustomerNetworkKey).HasMaxLength(44);
        b.Ignore(c => c.Duration);
        b.Ignore(c => c.IsOver);
    }
}

internal sealed class CallParticipantConfiguration : IEntityTypeConfiguration<Calls.CallParticipant>
{
    public void Configure(EntityTypeBuilder<Calls.CallParticipant> b)
    {
        b.Property(p => p.DisplayName).HasMaxLength(120);
        b.Property(p => p.UserId).HasMaxLength(450);
        b.Property(p => p.AccessTokenHash).HasMaxLength(64);
        b.HasIndex(p => p.AccessTokenHash).IsUnique();
        b.Ignore(p => p.IsPresent);
        b.Ignore(p => p.IsRevoked);
        b.Property(p => p.InvitedContact).HasMaxLength(254);
        b.Property(p => p.CustomerPhone).HasMaxLength(32);
        b.Property(p => p.CustomerEmail).HasMaxLength(254);
    }
}

internal sealed class StaffPresenceConfiguration : IEntityTypeConfiguration<StaffPresence>
{
    public void Configure(EntityTypeBuilder<StaffPresence> b)
    {
        b.HasKey(p => p.CircuitId);
        b.Property(p => p.CircuitId).HasMaxLength(100);
        b.Property(p => p.InstanceId).HasMaxLength(100);
        b.Property(p => p.UserId).HasMaxLength(450);
        b.HasIndex(p => p.LastSeenUtc);
        b.HasIndex(p => p.InstanceId);
    }
}

internal sealed class StaffDutyConfiguration : IEntityTypeConfiguration<StaffDuty>
{
    public void Configure(EntityTypeBuilder<StaffDuty> b)
    {
        b.ToTable("Duty");
        b.HasKey(d => d.UserId);
        b.Property(d => d.UserId).HasMaxLength(450);
        b.HasOne<StaffUser>().WithOne().HasForeignKey<StaffDuty>(d => d.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class RingTargetConfiguration : IEntityTypeConfiguration<Calls.Incoming.RingTarget>
{
    public void Configure(EntityTypeBuilder<Calls.Incoming.RingTarget> b)
    {
        b.HasKey(t => new { t.CallId, t.UserId });
        b.Property(t => t.UserId).HasMaxLength(450);
        b.HasIndex(t => t.UserId);
    }
}

internal sealed class CallbackRequestConfiguration : IEntityTypeConfiguration<Calls.Incoming.CallbackRequest>
{
    public void Configure(EntityTypeBuilder<Calls.Incoming.CallbackRequest> b)
    {
        b.Property(c => c.Name).HasMaxLength(120);
        b.Property(c => c.Phone).HasMaxLength(32);
        b.Property(c => c.Email).HasMaxLength(254);
        b.Property(c => c.Note).HasMaxLength(Calls.Incoming.CallbackRequest.MaxNoteLength);
        b.Property(c => c.DoneByUserId).HasMaxLength(450);
        b.HasIndex(c => new { c.LocationId, c.DoneUtc, c.CreatedUtc });
        b.HasIndex(c => c.CallId);
    }
}
