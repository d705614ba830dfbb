using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LiveCall.Core.Calls.Incoming;

internal sealed class RingAcceptLinkConfiguration : IEntityTypeConfiguration<RingAcceptLink>
{
    public void Configure(EntityTypeBuilder<RingAcceptLink> b)
    {
        b.ToTable("RingAcceptLinks");
        b.Property(l => l.TokenHash).HasMaxLength(64);
        b.HasIndex(l => l.TokenHash).IsUnique();
        b.Property(l => l.UserId).HasMaxLength(450);
        b.HasIndex(l => l.CallId);
    }
}
